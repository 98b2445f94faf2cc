/** What other features may use of requests: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { PersonRequestLink } from './PersonRequestLink';
