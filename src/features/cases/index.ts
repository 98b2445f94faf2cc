/** What other features may use of cases: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { CaseNotesSection } from './CaseNotesSection';
export { DueBadge } from './DueBadge';
export { useHouseholdMilestones } from './hooks';
export { MilestonesSection } from './MilestonesSection';
export { addCaseNote } from './operations';
