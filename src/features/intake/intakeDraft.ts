/**
 * A half-filled registration kept while the volunteer looks at another
 * screen, restored when they open "Register a family" again.
 *
 * Kept in memory, keyed by the open device database: it belongs to the
 * signed-in, unlocked user only, and goes with their keys on lock or
 * sign-out (a new unlock opens a new database object). It never touches
 * localStorage or any unencrypted storage, because it holds personal data.
 */
import type { DefaultValues } from 'react-hook-form';
import type { WaystationDatabase } from '../../db/database';
import type { HouseholdDraftInput } from '../../domain/householdDraft';

export type IntakeDraftValues = DefaultValues<HouseholdDraftInput>;

const drafts = new WeakMap<WaystationDatabase, IntakeDraftValues>();

export function keptIntakeDraft(db: WaystationDatabase): IntakeDraftValues | undefined {
  return drafts.get(db);
}

export function keepIntakeDraft(db: WaystationDatabase, values: IntakeDraftValues): void {
  // A copy: the form goes on changing the object it reported.
  drafts.set(db, structuredClone(values));
}

export function discardIntakeDraft(db: WaystationDatabase): void {
  drafts.delete(db);
}
