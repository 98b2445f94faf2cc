/**
 * What the intake form edits: a household with its members and the sensitive
 * details of each, as one unit. Saving a draft writes the separate records
 * (households, people, sensitive) — only the ones whose content changed.
 * The same schema validates the form (react-hook-form + zodResolver).
 */
import { z } from 'zod';
import { idSchema, isoDate } from './common';
import {
  ARRIVAL_MODES,
  destinationSchema,
  needsSchema,
  sponsorSchema,
} from './household';
import { RELATIONSHIPS, SEXES, languageCodeSchema } from './person';
import { identifierSchema, MEDICAL_FLAGS, NOTES_MAX_LENGTH } from './sensitive';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const memberDraftSchema = z
  .object({
    id: idSchema.optional(),
    givenName: z.string().trim().min(1, 'required').max(80),
    familyName: z.string().trim().max(80),
    dateOfBirth: z
      .union([isoDate, z.literal('')])
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    estimatedAge: z.number().int().min(0).max(120).optional(),
    sex: z.enum(SEXES),
    relationship: z.enum(RELATIONSHIPS),
    nationality: z
      .union([z.string().regex(/^[A-Z]{2}$/), z.literal('')])
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    languages: z.array(languageCodeSchema).max(10),
    interpreterNeeded: z.boolean(),
    identifiers: z.array(identifierSchema).max(10),
    medicalFlags: z.array(z.enum(MEDICAL_FLAGS)).max(MEDICAL_FLAGS.length),
    medicalNotes: optionalText(NOTES_MAX_LENGTH),
  })
  .refine((m) => !(m.dateOfBirth && m.estimatedAge !== undefined), {
    message: 'dob_or_age',
    path: ['estimatedAge'],
  });

export const householdDraftSchema = z.object({
  id: idSchema.optional(),
  familyName: z.string().trim().min(1, 'required').max(120),
  contactPhone: optionalText(40),
  arrivalDate: isoDate,
  arrivalMode: z.enum(ARRIVAL_MODES),
  needs: needsSchema,
  destination: destinationSchema,
  sponsor: sponsorSchema,
  consent: z.object({ dataSharing: z.boolean(), photo: z.boolean() }).strict(),
  notes: optionalText(NOTES_MAX_LENGTH),
  protectionNotes: optionalText(NOTES_MAX_LENGTH),
  members: z.array(memberDraftSchema).min(1, 'at_least_one_member').max(30),
});

export type HouseholdDraftInput = z.input<typeof householdDraftSchema>;
export type HouseholdDraft = z.output<typeof householdDraftSchema>;
export type MemberDraft = z.output<typeof memberDraftSchema>;
