/** What other features may use of intake: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { findDuplicateCandidates } from './candidates';
export type { FamilySections } from './HouseholdDetailPage';
export { NotFoundError, saveHousehold, ValidationError, type Actor } from './operations';
export { searchHouseholds } from './queries';
export { useErrorText } from './useErrorText';
export { useHouseholdDetail } from './useHouseholdDetail';
export { useHouseholdSearch } from './useHouseholdSearch';
