/** What other features may use of history: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { RecordHistoryLink } from './RecordHistoryLink';
