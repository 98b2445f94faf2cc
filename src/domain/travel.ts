/**
 * Onward travel: one record per leg of a family's journey (bus, plane, train…),
 * with the driver who takes them to the station and the leg's status.
 *
 * The status history is append-only. The server merges records field by
 * field and arrays are atomic, so a driver's tap and a coordinator's change
 * made offline on two devices would clash as two versions of one array; the
 * history is therefore a map keyed by a fresh entry id: both entries survive
 * the merge (a different `status` on both sides is still a real clash, and
 * becomes a conflict to resolve). Read it in order with `legHistory`.
 * Times are UTC instants (utcTime.ts), so legs sort and range-query by index.
 */
import { z } from 'zod';
import { boundedRecord, idSchema, newId, recordMetaShape } from './common';
import { attachmentsField } from './attachments';
import { utcDateTime } from './utcTime';
import { reminderCancellationsSchema } from './messaging';
import { assertTransition, canTransition, StatusTransitionError, type TransitionTable } from './transitions';

export const TRAVEL_MODES = ['bus', 'plane', 'train', 'car', 'other'] as const;
export const LEG_STATUSES = [
  'planned',
  'ticketed',
  'picked_up',
  'at_station',
  'boarded',
  'no_show',
  'cancelled',
] as const;

export type TravelMode = (typeof TRAVEL_MODES)[number];
export type LegStatus = (typeof LEG_STATUSES)[number];

const place = z.string().trim().min(1).max(200);
/** A leg goes through a handful of statuses; undone taps and re-plans included, far fewer than this. */
export const MAX_STATUS_CHANGES = 100;

export const statusChangeSchema = z
  .object({
    status: z.enum(LEG_STATUSES),
    /** The user who made the change. */
    by: z.string().min(1).max(64),
    at: utcDateTime,
  })
  .strict();
export type StatusChange = z.infer<typeof statusChangeSchema>;

export const travelLegSchema = z
  .object({
    ...recordMetaShape,
    householdId: idSchema,
    mode: z.enum(TRAVEL_MODES),
    carrier: z.string().trim().max(120),
    departureAt: utcDateTime,
    departurePlace: place,
    arrivalAt: utcDateTime.optional(),
    arrivalPlace: place,
    bookingReference: z.string().trim().max(64),
    /** How many seats the family travels on: the party size the driver plans for. */
    seats: z.number().int().min(1).max(60),
    status: z.enum(LEG_STATUSES),
    /** Every status the leg went through, keyed by entry id; entries are only ever added. */
    statusHistory: boundedRecord(statusChangeSchema, MAX_STATUS_CHANGES),
    driverId: z.string().trim().min(1).max(64).optional(),
    pickupAt: utcDateTime.optional(),
    pickupPlace: z.string().trim().max(200).optional(),
    /** The ticket, a boarding pass (schema version 1; attachments.ts). */
    attachments: attachmentsField,
    /** The day-before reminder to the family, when staff cancelled it (schema version 1; issue 20). */
    reminderCancellations: reminderCancellationsSchema.optional(),
  })
  .strict();

export type TravelLeg = z.infer<typeof travelLegSchema>;

/**
 * Which status may follow which. Besides the forward path, each step can be
 * undone by one (a driver's mistaken tap), a no-show can be re-planned and a
 * cancelled leg reinstated. Boarded is final for the driver; a coordinator
 * corrects it by editing the leg.
 */
export const LEG_TRANSITIONS: TransitionTable<LegStatus> = {
  planned: ['ticketed', 'picked_up', 'cancelled'],
  ticketed: ['planned', 'picked_up', 'at_station', 'no_show', 'cancelled'],
  picked_up: ['ticketed', 'at_station', 'boarded', 'no_show'],
  at_station: ['picked_up', 'boarded', 'no_show'],
  boarded: ['at_station'],
  no_show: ['planned', 'ticketed', 'picked_up'],
  cancelled: ['planned'],
};

export function canChangeLegStatus(from: LegStatus, to: LegStatus): boolean {
  return canTransition(LEG_TRANSITIONS, from, to);
}

/** What a driver marks on the day of travel (the driver's list has a button for each). */
export type DriverMark = Extract<LegStatus, 'picked_up' | 'at_station' | 'boarded' | 'no_show'>;

/** The next step on the day of travel: what one tap on the driver's list does. */
export function nextLegStatus(status: LegStatus): DriverMark | undefined {
  switch (status) {
    case 'planned':
    case 'ticketed':
      return 'picked_up';
    // A no-show is settled for the driver: a mistaken tap is undone, and a family that turns up later is re-planned.
    case 'no_show':
      return undefined;
    case 'picked_up':
      return 'at_station';
    case 'at_station':
      return 'boarded';
    case 'boarded':
    case 'cancelled':
      return undefined;
  }
}

/**
 * The leg after a status change: the new status, and the change added to its
 * history under a new entry id (existing entries are never rewritten).
 * @throws StatusTransitionError when the table does not allow the change
 */
export function withLegStatus<T extends Pick<TravelLeg, 'status' | 'statusHistory'>>(
  leg: T,
  to: LegStatus,
  by: string,
  at: Date,
  entryId: string = newId(),
): T {
  assertTransition(LEG_TRANSITIONS, leg.status, to);
  return { ...leg, status: to, statusHistory: { ...leg.statusHistory, [entryId]: { status: to, by, at: at.toISOString() } } };
}

/**
 * Takes back a status tap: the status the leg had before, written as a new
 * history entry (the tap stays in the history, so both devices' records of it
 * merge). Not checked against the transition table: it returns to a status
 * the leg already had, which the table need not allow as a forward step
 * (planned → picked up → planned).
 * @throws StatusTransitionError when the leg no longer has the tapped status (changed since, here or by sync)
 */
export function withLegStatusUndone<T extends Pick<TravelLeg, 'status' | 'statusHistory'>>(
  leg: T,
  tapped: LegStatus,
  previous: LegStatus,
  by: string,
  at: Date,
  entryId: string = newId(),
): T {
  if (leg.status !== tapped) throw new StatusTransitionError(leg.status, previous);
  return { ...leg, status: previous, statusHistory: { ...leg.statusHistory, [entryId]: { status: previous, by, at: at.toISOString() } } };
}

/**
 * Where the driver takes the family, said once: the leg's arrival place, and
 * the family's destination city only when the place does not already name it
 * ("New York, NY" and "New York" read "New York, NY").
 */
export function legDestinationText(arrivalPlace: string, city: string | undefined): string {
  const fold = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .trim();
  const place = arrivalPlace.trim();
  const town = city?.trim();
  if (!town || fold(place).includes(fold(town))) return place || town || '';
  return place ? `${place}, ${town}` : town;
}

/** A leg's first history: planned, by whoever added it. */
export function initialLegHistory(by: string, at: Date, entryId: string = newId()): TravelLeg['statusHistory'] {
  return { [entryId]: { status: 'planned', by, at: at.toISOString() } };
}

/** The history oldest first (ties by entry id, so every device shows one order). */
export function legHistory(leg: Pick<TravelLeg, 'statusHistory'>): (StatusChange & { id: string })[] {
  return Object.entries(leg.statusHistory)
    .map(([id, change]) => ({ ...change, id }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

/** What the add/edit leg form validates (record metadata and status are the operation's business). */
export const legDraftSchema = travelLegSchema
  .pick({
    householdId: true,
    mode: true,
    carrier: true,
    departureAt: true,
    departurePlace: true,
    arrivalAt: true,
    arrivalPlace: true,
    bookingReference: true,
    seats: true,
    driverId: true,
    pickupAt: true,
    pickupPlace: true,
  })
  .extend({ id: idSchema.optional() })
  .refine((leg) => !leg.arrivalAt || leg.arrivalAt >= leg.departureAt, {
    message: 'arrival_before_departure',
    path: ['arrivalAt'],
  })
  .refine((leg) => !leg.pickupAt || leg.pickupAt <= leg.departureAt, {
    message: 'pickup_after_departure',
    path: ['pickupAt'],
  });
export type LegDraft = z.infer<typeof legDraftSchema>;

/** When the driver must be there: the pick-up time, else the departure. */
export function pickupTimeOf(leg: Pick<TravelLeg, 'pickupAt' | 'departureAt'>): string {
  return leg.pickupAt ?? leg.departureAt;
}

/** Legs in journey order. */
export function byDeparture(a: Pick<TravelLeg, 'departureAt' | 'id'>, b: Pick<TravelLeg, 'departureAt' | 'id'>) {
  return a.departureAt.localeCompare(b.departureAt) || a.id.localeCompare(b.id);
}
