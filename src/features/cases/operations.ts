/**
 * Case management's writes: milestones (added, edited, moved through their
 * statuses) and case notes (added once, never edited).
 */
import {
  milestoneDraftSchema,
  withMilestoneStatus,
  type Milestone,
  type MilestoneDraft,
  type MilestoneStatus,
} from '../../domain/milestones';
import { caseNoteDraftSchema, type CaseNote, type CaseNoteDraft } from '../../domain/caseNotes';
import type { WaystationDatabase } from '../../db/database';
import { contentOf, findRecord, InvalidRecordError, RecordNotFoundError, type WriteActor } from '../../db/recordWrites';
import { applyEdits, changeFrom, createEdit, saveFromForm, type EditOptions } from '../../db/recordEdits';

const MILESTONE_FORM_FIELDS = ['personId', 'kind', 'dueAt', 'place', 'notes'] as const satisfies readonly (keyof MilestoneDraft)[];

/** Adds an upcoming milestone, or changes an existing one's details (not its family or status). */
export async function saveMilestone(
  db: WaystationDatabase,
  actor: WriteActor,
  input: MilestoneDraft,
  options: EditOptions<'milestones'> = {},
): Promise<Milestone> {
  const parsed = milestoneDraftSchema.safeParse(input);
  if (!parsed.success) throw new InvalidRecordError('milestone', parsed.error.issues);
  const { id, ...draft } = parsed.data;
  return saveFromForm(
    db,
    actor,
    'milestones',
    { id, fields: MILESTONE_FORM_FIELDS, draft, create: () => ({ ...draft, status: 'upcoming' as const }) },
    options,
  );
}

/** @throws StatusTransitionError when the change is not allowed */
export async function changeMilestoneStatus(
  db: WaystationDatabase,
  actor: WriteActor,
  id: string,
  to: MilestoneStatus,
  now = new Date(),
): Promise<Milestone> {
  const existing = await findRecord(db, 'milestones', id);
  if (!existing) throw new RecordNotFoundError('milestones', id);
  const next = withMilestoneStatus(contentOf<'milestones'>(existing), to);
  const [milestone] = await applyEdits(db, actor, [changeFrom('milestones', existing, next)], { now });
  return (milestone ?? existing) as Milestone;
}

/** Adds a note to a family's timeline: a record of its own, so concurrent notes never clash. */
export async function addCaseNote(
  db: WaystationDatabase,
  actor: WriteActor,
  input: CaseNoteDraft,
  now = new Date(),
): Promise<CaseNote> {
  const parsed = caseNoteDraftSchema.safeParse(input);
  if (!parsed.success) throw new InvalidRecordError('case note', parsed.error.issues);
  const content = { ...parsed.data, authorId: actor.userId, writtenAt: now.toISOString() };
  const [note] = await applyEdits(db, actor, [createEdit('caseNotes', content)], { now });
  return note as CaseNote;
}
