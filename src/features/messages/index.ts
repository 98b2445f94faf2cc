/** What other features use of messages to families and callers. */
export { useMessageSettings } from './useMessageSettings';
export { CallerMessagesList } from './CallerMessagesList';
export { FamilyMessagesSection } from './FamilyMessagesSection';
