/**
 * Travel's reads, each through an index: a family's legs by `householdId`,
 * a day's legs by a `departureAt` range.
 */
import { combineLatest, map, of, switchMap, type Observable } from 'rxjs';
import { byDeparture, pickupTimeOf, type TravelLeg } from '../../domain/travel';
import type { Household } from '../../domain/household';
import type { WaystationDatabase } from '../../db/database';

export function householdLegs$(db: WaystationDatabase, householdId: string): Observable<TravelLeg[]> {
  return db.travelLegs
    .find({ selector: { householdId } })
    .$.pipe(map((docs) => docs.map((d) => d.toJSON() as TravelLeg).sort(byDeparture)));
}

export interface DayLeg {
  leg: TravelLeg;
  /** What the driver may see of the family (a driver's device holds only these fields). */
  household?: Pick<Household, 'id' | 'familyName' | 'contactPhone' | 'destination'>;
}

/** Legs departing in [from, to), by pick-up time, with their families. */
export function legsDeparting$(db: WaystationDatabase, from: Date, to: Date): Observable<DayLeg[]> {
  return db.travelLegs
    .find({
      selector: { departureAt: { $gte: from.toISOString(), $lt: to.toISOString() } },
      sort: [{ departureAt: 'asc' }],
    })
    .$.pipe(
      map((docs) => docs.map((d) => d.toJSON() as TravelLeg)),
      switchMap((legs) => {
        const ids = [...new Set(legs.map((leg) => leg.householdId))];
        const households$: Observable<Map<string, Household>> = ids.length
          ? db.households
              .findByIds(ids)
              .$.pipe(map((found) => new Map([...found.values()].map((h) => [h.id, h.toJSON() as Household]))))
          : of(new Map<string, Household>());
        return combineLatest([of(legs), households$]);
      }),
      map(([legs, households]) =>
        legs
          .map((leg): DayLeg => {
            const household = households.get(leg.householdId);
            return household ? { leg, household } : { leg };
          })
          .sort(
            (a, b) =>
              pickupTimeOf(a.leg).localeCompare(pickupTimeOf(b.leg)) || a.leg.id.localeCompare(b.leg.id),
          ),
      ),
    );
}
