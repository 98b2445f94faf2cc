import { useDatabase } from '../../app/DatabaseProvider';
import { useLive } from '../../app/useLive';
import type { TravelLeg } from '../../domain/travel';
import { householdLegs$ } from './queries';

/** A family's travel legs in journey order, kept current; undefined while loading. */
export function useHouseholdLegs(householdId: string): TravelLeg[] | undefined {
  const db = useDatabase();
  return useLive(`legs:${householdId}`, () => householdLegs$(db, householdId));
}
