/** The words for fields and values live in ui/fieldText.ts, shared with the edit screens. */
import { COLLECTIONS, isCollectionName, isDerivedField } from '../../domain/collections';

export { fieldLabel, valueText, readableValue as readable } from '../../ui/fieldText';

/**
 * Whether a top-level field of `content` is computed by the collection from
 * its other fields (a search key): not something a person edited, so not
 * listed among an edit's changes.
 */
export function isComputedField(collection: string, content: Record<string, unknown>, field: string): boolean {
  return isCollectionName(collection) && isDerivedField(COLLECTIONS[collection], content, field);
}
