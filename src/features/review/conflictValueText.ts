/** The words for fields and values live in ui/fieldText.ts, shared with the edit screens. */
export { fieldLabel, valueText } from '../../ui/fieldText';
