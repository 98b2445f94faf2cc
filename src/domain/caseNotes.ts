/**
 * Case notes: one record per note, written once and never edited. Two people
 * writing notes about one family at the same time, each offline, create two
 * records, so there is nothing to merge and nothing to conflict; the timeline
 * is the notes sorted by when they were written.
 */
import { z } from 'zod';
import { idSchema, recordMetaShape } from './common';
import { utcDateTime } from './utcTime';

export const CASE_NOTE_MAX_LENGTH = 8000;

export const caseNoteSchema = z
  .object({
    ...recordMetaShape,
    householdId: idSchema,
    personId: idSchema.optional(),
    body: z.string().trim().min(1).max(CASE_NOTE_MAX_LENGTH),
    authorId: z.string().min(1).max(64),
    writtenAt: utcDateTime,
  })
  .strict();

export type CaseNote = z.infer<typeof caseNoteSchema>;

export const caseNoteDraftSchema = caseNoteSchema.pick({ householdId: true, personId: true, body: true });
export type CaseNoteDraft = z.infer<typeof caseNoteDraftSchema>;

/** Newest first; notes written in the same millisecond keep a stable order. */
export function timelineOrder(a: Pick<CaseNote, 'writtenAt' | 'id'>, b: Pick<CaseNote, 'writtenAt' | 'id'>) {
  return b.writtenAt.localeCompare(a.writtenAt) || a.id.localeCompare(b.id);
}
