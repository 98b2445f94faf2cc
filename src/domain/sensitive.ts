import { z } from 'zod';
import { idSchema, recordMetaShape } from './common';

/**
 * Identity documents, medical and protection information live in their own
 * records (one per household or person, same id as its subject), so that roles
 * that must not see them never replicate them at all, and so the device can
 * encrypt them at rest.
 */
export const IDENTIFIER_TYPES = ['a_number', 'passport', 'national_id', 'unhcr', 'other'] as const;
export const MEDICAL_FLAGS = [
  'pregnant',
  'chronic_condition',
  'disability',
  'needs_medication',
  'injury',
  'urgent_care',
] as const;

export const identifierSchema = z
  .object({
    type: z.enum(IDENTIFIER_TYPES),
    value: z.string().trim().min(1).max(64),
  })
  .strict();

/** The longest free-text note kept with a family or a person (notes, protection and health notes). */
export const NOTES_MAX_LENGTH = 4000;

export const sensitiveSchema = z
  .object({
    ...recordMetaShape,
    subjectType: z.enum(['household', 'person']),
    householdId: idSchema,
    identifiers: z.array(identifierSchema).max(10),
    medicalFlags: z.array(z.enum(MEDICAL_FLAGS)).max(MEDICAL_FLAGS.length),
    medicalNotes: z.string().max(NOTES_MAX_LENGTH).optional(),
    protectionNotes: z.string().max(NOTES_MAX_LENGTH).optional(),
    notes: z.string().max(NOTES_MAX_LENGTH).optional(),
  })
  .strict();

export type Sensitive = z.infer<typeof sensitiveSchema>;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];
export type MedicalFlag = (typeof MEDICAL_FLAGS)[number];

/** Fields encrypted at rest on the device. */
export const SENSITIVE_ENCRYPTED_FIELDS = [
  'identifiers',
  'medicalFlags',
  'medicalNotes',
  'protectionNotes',
  'notes',
] as const;
