import { map, type Observable } from 'rxjs';
import type { Call } from '../../domain/calls';
import type { WaystationDatabase } from '../../db/database';

/** Escalations a call-back closed (a promise was owed: dueAt is set), kept current; the "Done" view orders them. */
export function closedEscalations$(db: WaystationDatabase): Observable<Call[]> {
  return db.calls
    .find({ selector: { status: 'closed', dueAt: { $gt: '' } }, sort: [{ status: 'asc' }, { dueAt: 'asc' }] })
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Call)));
}
