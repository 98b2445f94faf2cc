import { map } from 'rxjs';
import { useDatabase } from '../../app/DatabaseProvider';
import { useLive } from '../../app/useLive';
import type { Conflict } from '../../domain/conflict';
import { isCollectionName } from '../../domain/collections';
import { syncedCollection } from '../../db/database';

/** Open conflicts on this device, oldest first, kept current as they arrive or close by sync. */
export function useOpenConflicts(): Conflict[] | undefined {
  const db = useDatabase();
  return useLive('open-conflicts', () =>
    db.conflicts
      .find({ selector: { status: 'open' }, sort: [{ status: 'asc' }, { updatedAt: 'asc' }] })
      .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Conflict))),
  );
}

/** A name a coordinator recognises for the conflicted record: the family's or the person's. */
export function useRecordLabel(collection: string, id: string): string | undefined {
  const db = useDatabase();
  return useLive(`record-label:${collection}:${id}`, () => {
    const name = isCollectionName(collection) && collection in db.collections ? collection : 'households';
    return syncedCollection(db, name)
      .findOne(id)
      .$.pipe(
        map((doc) => {
          if (!doc || name !== collection) return '';
          const record = doc.toJSON() as Record<string, unknown>;
          const parts = [record.givenName, record.familyName].filter(
            (p): p is string => typeof p === 'string' && p !== '',
          );
          return parts.join(' ');
        }),
      );
  });
}
