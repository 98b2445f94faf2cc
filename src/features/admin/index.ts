/** What other features may use of admin: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { useApiErrorText } from './useApiErrorText';
export { useAdminForm } from './useAdminForm';
