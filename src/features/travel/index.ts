/** What other features may use of travel: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { changeLegStatus, saveLeg, undoLegStatus } from './operations';
export { legsDeparting$, type DayLeg } from './queries';
export { TravelLegsSection } from './TravelLegsSection';
export { useHouseholdLegs } from './useHouseholdLegs';
