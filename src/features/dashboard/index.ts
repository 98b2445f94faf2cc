/** What other features may use of dashboard: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { CallbackTable } from './CallbackTable';
export { defaultPeriod } from './defaultPeriod';
export { formatShare } from './formatShare';
export { useFigureNames } from './useFigureNames';
