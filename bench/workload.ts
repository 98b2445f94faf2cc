/**
 * The bench's record mix: the families of dataset.ts with the work around
 * them, as the issue asks ("households of 1–8 people, travel legs,
 * milestones, calls"). Families registered at the welcome center get onward
 * travel legs (most one, some a connection) and case milestones (hearings,
 * ICE check-ins, filings); families registered with the helpline office
 * get calls, and some calls come from callers not on record.
 *
 * Exactly `documents` records in all, so a figure named for 10,000
 * documents syncs 10,000. About four in five are family records; the rest
 * are their legs, milestones and calls, added family by family until the
 * total is reached (the last families have none yet, as at a real center)
 * and, should the families' own records fall short, calls from callers not
 * on record. Seeded like dataset.ts; every record passes its zod schema.
 */
import { CALL_CATEGORIES, deriveCall, HELPLINE_LANGUAGE_CODES, type Call } from '../src/domain/calls';
import type { Milestone, MilestoneKind } from '../src/domain/milestones';
import { withLegStatus, type LegStatus, type TravelLeg, type TravelMode } from '../src/domain/travel';
import { VERIFICATION_QUESTIONS } from '../src/domain/verification';
import type { WireDocument } from '../src/sync/protocol';
import { generateDataset, seededRandom, type Dataset, type DatasetOptions } from './dataset';

export interface Workload extends Dataset {
  travelLegs: WireDocument[];
  milestones: WireDocument[];
  calls: WireDocument[];
}

export interface WorkloadOptions extends Omit<DatasetOptions, 'siteIds'> {
  welcomeCenterSiteId: string;
  helplineSiteId: string;
}

/** Share of family records (households, people, sensitive); the rest is legs, milestones and calls. */
const FAMILY_SHARE = 0.8;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

const CARRIERS: Record<TravelMode, readonly string[]> = {
  bus: ['Frontera Lines', 'Sunbelt Coach', 'Rio Express'],
  plane: ['Skyway Air', 'Mesa Airlines'],
  train: ['Southwest Rail'],
  car: ['Volunteer driver'],
  other: ['Other'],
};
const STATIONS: Record<TravelMode, string> = {
  bus: 'Downtown bus terminal',
  plane: 'International airport, departures hall',
  train: 'Union station',
  car: 'Welcome center, front door',
  other: 'Welcome center',
};
const MILESTONE_KINDS: readonly MilestoneKind[] = [
  'court_hearing',
  'ice_checkin',
  'change_of_address',
  'asylum_application',
];
const MILESTONE_PLACES: Partial<Record<MilestoneKind, string>> = {
  court_hearing: 'Immigration court, 3rd floor, courtroom 4',
  ice_checkin: 'ICE field office, check-in window',
};
const MILESTONE_NOTES = [
  'Bring the hearing notice and the children’s birth certificates.',
  'Interpreter requested for the hearing.',
  'Sponsor will drive the family; confirm the day before.',
];
const CALL_SUMMARIES = [
  'Asks when the interview will be scheduled.',
  'Cash assistance not received this month.',
  'New baby to add to the household registration.',
  'Refugee ID card expired; asks how to renew.',
  'Reports threats from a neighbour; needs a safe place.',
  'Asks for news of the resettlement submission.',
];
const UNITS = [
  { id: 'protection', callbackHours: 24 },
  { id: 'rsd', callbackHours: 72 },
  { id: 'resettlement', callbackHours: 72 },
  { id: 'data', callbackHours: 48 },
];

function wire<T extends object>(doc: T): WireDocument {
  return { ...doc, _deleted: false } as unknown as WireDocument;
}

export function generateWorkload(options: WorkloadOptions): Workload {
  const families = generateDataset({
    ...options,
    documents: Math.round(options.documents * FAMILY_SHARE),
    siteIds: [options.welcomeCenterSiteId, options.helplineSiteId],
  });
  const random = seededRandom(options.seed ^ 0x1e95);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const iso = (ms: number) => new Date(ms).toISOString();
  const now = options.now ?? Date.parse('2026-06-01T12:00:00.000Z');
  const prefix = options.idPrefix ?? 'b';
  let serial = 0;
  const nextId = (kind: string) => `${prefix}-${kind}-${(serial++).toString(36).padStart(6, '0')}`;

  const out: Workload = { ...families, travelLegs: [], milestones: [], calls: [] };
  const room = () =>
    options.documents -
    families.households.length -
    families.people.length -
    families.sensitive.length -
    out.travelLegs.length -
    out.milestones.length -
    out.calls.length;
  const push = (collection: 'travelLegs' | 'milestones' | 'calls', doc: object) => {
    if (room() > 0) out[collection].push(wire(doc));
  };

  const peopleOf = new Map<string, WireDocument[]>();
  for (const person of families.people) {
    const id = String(person.householdId);
    peopleOf.set(id, [...(peopleOf.get(id) ?? []), person]);
  }
  const metaOf = (siteId: string, at: number, by: string) => ({
    siteId,
    createdAt: iso(at),
    updatedAt: iso(at),
    updatedBy: by,
    deviceId: `tablet-${Math.floor(random() * 12)}`,
  });

  function travelLegs(household: WireDocument, registered: number, seats: number) {
    const destination = household.destination as { city?: string; region?: string };
    if (!destination.city || !chance(0.85)) return;
    const caseworker = `caseworker-${Math.floor(random() * 10)}`;
    let departure =
      registered + (1 + Math.floor(random() * 3)) * DAY_MS + (6 + Math.floor(random() * 14)) * HOUR_MS;
    for (let legIndex = 0; legIndex < (chance(0.2) ? 2 : 1); legIndex++) {
      const mode: TravelMode =
        legIndex === 1 ? 'bus' : chance(0.75) ? 'bus' : chance(0.7) ? 'plane' : 'train';
      const driver = `driver-${Math.floor(random() * 6)}`;
      const arrival = departure + (mode === 'plane' ? 5 : 22) * HOUR_MS;
      const past = departure < now;
      const path: LegStatus[] = past
        ? chance(0.9)
          ? ['ticketed', 'picked_up', 'at_station', 'boarded']
          : ['ticketed', 'no_show']
        : chance(0.7)
          ? ['ticketed']
          : [];
      const planned = { status: 'planned' as LegStatus, statusHistory: {} as TravelLeg['statusHistory'] };
      const travelled = path.reduce(
        (leg, status, step) =>
          withLegStatus(
            leg,
            status,
            status === 'ticketed' ? caseworker : driver,
            new Date(status === 'ticketed' ? registered + HOUR_MS : departure - (90 - step * 30) * 60_000),
            nextId('e'),
          ),
        planned,
      );
      const leg: TravelLeg = {
        ...metaOf(String(household.siteId), registered + HOUR_MS, caseworker),
        id: nextId('l'),
        householdId: String(household.id),
        mode,
        carrier: pick(CARRIERS[mode]),
        departureAt: iso(departure),
        departurePlace: legIndex === 0 ? STATIONS[mode] : 'Connection terminal',
        arrivalAt: iso(arrival),
        arrivalPlace: `${destination.city}${destination.region ? `, ${destination.region}` : ''}`,
        bookingReference: Math.floor(random() * 36 ** 6)
          .toString(36)
          .toUpperCase()
          .padStart(6, '0'),
        seats,
        status: travelled.status,
        statusHistory: travelled.statusHistory,
        ...(legIndex === 0 ? { driverId: driver, pickupAt: iso(departure - 90 * 60_000) } : {}),
        pickupPlace: 'Welcome center, front door',
      };
      if (path.length > 0) leg.updatedAt = iso(Math.min(now, Math.max(registered + HOUR_MS, departure)));
      push('travelLegs', leg);
      departure = arrival + 2 * HOUR_MS;
    }
  }

  function milestones(household: WireDocument, registered: number, head: WireDocument | undefined) {
    const caseworker = `caseworker-${Math.floor(random() * 10)}`;
    for (const kind of MILESTONE_KINDS) {
      if (!chance(0.3)) continue;
      const due =
        registered + (14 + Math.floor(random() * 380)) * DAY_MS + (9 + Math.floor(random() * 7)) * HOUR_MS;
      const milestone: Milestone = {
        ...metaOf(String(household.siteId), registered + 2 * HOUR_MS, caseworker),
        id: nextId('m'),
        householdId: String(household.id),
        ...(kind === 'asylum_application' && head ? { personId: String(head.id) } : {}),
        kind,
        dueAt: iso(due),
        status: due < now ? pick(['done', 'done', 'done', 'missed', 'upcoming'] as const) : 'upcoming',
        ...(MILESTONE_PLACES[kind] ? { place: MILESTONE_PLACES[kind] } : {}),
        ...(chance(0.3) ? { notes: pick(MILESTONE_NOTES) } : {}),
      };
      push('milestones', milestone);
    }
  }

  function call(siteId: string, started: number, household?: WireDocument, caller?: WireDocument) {
    const agent = `agent-${Math.floor(random() * 8)}`;
    const attempts: Call['verification']['attempts'] = {};
    if (household) {
      attempts[nextId('v')] = {
        at: iso(started + 60_000),
        by: agent,
        passed: chance(0.9),
        questionIds: [...new Set([pick(VERIFICATION_QUESTIONS), pick(VERIFICATION_QUESTIONS)])],
      };
    }
    const assignments: Call['assignments'] = {};
    const callbacks: Call['callbacks'] = {};
    let outcome: Call['outcome'] = { kind: 'resolved_on_call' };
    if (chance(0.35)) {
      const unit = pick(UNITS);
      const due = started + unit.callbackHours * HOUR_MS;
      outcome = { kind: 'escalated', unitId: unit.id, callbackDueAt: iso(due) };
      assignments[nextId('a')] = { unitId: unit.id, at: iso(started + 5 * 60_000), by: agent };
      if (due < now && chance(0.9)) {
        callbacks[nextId('c')] = {
          at: iso(started + (due - started) * 0.6),
          by: `officer-${unit.id}`,
          result: 'reached',
        };
      }
    } else if (chance(0.08)) {
      outcome = { kind: 'voicemail_followup', callbackDueAt: iso(started + 4 * HOUR_MS) };
    }
    const record = deriveCall({
      ...metaOf(siteId, started, agent),
      id: nextId('k'),
      startedAt: iso(started),
      endedAt: iso(started + (2 + random() * 10) * 60_000),
      agentId: agent,
      ...(chance(0.9) ? { callerPhone: `+2547${String(Math.floor(random() * 1e8)).padStart(8, '0')}` } : {}),
      callerLanguage: chance(0.5) ? pick(HELPLINE_LANGUAGE_CODES.slice(0, 4)) : pick(HELPLINE_LANGUAGE_CODES),
      category: pick(CALL_CATEGORIES),
      summary: pick(CALL_SUMMARIES),
      ...(household ? { householdId: String(household.id) } : {}),
      ...(caller ? { personId: String(caller.id) } : {}),
      verification: { attempts },
      outcome,
      callbacks,
      assignments,
    } satisfies Omit<Call, 'verificationStatus' | 'status' | 'dueAt' | 'assignedUnitId' | 'assignedTo'>);
    push('calls', record);
  }

  for (const household of families.households) {
    if (room() <= 0) break;
    const registered = Date.parse(String(household.createdAt));
    const members = peopleOf.get(String(household.id)) ?? [];
    if (household.siteId === options.welcomeCenterSiteId) {
      travelLegs(household, registered, Math.max(1, members.length));
      milestones(household, registered, members[0]);
    } else {
      const calls = chance(0.7) ? 1 + (chance(0.5) ? 1 : 0) + (chance(0.3) ? 1 : 0) : 0;
      for (let i = 0; i < calls; i++) {
        call(
          options.helplineSiteId,
          registered + random() * (now - registered),
          household,
          chance(0.5) ? pick(members) : undefined,
        );
      }
    }
  }
  // Callers not on record fill what the families' own records left.
  while (room() > 0) call(options.helplineSiteId, now - random() * 365 * DAY_MS);
  return out;
}
