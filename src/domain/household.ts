import { z } from 'zod';
import { isoDate, recordMetaShape, idSchema } from './common';
import { normalizeName } from './names';
import { attachmentsField } from './attachments';
import { messagingConsentSchema } from './messaging';

export const ARRIVAL_MODES = ['detention_release', 'bus', 'walk_in', 'transfer', 'other'] as const;
export const NEEDS = [
  'food',
  'shelter',
  'clothing',
  'hygiene',
  'medicalScreening',
  'legalOrientation',
] as const;
export const HOUSEHOLD_STATUSES = ['active', 'departed', 'merged'] as const;

const phone = z.string().trim().max(40);
const shortText = z.string().trim().max(200);

export const needsSchema = z
  .object(Object.fromEntries(NEEDS.map((need) => [need, z.boolean()])) as Record<
    (typeof NEEDS)[number],
    z.ZodBoolean
  >)
  .strict();

export const SPONSOR_ADDRESS_MAX_LENGTH = 400;

export const sponsorSchema = z
  .object({
    name: shortText.optional(),
    relationship: shortText.optional(),
    phone: phone.optional(),
    address: z.string().trim().max(SPONSOR_ADDRESS_MAX_LENGTH).optional(),
  })
  .strict();

export const destinationSchema = z
  .object({
    city: shortText.optional(),
    region: shortText.optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'ISO 3166 country code')
      .optional(),
  })
  .strict();

export const householdSchema = z
  .object({
    ...recordMetaShape,
    /** The name the family is known by at the center, e.g. the head's family name. */
    familyName: z.string().trim().min(1).max(120),
    contactPhone: phone.optional(),
    arrivalDate: isoDate,
    arrivalMode: z.enum(ARRIVAL_MODES),
    needs: needsSchema,
    destination: destinationSchema,
    sponsor: sponsorSchema,
    consent: z.object({ dataSharing: z.boolean(), photo: z.boolean() }).strict(),
    status: z.enum(HOUSEHOLD_STATUSES),
    /** Consent to reminders by SMS or WhatsApp, the number and language (schema version 1; issue 20). */
    messaging: messagingConsentSchema.optional(),
    /** Set when a coordinator merged this registration into another one. */
    mergedInto: idSchema.optional(),
    /** Derived: normalised family name, indexed for search. */
    nameKey: z.string().max(200),
    /** Documents and photos of the family (schema version 1; attachments.ts). */
    attachments: attachmentsField,
  })
  .strict();

export type Household = z.infer<typeof householdSchema>;

/**
 * A household as a device may hold it: a role with a field grant (a driver,
 * domain/access.ts) receives only some fields, so anything beyond the record's
 * metadata, name and status may be absent. Screens that show households take
 * this type and ask `isFullHousehold` before reading intake's details.
 */
export type HouseholdRecord = Pick<
  Household,
  'id' | 'siteId' | 'createdAt' | 'updatedAt' | 'updatedBy' | 'deviceId' | 'familyName' | 'nameKey' | 'status'
> &
  Partial<Household>;

/** True when the record holds intake's details (not a role's reduced projection of it). */
export function isFullHousehold(household: HouseholdRecord): household is Household {
  return (
    household.arrivalDate !== undefined &&
    household.arrivalMode !== undefined &&
    household.needs !== undefined &&
    household.destination !== undefined &&
    household.sponsor !== undefined &&
    household.consent !== undefined
  );
}
export type ArrivalMode = (typeof ARRIVAL_MODES)[number];
export type Need = (typeof NEEDS)[number];

export function deriveHousehold<T extends { familyName: string }>(doc: T): T & { nameKey: string } {
  return { ...doc, nameKey: normalizeName(doc.familyName) };
}

export function emptyNeeds(): Household['needs'] {
  return Object.fromEntries(NEEDS.map((need) => [need, false])) as Household['needs'];
}
