import { useDatabase } from '../../app/DatabaseProvider';
import { useLive } from '../../app/useLive';
import { startOfLocalDay } from '../../app/dateTime';
import { legsDeparting$, type DayLeg } from '../travel';

/** Legs departing on a calendar day (device time zone), by pick-up time; undefined while loading. */
export function useDayLegs(isoDate: string): DayLeg[] | undefined {
  const db = useDatabase();
  return useLive(`day:${isoDate}`, () => {
    const from = startOfLocalDay(isoDate);
    const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + 1);
    return legsDeparting$(db, from, to);
  });
}
