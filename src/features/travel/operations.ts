/**
 * Travel's writes: the only way components change travel legs. A status
 * change appends to the leg's history (who, when); editing a leg never
 * touches its status or history.
 */
import {
  initialLegHistory,
  legDraftSchema,
  withLegStatus,
  withLegStatusUndone,
  type LegDraft,
  type LegStatus,
  type TravelLeg,
} from '../../domain/travel';
import type { WaystationDatabase } from '../../db/database';
import {
  changedRecord,
  contentOf,
  findRecord,
  InvalidRecordError,
  newRecord,
  RecordNotFoundError,
  writeRecords,
  type WriteActor,
} from '../../db/recordWrites';

/**
 * Adds a leg (status "planned") or changes an existing leg's journey details.
 * @throws InvalidRecordError when the draft is invalid (nothing is written)
 */
export async function saveLeg(
  db: WaystationDatabase,
  actor: WriteActor,
  input: LegDraft,
  now = new Date(),
): Promise<TravelLeg> {
  const parsed = legDraftSchema.safeParse(input);
  if (!parsed.success) throw new InvalidRecordError('travel leg', parsed.error.issues);
  const { id, ...draft } = parsed.data;
  const existing = id ? await findRecord(db, 'travelLegs', id) : undefined;
  if (id && !existing) throw new RecordNotFoundError('travelLegs', id);
  const leg = existing
    ? changedRecord('travelLegs', existing, actor, now, {
        ...contentOf<'travelLegs'>(existing),
        // Optional fields the person cleared must go: start from the draft, keep status and history.
        ...clearedOptional(existing),
        ...draft,
        householdId: existing.householdId,
      })
    : newRecord('travelLegs', actor, now, {
        ...draft,
        status: 'planned',
        statusHistory: initialLegHistory(actor.userId, now),
      });
  await writeRecords(db, 'travelLegs', [leg]);
  return leg;
}

const OPTIONAL_DRAFT_FIELDS = ['arrivalAt', 'driverId', 'pickupAt', 'pickupPlace'] as const;

function clearedOptional(existing: TravelLeg): Partial<TravelLeg> {
  return Object.fromEntries(OPTIONAL_DRAFT_FIELDS.filter((f) => f in existing).map((f) => [f, undefined]));
}

/**
 * Moves a leg to another status, recording who and when.
 * @throws StatusTransitionError when the change is not allowed from the current status
 */
export async function changeLegStatus(
  db: WaystationDatabase,
  actor: WriteActor,
  legId: string,
  to: LegStatus,
  now = new Date(),
): Promise<TravelLeg> {
  const existing = await findRecord(db, 'travelLegs', legId);
  if (!existing) throw new RecordNotFoundError('travelLegs', legId);
  const content = withLegStatus(contentOf<'travelLegs'>(existing), to, actor.userId, now);
  const leg = changedRecord('travelLegs', existing, actor, now, content);
  await writeRecords(db, 'travelLegs', [leg]);
  return leg;
}

/**
 * Takes back a status tap (the driver's "Undo"): the earlier status, written
 * like any change, so it syncs and merges the same way.
 * @throws StatusTransitionError when the leg no longer has the tapped status
 */
export async function undoLegStatus(
  db: WaystationDatabase,
  actor: WriteActor,
  legId: string,
  tap: { tapped: LegStatus; previous: LegStatus },
  now = new Date(),
): Promise<TravelLeg> {
  const existing = await findRecord(db, 'travelLegs', legId);
  if (!existing) throw new RecordNotFoundError('travelLegs', legId);
  const content = withLegStatusUndone(contentOf<'travelLegs'>(existing), tap.tapped, tap.previous, actor.userId, now);
  const leg = changedRecord('travelLegs', existing, actor, now, content);
  await writeRecords(db, 'travelLegs', [leg]);
  return leg;
}
