/** What other features may use of coordination: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { RequireCoordination, useMayCoordinate } from './access';
export { inChunks, loadAll, type Progress } from './loadRecords';
export { ProgressBar } from './ProgressBar';
export { ReportFilterFields } from './ReportFilterFields';
export { useDeviceRecords } from './useDeviceRecords';
