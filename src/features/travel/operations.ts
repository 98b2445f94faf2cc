/**
 * Travel's writes: the only way components change travel legs. A status
 * change appends to the leg's history (who, when); editing a leg never
 * touches its status or history. Both go through the one write path
 * (db/recordEdits.ts): an edit writes only the fields the person changed.
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
import { contentOf, findRecord, InvalidRecordError, RecordNotFoundError, type WriteActor } from '../../db/recordWrites';
import { applyEdits, changeFrom, saveFromForm, type EditOptions } from '../../db/recordEdits';

/** The journey details the leg form edits (not its family, status or history). */
export const LEG_FORM_FIELDS = [
  'mode',
  'carrier',
  'departureAt',
  'departurePlace',
  'arrivalAt',
  'arrivalPlace',
  'bookingReference',
  'seats',
  'driverId',
  'pickupAt',
  'pickupPlace',
] as const satisfies readonly (keyof LegDraft)[];

/**
 * Adds a leg (status "planned") or changes an existing leg's journey details.
 * @throws InvalidRecordError when the draft is invalid (nothing is written)
 * @throws StaleEditError when a field the person changed was changed meanwhile (nothing is written)
 */
export async function saveLeg(
  db: WaystationDatabase,
  actor: WriteActor,
  input: LegDraft,
  options: EditOptions<'travelLegs'> = {},
): Promise<TravelLeg> {
  const parsed = legDraftSchema.safeParse(input);
  if (!parsed.success) throw new InvalidRecordError('travel leg', parsed.error.issues);
  const { id, ...draft } = parsed.data;
  const now = options.now ?? new Date();
  return saveFromForm(
    db,
    actor,
    'travelLegs',
    {
      id,
      fields: LEG_FORM_FIELDS,
      draft,
      create: () => ({ ...draft, status: 'planned' as const, statusHistory: initialLegHistory(actor.userId, now) }),
    },
    { ...options, now },
  );
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
  const [leg] = await applyEdits(db, actor, [changeFrom('travelLegs', existing, content)], { now });
  return (leg ?? existing) as TravelLeg;
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
  const [leg] = await applyEdits(db, actor, [changeFrom('travelLegs', existing, content)], { now });
  return (leg ?? existing) as TravelLeg;
}
