/** What other features may use of demo: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { DemoAccounts } from './DemoAccounts';
