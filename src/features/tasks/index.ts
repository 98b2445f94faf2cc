/** What other features may use of tasks: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { FamilyTasksSection } from './FamilyTasksSection';
export { ReminderCount, ReminderNotifications } from './RemindersLink';
