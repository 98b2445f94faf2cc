/**
 * The demo's dataset: the benchmark's families (dataset.ts, same generator,
 * same seeds) with the work around them — travel legs from two days ago to
 * three days ahead with a driver, milestones and tasks (some overdue), case
 * notes, and two months of helpline calls escalated to several units (some
 * call-backs kept late, some still open past their promise).
 *
 * Everything is invented: names are drawn at random from name lists, phone
 * numbers and booking references are random, places are generic. Times are
 * relative to `now`, so the demo always shows today's departures.
 *
 * Conflicts are not generated as documents: `conflictEdits` lists pairs of
 * edits made on top of one version, which the seeding pushes one after the
 * other so the server's own merge records the clash.
 */
import { callbackDueAt, type OfficeHours } from '@waystation/domain/callbackDue';
import { deriveCall, CALL_CATEGORIES, HELPLINE_LANGUAGE_CODES, type Call, type CallCategory } from '@waystation/domain/calls';
import type { CaseNote } from '@waystation/domain/caseNotes';
import type { Milestone, MilestoneKind } from '@waystation/domain/milestones';
import { deriveTask, type Task } from '@waystation/domain/tasks';
import { withLegStatus, type LegStatus, type TravelLeg } from '@waystation/domain/travel';
import { VERIFICATION_QUESTIONS } from '@waystation/domain/verification';
import type { WireDocument } from '@waystation/protocol';
import { generateDataset, seededRandom, type Dataset } from './dataset';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

export interface DemoUnit {
  id: string;
  callbackHours: number;
}

export interface DemoPeople {
  volunteers: readonly string[];
  caseworkers: readonly string[];
  drivers: readonly string[];
  agents: readonly string[];
  /** Case officers and their units. */
  officers: readonly { id: string; unitId: string }[];
  coordinators: readonly string[];
}

export interface CaseloadOptions {
  seed: number;
  /** The demo's clock (ms); legs, due times and calls are placed around it. */
  now: number;
  welcomeCenterSiteId: string;
  helplineSiteId: string;
  /** Records (households + people + sensitive) registered at the welcome center over `arrivalDays`. */
  intakeDocuments: number;
  arrivalDays: number;
  /** Records of refugees registered with the helpline's office (the callers' families). */
  registeredDocuments: number;
  /** Calls over the last `callDays` days. */
  calls: number;
  callDays: number;
  units: readonly DemoUnit[];
  officeHours: OfficeHours;
  people: DemoPeople;
  /** Number of same-field clashes to create through the server's merge. */
  conflicts: number;
}

export interface ConflictEdit {
  collection: 'households';
  base: WireDocument;
  /** Two edits of `base`, each by another person on another device. */
  edits: [WireDocument, WireDocument];
}

export interface Caseload {
  documents: {
    households: WireDocument[];
    people: WireDocument[];
    sensitive: WireDocument[];
    travelLegs: WireDocument[];
    milestones: WireDocument[];
    tasks: WireDocument[];
    caseNotes: WireDocument[];
    calls: WireDocument[];
  };
  conflictEdits: ConflictEdit[];
}

/** A leg's history before its first change (a map keyed by entry id). */
const EMPTY_HISTORY: TravelLeg['statusHistory'] = {};

function wire<T extends object>(doc: T): WireDocument {
  return { ...doc, _deleted: false } as unknown as WireDocument;
}

const CARRIERS = {
  bus: ['Frontera Lines', 'Sunbelt Coach', 'Rio Express'],
  plane: ['Skyway Air', 'Mesa Airlines'],
  train: ['Southwest Rail'],
} as const;
const STATIONS = { bus: 'Downtown bus terminal', plane: 'International airport, departures hall', train: 'Union station' } as const;

const TASK_TITLES = [
  'Call the sponsor to confirm pick-up at the destination',
  'Buy bus tickets for the family',
  'Book a medical screening',
  'Send the change-of-address form to the court',
  'Find clothing in children’s sizes',
  'Print the itinerary in the family’s language',
  'Check the next ICE check-in date with the family',
  'Arrange an interpreter for the legal orientation',
];
const NOTE_BODIES = [
  'Family arrived tired but well. Children eating; mother asked about school enrolment at the destination.',
  'Sponsor reached by phone; confirms a room is ready and will meet the bus.',
  'Legal orientation given with an interpreter. Family understands the hearing notice.',
  'Father reports a lost document; copy requested from the shelter that released them.',
  'Medical screening done. Youngest child referred for a follow-up on arrival.',
];
const CALL_SUMMARIES: Record<CallCategory, readonly string[]> = {
  case_status: ['Asks when the RSD interview will be scheduled.', 'Wants the result of the appeal lodged last month.'],
  registration: ['New baby to add to the household registration.', 'Asks how to update a phone number on file.'],
  resettlement: ['Asks for news of the resettlement submission.', 'Wants to know if the medical check was received.'],
  protection: ['Reports threats from a neighbour; needs a safe place.', 'Child separated from family at the camp gate.'],
  assistance: ['Cash assistance not received this month.', 'Needs help paying for hospital care.'],
  documentation: ['Refugee ID card expired; asks how to renew.', 'Lost the mandate letter; requests a copy.'],
  complaint: ['Complains about a long wait at the field office.', 'Reports being asked for money at a distribution.'],
  other: ['Asks for the helpline’s opening hours.', 'Wrong number; wanted a hospital.'],
};
/** Which unit a category goes to when it cannot be resolved on the call. */
const UNIT_OF_CATEGORY: Partial<Record<CallCategory, string>> = {
  case_status: 'rsd',
  registration: 'data',
  resettlement: 'resettlement',
  protection: 'protection',
  assistance: 'protection',
  documentation: 'data',
  complaint: 'protection',
};
const VERIFY = VERIFICATION_QUESTIONS;

/** Local midnight of the day containing `now` (the server's time zone; the demo runs on one machine). */
function startOfDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

export function generateCaseload(options: CaseloadOptions): Caseload {
  const random = seededRandom(options.seed ^ 0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const iso = (ms: number) => new Date(ms).toISOString();
  const today = startOfDay(options.now);
  let serial = 0;
  const nextId = (kind: string) => `demo-${kind}-${(serial++).toString(36).padStart(5, '0')}`;
  const { people: staff } = options;

  const intake: Dataset = generateDataset({
    seed: options.seed,
    documents: options.intakeDocuments,
    siteIds: [options.welcomeCenterSiteId],
    idPrefix: 'wc',
    now: today,
    arrivalDays: options.arrivalDays,
    authors: staff.volunteers,
  });
  const registered: Dataset = generateDataset({
    seed: options.seed + 1,
    documents: options.registeredDocuments,
    siteIds: [options.helplineSiteId],
    idPrefix: 'hl',
    now: today,
    authors: staff.agents,
  });

  // The generator may date a later edit up to 20 days after registration: never after the demo's clock.
  for (const set of [intake, registered]) {
    for (const doc of [...set.households, ...set.people, ...set.sensitive]) {
      if (String(doc.updatedAt) > iso(options.now)) doc.updatedAt = doc.createdAt;
    }
  }
  // A welcome center keeps families for a day or two: older arrivals have left.
  for (const household of intake.households) {
    const arrived = Date.parse(`${String(household.arrivalDate)}T00:00:00.000Z`);
    household.status = arrived < today - 3 * DAY_MS && chance(0.9) ? 'departed' : 'active';
  }
  const sizeOf = new Map<string, number>();
  for (const person of intake.people) {
    const id = String(person.householdId);
    sizeOf.set(id, (sizeOf.get(id) ?? 0) + 1);
  }

  const meta = (siteId: string, at: number, by: string) => ({
    id: '',
    siteId,
    createdAt: iso(at),
    updatedAt: iso(at),
    updatedBy: by,
    deviceId: `${by}-device`,
  });

  // --- Travel legs: departures from two days ago to three days ahead --------
  const travelLegs: WireDocument[] = [];
  const travellers = intake.households.filter((h) => (h.destination as { city?: string }).city);
  const recent = travellers.slice(-Math.min(travellers.length, 60));
  recent.forEach((household, index) => {
    const dayOffset = (index % 6) - 2;
    const hour = 6 + Math.floor(random() * 15);
    const departure = today + dayOffset * DAY_MS + hour * HOUR_MS + pick([0, 15, 30, 45]) * 60_000;
    const mode = chance(0.75) ? 'bus' : chance(0.7) ? 'plane' : 'train';
    const past = departure < options.now;
    const status: LegStatus = past ? (chance(0.9) ? 'boarded' : 'no_show') : chance(0.7) ? 'ticketed' : 'planned';
    const by = pick(staff.drivers);
    const created = Math.min(options.now, departure) - DAY_MS;
    const steps: [LegStatus, number][] =
      status === 'planned'
        ? []
        : status === 'ticketed'
          ? [['ticketed', created]]
          : status === 'no_show'
            ? [['ticketed', created], ['no_show', departure + 10 * 60_000]]
            : [
                ['ticketed', created],
                ['picked_up', departure - 90 * 60_000],
                ['at_station', departure - 50 * 60_000],
                ['boarded', departure - 10 * 60_000],
              ];
    // Through the domain's own transition, so the history has the shape and order the app expects.
    const travelled = steps.reduce(
      (leg, [step, at]) => withLegStatus(leg, step, step === 'ticketed' ? leg.by : by, new Date(at)),
      { status: 'planned' as LegStatus, statusHistory: EMPTY_HISTORY, by: pick(staff.caseworkers) },
    );
    const destination = household.destination as { city: string; region?: string };
    const leg: TravelLeg = {
      ...meta(options.welcomeCenterSiteId, created, travelled.by),
      id: nextId('leg'),
      householdId: household.id,
      mode,
      carrier: pick(CARRIERS[mode]),
      departureAt: iso(departure),
      departurePlace: STATIONS[mode],
      arrivalAt: iso(departure + (mode === 'plane' ? 5 : 22) * HOUR_MS),
      arrivalPlace: `${destination.city}${destination.region ? `, ${destination.region}` : ''}`,
      bookingReference: Math.floor(random() * 36 ** 6)
        .toString(36)
        .toUpperCase()
        .padStart(6, '0'),
      seats: sizeOf.get(household.id) ?? 1,
      status: travelled.status,
      statusHistory: travelled.statusHistory,
      // Most legs have the demo driver; a few still wait for one.
      ...(chance(0.85) ? { driverId: pick(staff.drivers), pickupAt: iso(departure - 90 * 60_000) } : {}),
      pickupPlace: 'Welcome center, front door',
    };
    if (steps.length > 0) leg.updatedAt = iso(Math.min(options.now, steps.at(-1)![1]));
    travelLegs.push(wire(leg));
  });

  // --- Milestones, tasks and notes of recent families -------------------------
  const milestones: WireDocument[] = [];
  const tasks: WireDocument[] = [];
  const caseNotes: WireDocument[] = [];
  const milestoneKinds: MilestoneKind[] = ['court_hearing', 'ice_checkin', 'change_of_address', 'asylum_application'];
  for (const household of intake.households.filter(() => chance(0.5))) {
    const created = Date.parse(String(household.createdAt));
    const author = pick(staff.caseworkers);
    for (const kind of milestoneKinds.filter(() => chance(0.45))) {
      // Mostly ahead; about one in six already past its date.
      const due = today + Math.floor(-8 + random() * 70) * DAY_MS + (9 + Math.floor(random() * 7)) * HOUR_MS;
      const overdue = due < options.now;
      const milestone: Milestone = {
        ...meta(options.welcomeCenterSiteId, created, author),
        id: nextId('ms'),
        householdId: household.id,
        kind,
        dueAt: iso(due),
        status: overdue ? pick(['upcoming', 'upcoming', 'done', 'missed'] as const) : 'upcoming',
        ...(kind === 'court_hearing' ? { place: 'Immigration court, 3rd floor, courtroom 4' } : {}),
        ...(kind === 'ice_checkin' ? { place: 'ICE field office, check-in window' } : {}),
      };
      milestones.push(wire(milestone));
    }
    if (chance(0.5)) {
      const due = today + Math.floor(-4 + random() * 9) * DAY_MS + (10 + Math.floor(random() * 8)) * HOUR_MS;
      const toPerson = chance(0.6);
      const task = deriveTask({
        ...meta(options.welcomeCenterSiteId, created, author),
        id: nextId('task'),
        title: pick(TASK_TITLES),
        recordCollection: 'households',
        recordId: household.id,
        ...(toPerson ? { assigneeUserId: pick(staff.caseworkers) } : { assigneeRole: pick(['volunteer', 'caseworker'] as const) }),
        dueAt: iso(due),
        status: due < options.now && chance(0.5) ? 'done' : 'open',
      } satisfies Omit<Task, 'assigneeKey'>);
      tasks.push(wire(task));
    }
    if (chance(0.4)) {
      const note: CaseNote = {
        ...meta(options.welcomeCenterSiteId, created + HOUR_MS, author),
        id: nextId('note'),
        householdId: household.id,
        body: pick(NOTE_BODIES),
        authorId: author,
        writtenAt: iso(created + HOUR_MS),
      };
      caseNotes.push(wire(note));
    }
  }

  // --- Helpline calls over two months -----------------------------------------
  const calls: WireDocument[] = [];
  const unitById = new Map(options.units.map((unit) => [unit.id, unit]));
  const languages = HELPLINE_LANGUAGE_CODES;
  const overdueShown = new Set<string>();
  for (let index = 0; index < options.calls; index++) {
    const daysAgo = Math.floor(random() * options.callDays);
    // 08:00–17:00 at the office (UTC+3): 05:00–14:00 UTC.
    const started = startOfDay(options.now - daysAgo * DAY_MS) + (5 + random() * 9) * HOUR_MS;
    if (started > options.now - 10 * 60_000) continue;
    const agent = pick(staff.agents);
    const household = chance(0.7) ? pick(registered.households) : undefined;
    const category = pick(CALL_CATEGORIES);
    const attempts: Call['verification']['attempts'] = {};
    if (household) {
      attempts[nextId('v')] = {
        at: iso(started + 60_000),
        by: agent,
        passed: chance(0.9),
        questionIds: [pick(VERIFY), pick(VERIFY)].filter((q, i, all) => all.indexOf(q) === i),
      };
    }
    const unitId = UNIT_OF_CATEGORY[category];
    const escalate = unitId !== undefined && chance(category === 'protection' ? 0.7 : 0.4);
    const voicemail = !escalate && chance(0.06);
    const callbacks: Call['callbacks'] = {};
    const assignments: Call['assignments'] = {};
    let outcome: Call['outcome'] = { kind: 'resolved_on_call' };
    if (escalate || voicemail) {
      const unit = escalate ? unitById.get(unitId) : undefined;
      const due = callbackDueAt(new Date(started), unit?.callbackHours ?? 4, options.officeHours).getTime();
      const officer = unit ? options.people.officers.find((o) => o.unitId === unit.id) : undefined;
      if (unit) {
        const focalPointId = officer && chance(0.5) ? officer.id : undefined;
        outcome = { kind: 'escalated', unitId: unit.id, callbackDueAt: iso(due), ...(focalPointId ? { focalPointId } : {}) };
        assignments[nextId('as')] = { unitId: unit.id, at: iso(started + 5 * 60_000), by: agent, ...(focalPointId ? { focalPointId } : {}) };
      } else {
        outcome = { kind: 'voicemail_followup', callbackDueAt: iso(due) };
      }
      // Most promises are kept, some late; the most recent calls and a few past their promise are still open.
      const callbackAt = chance(0.78) ? started + (due - started) * (0.3 + random() * 0.6) : due + (2 + random() * 30) * HOUR_MS;
      const queueKey = outcome.kind === 'escalated' ? outcome.unitId : 'voicemail';
      // Every queue has at least one overdue call-back, so the officer's screen shows what overdue looks like.
      const leaveOverdue = due < options.now && (!overdueShown.has(queueKey) || chance(0.1));
      if (leaveOverdue) overdueShown.add(queueKey);
      else if (callbackAt < options.now && daysAgo > 2) {
        callbacks[nextId('cb')] = {
          at: iso(callbackAt),
          by: officer?.id ?? agent,
          result: chance(0.85) ? 'reached' : 'closed',
        };
      }
    }
    const ended = started + (2 + random() * 10) * 60_000;
    const call = deriveCall({
      ...meta(options.helplineSiteId, started, agent),
      id: nextId('call'),
      startedAt: iso(started),
      endedAt: iso(ended),
      agentId: agent,
      ...(chance(0.9) ? { callerPhone: `+2547${String(Math.floor(random() * 1e8)).padStart(8, '0')}` } : {}),
      callerLanguage: chance(0.5) ? pick(languages.slice(0, 4)) : pick(languages),
      category,
      summary: pick(CALL_SUMMARIES[category]),
      ...(household ? { householdId: household.id } : {}),
      verification: { attempts },
      outcome,
      callbacks,
      assignments,
    });
    calls.push(wire(call));
  }
  calls.sort((a, b) => String(a.startedAt).localeCompare(String(b.startedAt)));

  // --- Clashes: two people changed one family's phone while offline -----------
  const conflictEdits: ConflictEdit[] = intake.households
    .filter((h) => h.status === 'active')
    .slice(0, options.conflicts)
    .map((base) => {
      const edit = (by: string, minutesLater: number): WireDocument => ({
        ...base,
        contactPhone: `+1 ${200 + Math.floor(random() * 700)} 555 ${String(Math.floor(random() * 10000)).padStart(4, '0')}`,
        updatedAt: iso(Math.min(options.now, Date.parse(String(base.updatedAt)) + DAY_MS) + minutesLater * 60_000),
        updatedBy: by,
        deviceId: `${by}-device`,
      });
      return {
        collection: 'households' as const,
        base,
        edits: [edit(pick(staff.volunteers), 0), edit(pick(staff.caseworkers), 5)],
      };
    });

  return {
    documents: {
      households: [...intake.households, ...registered.households],
      people: [...intake.people, ...registered.people],
      sensitive: [...intake.sensitive, ...registered.sensitive],
      travelLegs,
      milestones,
      tasks,
      caseNotes,
      calls,
    },
    conflictEdits,
  };
}
