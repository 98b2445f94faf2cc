/** What other features may use of welcomeCenter: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { RequireWelcomeCenterAccess } from './access';
