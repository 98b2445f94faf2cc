/** What other features may use of duplicates: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { MergeHouseholdPanel } from './MergeHouseholdPanel';
