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

/** Adds an upcoming milestone, or changes an existing one's details (not its status). */
export async function saveMilestone(
  db: WaystationDatabase,
  actor: WriteActor,
  input: MilestoneDraft,
  now = new Date(),
): Promise<Milestone> {
  const parsed = milestoneDraftSchema.safeParse(input);
  if (!parsed.success) throw new InvalidRecordError('milestone', parsed.error.issues);
  const { id, ...draft } = parsed.data;
  const existing = id ? await findRecord(db, 'milestones', id) : undefined;
  if (id && !existing) throw new RecordNotFoundError('milestones', id);
  const milestone = existing
    ? changedRecord('milestones', existing, actor, now, {
        ...draft,
        householdId: existing.householdId,
        status: existing.status,
      })
    : newRecord('milestones', actor, now, { ...draft, status: 'upcoming' });
  await writeRecords(db, 'milestones', [milestone]);
  return milestone;
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
  const milestone = changedRecord('milestones', existing, actor, now, withMilestoneStatus(contentOf<'milestones'>(existing), to));
  await writeRecords(db, 'milestones', [milestone]);
  return milestone;
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
  const note = newRecord('caseNotes', actor, now, {
    ...parsed.data,
    authorId: actor.userId,
    writtenAt: now.toISOString(),
  });
  await writeRecords(db, 'caseNotes', [note]);
  return note;
}
