/**
 * A small dataset for the report tests. Every expected number in the tests is
 * worked out by hand from these records; the comments say why each record is
 * here. Period under test: Monday 2 March to Tuesday 10 March 2026.
 */
import type { ReportHousehold, ReportLeg, ReportPerson } from './welcomeCenter';
import type { ReportCall } from './helpline';
import type { Task } from '../tasks';
import type { Milestone } from '../milestones';

export const WC = 'wc';
export const OTHER = 'other';

function household(id: string, siteId: string, arrivalDate: string, status: ReportHousehold['status'], destination: ReportHousehold['destination']): ReportHousehold {
  return { id, siteId, arrivalDate, status, destination };
}

export const households: ReportHousehold[] = [
  household('h1', WC, '2026-03-02', 'active', { city: 'Denver', country: 'US' }),
  household('h2', WC, '2026-03-02', 'departed', { city: 'Chicago', country: 'US' }),
  household('h3', WC, '2026-03-09', 'active', { country: 'CA' }),
  household('h4', WC, '2026-03-05', 'merged', { city: 'Denver', country: 'US' }), // merged into another: never counted
  household('h5', OTHER, '2026-03-03', 'active', { city: 'Denver', country: 'US' }), // another site
  household('h6', WC, '2026-02-28', 'active', { city: 'Denver', country: 'US' }), // arrived before the period
];

const created = '2026-03-01T08:00:00.000Z';
function person(id: string, householdId: string, age: { dateOfBirth?: string; estimatedAge?: number }, nationality?: string): ReportPerson {
  return { id, householdId, createdAt: created, ...age, ...(nationality ? { nationality } : {}) };
}

export const people: ReportPerson[] = [
  person('p1', 'h1', { dateOfBirth: '1990-01-01' }, 'GT'), // adult
  person('p2', 'h1', { dateOfBirth: '2015-06-01' }, 'GT'), // 10: child
  person('p3', 'h1', { estimatedAge: 17 }, 'GT'), // estimated 17 the day before arrival: child
  person('p4', 'h2', { dateOfBirth: '1985-05-05' }, 'HN'), // adult
  person('p5', 'h2', { dateOfBirth: '2008-03-02' }), // 18 on the day of arrival: adult; nationality unknown
  person('p6', 'h3', { dateOfBirth: '2020-01-01' }, 'VE'), // child
  person('p7', 'h3', {}, 'VE'), // age unknown: a person, not a child
  person('p8', 'h4', { dateOfBirth: '2019-01-01' }, 'GT'), // merged household
  person('p9', 'h5', { dateOfBirth: '2019-01-01' }, 'CO'), // other site
  person('p10', 'h6', { dateOfBirth: '1980-01-01' }, 'EC'), // arrived before the period
];

function leg(id: string, householdId: string, siteId: string, departureAt: string, status: ReportLeg['status'], seats: number): ReportLeg {
  return { id, householdId, siteId, departureAt, status, seats };
}

export const legs: ReportLeg[] = [
  leg('l1', 'h1', WC, '2026-03-03T15:00:00.000Z', 'ticketed', 3), // h1 departs 3 March…
  leg('l2', 'h1', WC, '2026-03-04T09:00:00.000Z', 'planned', 3), // …its second leg is the same journey
  leg('l3', 'h2', WC, '2026-03-03T23:30:00-05:00', 'boarded', 2), // 4 March in UTC
  leg('l4', 'h3', WC, '2026-03-10T08:00:00.000Z', 'cancelled', 2), // cancelled: not a departure…
  leg('l5', 'h3', WC, '2026-03-11T08:00:00.000Z', 'planned', 2), // …h3 leaves on 11 March, after the period
  leg('l6', 'h6', WC, '2026-03-02T12:00:00.000Z', 'no_show', 1), // missed: not a departure…
  leg('l7', 'h6', WC, '2026-03-05T12:00:00.000Z', 'boarded', 1), // …h6 leaves on 5 March
  leg('l8', 'h5', OTHER, '2026-03-04T10:00:00.000Z', 'boarded', 1), // other site
];

export const NOW = new Date('2026-03-10T12:00:00.000Z');

type ReportTask = Pick<Task, 'siteId' | 'status' | 'dueAt'>;
export const tasks: ReportTask[] = [
  { siteId: WC, status: 'open', dueAt: '2026-03-09T12:00:00.000Z' }, // overdue
  { siteId: WC, status: 'open', dueAt: '2026-03-11T12:00:00.000Z' }, // open, not yet due
  { siteId: WC, status: 'done', dueAt: '2026-03-01T12:00:00.000Z' }, // done
  { siteId: OTHER, status: 'open', dueAt: '2026-03-01T12:00:00.000Z' }, // other site, overdue
];

type ReportMilestone = Pick<Milestone, 'siteId' | 'status' | 'dueAt' | 'kind'>;
export const milestones: ReportMilestone[] = [
  { siteId: WC, status: 'upcoming', dueAt: '2026-03-09T14:00:00.000Z', kind: 'court_hearing' }, // overdue
  { siteId: WC, status: 'upcoming', dueAt: '2026-03-08T14:00:00.000Z', kind: 'ice_checkin' }, // overdue
  { siteId: WC, status: 'upcoming', dueAt: '2026-03-12T14:00:00.000Z', kind: 'court_hearing' }, // still ahead
  { siteId: WC, status: 'done', dueAt: '2026-03-01T14:00:00.000Z', kind: 'asylum_application' }, // done
  { siteId: OTHER, status: 'upcoming', dueAt: '2026-03-01T14:00:00.000Z', kind: 'court_hearing' }, // other site, overdue
];

// Helpline: period 15 January – 31 March 2026, counted on 2 April.
export const HL = 'hl';
export const HELPLINE_NOW = new Date('2026-04-02T00:00:00.000Z');

function call(
  id: string,
  startedAt: string,
  callerLanguage: string,
  outcome: ReportCall['outcome'],
  callbacks: ReportCall['callbacks'],
  status: ReportCall['status'],
  siteId = HL,
): ReportCall {
  return { id, siteId, startedAt, callerLanguage, callbacks, status, ...(outcome ? { outcome } : {}) };
}
const cb = (at: string, result: 'reached' | 'no_answer_retry' | 'closed') => ({ at, by: 'officer', result });

export const calls: ReportCall[] = [
  call('c1', '2026-01-20T09:00:00.000Z', 'so', { kind: 'resolved_on_call' }, {}, 'closed'),
  // Called back the day before the promise: on time.
  call('c2', '2026-02-03T09:00:00.000Z', 'so', { kind: 'escalated', unitId: 'resettlement', callbackDueAt: '2026-02-06T09:00:00.000Z' }, { a: cb('2026-02-05T10:00:00.000Z', 'reached') }, 'closed'),
  // First attempt a day late (no answer), reached later: late.
  call('c3', '2026-02-10T09:00:00.000Z', 'sw', { kind: 'escalated', unitId: 'resettlement', callbackDueAt: '2026-02-12T09:00:00.000Z' }, { b: cb('2026-02-14T08:00:00.000Z', 'reached'), a: cb('2026-02-13T08:00:00.000Z', 'no_answer_retry') }, 'closed'),
  // Never called back, promise long past: late.
  call('c4', '2026-03-05T09:00:00.000Z', 'sw', { kind: 'escalated', unitId: 'protection', callbackDueAt: '2026-03-07T09:00:00.000Z' }, {}, 'open'),
  // Promise due after "now": pending.
  call('c5', '2026-03-30T09:00:00.000Z', 'am', { kind: 'escalated', unitId: 'protection', callbackDueAt: '2026-04-03T09:00:00.000Z' }, {}, 'open'),
  // A voicemail: not an answered call, but its call-back was on time.
  call('c6', '2026-03-12T09:00:00.000Z', 'am', { kind: 'voicemail_followup', callbackDueAt: '2026-03-13T09:00:00.000Z' }, { x: cb('2026-03-13T08:00:00.000Z', 'closed') }, 'closed'),
  // Still being logged: answered, no outcome yet.
  call('c7', '2026-03-20T09:00:00.000Z', 'en', undefined, {}, 'open'),
  call('c8', '2026-03-21T09:00:00.000Z', 'en', { kind: 'resolved_on_call' }, {}, 'closed', OTHER), // other site
  call('c9', '2026-01-10T09:00:00.000Z', 'so', { kind: 'resolved_on_call' }, {}, 'closed'), // before the period
  call('c10', '2026-03-31T23:30:00-03:00', 'so', { kind: 'resolved_on_call' }, {}, 'closed'), // 1 April in UTC
];
