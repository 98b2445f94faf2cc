/**
 * What the intake form edits: a household with its members and the sensitive
 * details of each, as one unit. Saving a draft writes the separate records
 * (households, people, sensitive) — only the ones whose content changed.
 * The same schema validates the form (react-hook-form + zodResolver).
 *
 * Every field is the record's own (household.ts, person.ts, sensitive.ts),
 * so a rule changes in one place; the form adds only what a form needs: an
 * id that a new record does not have yet, an empty input read as "not
 * given", and text trimmed before the record's rule checks it.
 */
import { z } from 'zod';
import { householdSchema } from './household';
import { personSchema } from './person';
import { sensitiveSchema } from './sensitive';

/** An input left empty ('') is a field not given; anything else is checked by the record's rule. */
function emptyAsAbsent<T extends z.ZodType>(recordField: T) {
  return z.union([z.literal(''), recordField]).transform((value) => (value === '' ? undefined : value));
}

/** Free text for an optional record field (its rule unwrapped): trimmed, then checked by the rule; empty is not given. */
function formText<T extends z.ZodType<string, string>>(recordField: T) {
  return z
    .string()
    .trim()
    .pipe(recordField)
    .optional()
    .transform((value) => (value === '' ? undefined : value));
}

export const memberDraftSchema = z
  .object({
    ...personSchema.pick({
      givenName: true,
      familyName: true,
      estimatedAge: true,
      sex: true,
      relationship: true,
      languages: true,
      interpreterNeeded: true,
    }).shape,
    id: personSchema.shape.id.optional(),
    dateOfBirth: emptyAsAbsent(personSchema.shape.dateOfBirth),
    nationality: emptyAsAbsent(personSchema.shape.nationality),
    ...sensitiveSchema.pick({ identifiers: true, medicalFlags: true }).shape,
    medicalNotes: formText(sensitiveSchema.shape.medicalNotes.unwrap()),
  })
  .refine((m) => !(m.dateOfBirth && m.estimatedAge !== undefined), {
    message: 'dob_or_age',
    path: ['estimatedAge'],
  });

export const householdDraftSchema = z.object({
  ...householdSchema.pick({
    familyName: true,
    arrivalDate: true,
    arrivalMode: true,
    needs: true,
    destination: true,
    sponsor: true,
    consent: true,
  }).shape,
  id: householdSchema.shape.id.optional(),
  contactPhone: formText(householdSchema.shape.contactPhone.unwrap()),
  notes: formText(sensitiveSchema.shape.notes.unwrap()),
  protectionNotes: formText(sensitiveSchema.shape.protectionNotes.unwrap()),
  members: z.array(memberDraftSchema).min(1, 'at_least_one_member').max(30),
});

export type HouseholdDraftInput = z.input<typeof householdDraftSchema>;
export type HouseholdDraft = z.output<typeof householdDraftSchema>;
export type MemberDraft = z.output<typeof memberDraftSchema>;
