/** What other features may use of export: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { downloadCsv } from './exportAudit';
