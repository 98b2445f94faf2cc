/**
 * Case management's reads, each through an index: a family's milestones and
 * notes by `householdId`, the due-soon view by (status, dueAt).
 */
import { combineLatest, map, of, switchMap, type Observable } from 'rxjs';
import type { Milestone } from '../../domain/milestones';
import { timelineOrder, type CaseNote } from '../../domain/caseNotes';
import { byUrgency } from '../../domain/deadlines';
import type { Household } from '../../domain/household';
import type { WaystationDatabase } from '../../db/database';

export function householdMilestones$(db: WaystationDatabase, householdId: string): Observable<Milestone[]> {
  return db.milestones
    .find({ selector: { householdId } })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as Milestone).sort(byUrgency)));
}

export function householdNotes$(db: WaystationDatabase, householdId: string): Observable<CaseNote[]> {
  return db.caseNotes
    .find({ selector: { householdId }, sort: [{ householdId: 'asc' }, { writtenAt: 'asc' }] })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as CaseNote).sort(timelineOrder)));
}

export interface DueMilestone {
  milestone: Milestone;
  familyName?: string;
}

/** Upcoming milestones due before `until` (overdue ones included), soonest first, with their family's name. */
export function dueMilestones$(db: WaystationDatabase, until: Date): Observable<DueMilestone[]> {
  return db.milestones
    .find({
      selector: { status: 'upcoming', dueAt: { $lte: until.toISOString() } },
      sort: [{ status: 'asc' }, { dueAt: 'asc' }],
    })
    .$.pipe(
      map((docs) => docs.map((d) => d.toJSON() as Milestone)),
      switchMap((milestones) => {
        const ids = [...new Set(milestones.map((m) => m.householdId))];
        const names$: Observable<Map<string, string>> = ids.length
          ? db.households
              .findByIds(ids)
              .$.pipe(map((found) => new Map([...found.values()].map((h) => [h.id, (h.toJSON() as Household).familyName]))))
          : of(new Map<string, string>());
        return combineLatest([of(milestones), names$]);
      }),
      map(([milestones, names]) =>
        milestones.map((milestone) => {
          const familyName = names.get(milestone.householdId);
          return familyName === undefined ? { milestone } : { milestone, familyName };
        }),
      ),
    );
}
