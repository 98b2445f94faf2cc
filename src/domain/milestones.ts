/**
 * Milestones of a family's asylum case: hearings, ICE check-ins and filing
 * deadlines, each with a due time and, for appointments, a place.
 */
import { z } from 'zod';
import { idSchema, recordMetaShape } from './common';
import { attachmentsField } from './attachments';
import { utcDateTime } from './utcTime';
import { reminderCancellationsSchema } from './messaging';
import { assertTransition, type TransitionTable } from './transitions';

export const MILESTONE_KINDS = [
  'court_hearing',
  'ice_checkin',
  'change_of_address',
  'asylum_application',
  'other',
] as const;
export const MILESTONE_STATUSES = ['upcoming', 'done', 'missed', 'cancelled'] as const;

export type MilestoneKind = (typeof MILESTONE_KINDS)[number];
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const MILESTONE_NOTES_MAX_LENGTH = 4000;

export const milestoneSchema = z
  .object({
    ...recordMetaShape,
    householdId: idSchema,
    /** The member it concerns; absent when it concerns the whole family. */
    personId: idSchema.optional(),
    kind: z.enum(MILESTONE_KINDS),
    dueAt: utcDateTime,
    place: z.string().trim().max(300).optional(),
    status: z.enum(MILESTONE_STATUSES),
    notes: z.string().trim().max(MILESTONE_NOTES_MAX_LENGTH).optional(),
    /** A notice to appear, a hearing notice (schema version 1; attachments.ts). */
    attachments: attachmentsField,
    /** Reminders to the family that staff cancelled (schema version 1; issue 20). */
    reminderCancellations: reminderCancellationsSchema.optional(),
  })
  .strict();

export type Milestone = z.infer<typeof milestoneSchema>;

/** Done and missed can be corrected; a missed filing can still be done late. */
export const MILESTONE_TRANSITIONS: TransitionTable<MilestoneStatus> = {
  upcoming: ['done', 'missed', 'cancelled'],
  done: ['upcoming'],
  missed: ['upcoming', 'done'],
  cancelled: ['upcoming'],
};

export function withMilestoneStatus<T extends Pick<Milestone, 'status'>>(milestone: T, to: MilestoneStatus): T {
  assertTransition(MILESTONE_TRANSITIONS, milestone.status, to);
  return { ...milestone, status: to };
}

export const milestoneDraftSchema = milestoneSchema
  .pick({ householdId: true, personId: true, kind: true, dueAt: true, place: true, notes: true })
  .extend({ id: idSchema.optional() });
export type MilestoneDraft = z.infer<typeof milestoneDraftSchema>;
