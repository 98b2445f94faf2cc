/** What other features may use of audit: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { useReportSensitiveRead } from './useReportSensitiveRead';
