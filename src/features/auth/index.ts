/** What other features may use of auth: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { useMayUse } from './access';
export {
  baseUrl,
  currentAttachmentStore,
  currentToken,
  currentUser,
  readReportItem,
  sealForUser,
  unsealForUser,
} from './session';
export { useSessionRoles, useSessionUser } from './useSession';
