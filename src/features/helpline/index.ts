/** What other features may use of helpline: the rest of the folder is its own (eslint.config.js, FEATURE_IMPORTS). */
export { officeHoursOf } from './config';
export { HelplineProvider, useHelpline } from './HelplineProvider';
export { reassignCall, recordCallback } from './operations';
export { openCalls$ } from './queries';
