/**
 * The welcome center's figures (BRIEF §5): families and children received,
 * nationalities, departures, destinations, open tasks and overdue milestones.
 * Pure functions of the records on the device, so dashboards and monthly
 * reports work offline and every number has a test worked out by hand.
 *
 * Definitions (what a donor report means by each word):
 * - received: a household whose arrival date is in the period. Registrations
 *   merged into another one (status "merged") are the same family and never
 *   count twice.
 * - child: a member under 18 on the family's arrival date (person.ts isChild);
 *   a member of unknown age is counted as a person, not as a child.
 * - departure: a family's journey leaving the center, counted once on the day
 *   of its first leg that was not cancelled and not a no-show. A family whose
 *   bus and plane legs both fall in the period departs once. A leg scheduled
 *   after `now` has not left yet: the family has not departed (a report of
 *   the current month counts departures up to now, as the dashboard does).
 * - destination: the family's destination as registered (city, country).
 */
import type { Household } from '../household';
import { isChild, type Person } from '../person';
import type { TravelLeg } from '../travel';
import type { Task } from '../tasks';
import type { Milestone } from '../milestones';
import { atSite, daysOf, inPeriod, isoWeekOf, dayOf, rankCounts, type ReportFilter } from './period';

export type ReportHousehold = Pick<Household, 'id' | 'siteId' | 'arrivalDate' | 'status' | 'destination'>;
export type ReportPerson = Pick<Person, 'id' | 'householdId' | 'dateOfBirth' | 'estimatedAge' | 'ageEstimatedOn' | 'createdAt' | 'nationality'>;
export type ReportLeg = Pick<TravelLeg, 'id' | 'siteId' | 'householdId' | 'departureAt' | 'status' | 'seats'>;

export const UNKNOWN = 'unknown';

/** Households received in the period at the site (merged registrations excluded). */
export function receivedHouseholds<H extends ReportHousehold>(households: readonly H[], filter: ReportFilter): H[] {
  return households.filter((h) => h.status !== 'merged' && atSite(h, filter) && inPeriod(h.arrivalDate, filter));
}

export function membersByHousehold<P extends Pick<Person, 'householdId'>>(people: readonly P[]): Map<string, P[]> {
  const byHousehold = new Map<string, P[]>();
  for (const person of people) {
    const list = byHousehold.get(person.householdId);
    if (list) list.push(person);
    else byHousehold.set(person.householdId, [person]);
  }
  return byHousehold;
}

export interface ReceivedCount {
  /** A day (YYYY-MM-DD) or an ISO week (YYYY-Www). */
  period: string;
  families: number;
  people: number;
  children: number;
}

/** Families, people and children received on each day of the period (quiet days included, as zeros). */
export function receivedPerDay(
  households: readonly ReportHousehold[],
  people: readonly ReportPerson[],
  filter: ReportFilter,
): ReceivedCount[] {
  const rows = new Map(daysOf(filter).map((day) => [day, { period: day, families: 0, people: 0, children: 0 }]));
  const members = membersByHousehold(people);
  for (const household of receivedHouseholds(households, filter)) {
    const row = rows.get(household.arrivalDate);
    if (!row) continue;
    const list = members.get(household.id) ?? [];
    row.families += 1;
    row.people += list.length;
    row.children += list.filter((p) => isChild(p, household.arrivalDate)).length;
  }
  return [...rows.values()];
}

/** The same counts by ISO week (a week partly outside the period counts only its days inside). */
export function receivedPerWeek(
  households: readonly ReportHousehold[],
  people: readonly ReportPerson[],
  filter: ReportFilter,
): ReceivedCount[] {
  const weeks = new Map<string, ReceivedCount>();
  for (const day of receivedPerDay(households, people, filter)) {
    const week = isoWeekOf(day.period);
    const row = weeks.get(week) ?? { period: week, families: 0, people: 0, children: 0 };
    row.families += day.families;
    row.people += day.people;
    row.children += day.children;
    weeks.set(week, row);
  }
  return [...weeks.values()];
}

/** Totals over the period. */
export function receivedTotals(
  households: readonly ReportHousehold[],
  people: readonly ReportPerson[],
  filter: ReportFilter,
): Omit<ReceivedCount, 'period'> {
  return receivedPerDay(households, people, filter).reduce(
    (sum, day) => ({
      families: sum.families + day.families,
      people: sum.people + day.people,
      children: sum.children + day.children,
    }),
    { families: 0, people: 0, children: 0 },
  );
}

/** People received in the period by nationality (ISO 3166 code, or "unknown"), largest first. */
export function nationalities(
  households: readonly ReportHousehold[],
  people: readonly ReportPerson[],
  filter: ReportFilter,
): { key: string; count: number }[] {
  const received = new Set(receivedHouseholds(households, filter).map((h) => h.id));
  const counts = new Map<string, number>();
  for (const person of people) {
    if (!received.has(person.householdId)) continue;
    const key = person.nationality ?? UNKNOWN;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return rankCounts(counts);
}

const NOT_TRAVELLING = new Set<TravelLeg['status']>(['cancelled', 'no_show']);

export interface Departure {
  householdId: string;
  siteId: string;
  day: string;
  /** Seats on the family's first leg: the people who left. */
  people: number;
}

/** Each family's departure by `now`: its earliest leg that left by then and is neither cancelled nor a no-show. */
export function departures(legs: readonly ReportLeg[], now: Date): Departure[] {
  const first = new Map<string, ReportLeg>();
  const nowMs = now.getTime();
  for (const leg of legs) {
    if (NOT_TRAVELLING.has(leg.status)) continue;
    if (Date.parse(leg.departureAt) > nowMs) continue;
    const current = first.get(leg.householdId);
    if (!current || leg.departureAt < current.departureAt || (leg.departureAt === current.departureAt && leg.id < current.id)) {
      first.set(leg.householdId, leg);
    }
  }
  return [...first.values()].map((leg) => ({
    householdId: leg.householdId,
    siteId: leg.siteId,
    day: dayOf(leg.departureAt),
    people: leg.seats,
  }));
}

export function departuresInPeriod(legs: readonly ReportLeg[], filter: ReportFilter, now: Date): Departure[] {
  return departures(legs, now).filter((d) => atSite(d, filter) && inPeriod(d.day, filter));
}

/** Families and people departing on each day of the period. */
export function departuresPerDay(
  legs: readonly ReportLeg[],
  filter: ReportFilter,
  now: Date,
): { day: string; families: number; people: number }[] {
  const rows = new Map(daysOf(filter).map((day) => [day, { day, families: 0, people: 0 }]));
  for (const departure of departuresInPeriod(legs, filter, now)) {
    const row = rows.get(departure.day);
    if (!row) continue;
    row.families += 1;
    row.people += departure.people;
  }
  return [...rows.values()];
}

/** "City, CC", "CC" or "unknown": one key per registered destination. */
export function destinationKey(destination: ReportHousehold['destination']): string {
  const city = destination.city?.trim();
  const parts = [city, destination.country].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(', ') : UNKNOWN;
}

/** Destinations of the families that departed in the period, most families first. */
export function topDestinations(
  households: readonly ReportHousehold[],
  legs: readonly ReportLeg[],
  filter: ReportFilter,
  now: Date,
  limit = 10,
): { key: string; count: number }[] {
  const byId = new Map(households.map((h) => [h.id, h]));
  const counts = new Map<string, number>();
  for (const departure of departuresInPeriod(legs, filter, now)) {
    const household = byId.get(departure.householdId);
    const key = household ? destinationKey(household.destination) : UNKNOWN;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return rankCounts(counts, limit);
}

/** Open tasks at the site now, and how many of them are past their due time. */
export function openTasks(
  tasks: readonly Pick<Task, 'siteId' | 'status' | 'dueAt'>[],
  now: Date,
  filter: Pick<ReportFilter, 'siteId'>,
): { open: number; overdue: number } {
  const nowIso = now.toISOString();
  let open = 0;
  let overdue = 0;
  for (const task of tasks) {
    if (task.status !== 'open' || !atSite(task, filter)) continue;
    open += 1;
    if (task.dueAt < nowIso) overdue += 1;
  }
  return { open, overdue };
}

/** Upcoming milestones (hearings, check-ins, filing deadlines) whose time has passed without being marked done. */
export function overdueMilestones(
  milestones: readonly Pick<Milestone, 'siteId' | 'status' | 'dueAt' | 'kind'>[],
  now: Date,
  filter: Pick<ReportFilter, 'siteId'>,
): { total: number; byKind: { key: string; count: number }[] } {
  const nowIso = now.toISOString();
  const counts = new Map<string, number>();
  let total = 0;
  for (const milestone of milestones) {
    if (milestone.status !== 'upcoming' || milestone.dueAt >= nowIso || !atSite(milestone, filter)) continue;
    total += 1;
    counts.set(milestone.kind, (counts.get(milestone.kind) ?? 0) + 1);
  }
  return { total, byKind: rankCounts(counts) };
}
