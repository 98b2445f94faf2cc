/** What other features may use of itinerary: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { familyLanguage } from './familyLanguage';
export { FamilyLanguageSelect } from './FamilyLanguageSelect';
