import { useDatabase } from '../../app/DatabaseProvider';
import { useLive } from '../../app/useLive';
import type { CaseNote } from '../../domain/caseNotes';
import type { Milestone } from '../../domain/milestones';
import { dueMilestones$, householdMilestones$, householdNotes$, type DueMilestone } from './queries';

export function useHouseholdMilestones(householdId: string): Milestone[] | undefined {
  const db = useDatabase();
  return useLive(`milestones:${householdId}`, () => householdMilestones$(db, householdId));
}

export function useHouseholdNotes(householdId: string): CaseNote[] | undefined {
  const db = useDatabase();
  return useLive(`notes:${householdId}`, () => householdNotes$(db, householdId));
}

/** Upcoming milestones due up to `until` (an ISO instant; overdue included). */
export function useDueMilestones(until: string): DueMilestone[] | undefined {
  const db = useDatabase();
  return useLive(`due:${until}`, () => dueMilestones$(db, new Date(until)));
}
