import { z } from 'zod';
import { differenceInYears, parseISO } from 'date-fns';
import { idSchema, isoDate, recordMetaShape } from './common';
import { normalizeName } from './names';
import { attachmentsField } from './attachments';
import { languageCodeSchema } from './languageCode';
import { messagingConsentSchema } from './messaging';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const RELATIONSHIPS = [
  'head',
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandparent',
  'grandchild',
  'other_relative',
  'unrelated',
] as const;

export { languageCodeSchema };

export const personSchema = z
  .object({
    ...recordMetaShape,
    householdId: idSchema,
    givenName: z.string().trim().min(1).max(80),
    familyName: z.string().trim().max(80),
    dateOfBirth: isoDate.optional(),
    /** When the date of birth is unknown: the age in years as estimated on `ageEstimatedOn`. */
    estimatedAge: z.number().int().min(0).max(120).optional(),
    /**
     * The day the estimate was made (schema version 1). An estimate ages with
     * the person: "7" said at registration is 8 a year later. Meaningful only
     * beside `estimatedAge`; a device of version 0 may leave a stale one
     * behind when it replaces the estimate by a date of birth, so it is
     * ignored without one rather than refused.
     */
    ageEstimatedOn: isoDate.optional(),
    sex: z.enum(SEXES),
    relationship: z.enum(RELATIONSHIPS),
    nationality: z
      .string()
      .regex(/^[A-Z]{2}$/, 'ISO 3166 country code')
      .optional(),
    languages: z.array(languageCodeSchema).max(10),
    interpreterNeeded: z.boolean(),
    /** Derived: "given family", normalised; indexed for prefix search. */
    nameKey: z.string().max(200),
    /** Derived: "family given", normalised; indexed so either name finds the person. */
    familyKey: z.string().max(200),
    /** Documents of this member (schema version 2; attachments.ts). */
    attachments: attachmentsField,
    /**
     * The member's own consent to messages (schema version 3; issue 20): reminders of milestones that name
     * this member go here rather than to the household's number. Absent: the household's consent covers them.
     */
    messaging: messagingConsentSchema.optional(),
  })
  .strict();

export type Person = z.infer<typeof personSchema>;
export type Sex = (typeof SEXES)[number];
export type Relationship = (typeof RELATIONSHIPS)[number];

export function derivePerson<T extends { givenName: string; familyName: string }>(
  doc: T,
): T & { nameKey: string; familyKey: string } {
  return {
    ...doc,
    nameKey: normalizeName(`${doc.givenName} ${doc.familyName}`),
    familyKey: normalizeName(`${doc.familyName} ${doc.givenName}`),
  };
}

type AgeFacts = Pick<Person, 'dateOfBirth' | 'estimatedAge' | 'ageEstimatedOn' | 'createdAt'>;

/**
 * The day an estimated age refers to: `ageEstimatedOn`, else the day the
 * record was created (what every version-0 record meant, and what the
 * migration to version 1 fills in).
 */
export function ageEstimateDate(person: Pick<Person, 'ageEstimatedOn' | 'createdAt'>): string {
  return person.ageEstimatedOn ?? person.createdAt.slice(0, 10);
}

/**
 * Age in whole years on `onDate` (ISO date), from the date of birth or the
 * estimate made on its day (earlier days count back from it, never below 0).
 */
export function ageInYears(person: AgeFacts, onDate: string): number | undefined {
  const on = parseISO(onDate);
  if (person.dateOfBirth) return differenceInYears(on, parseISO(person.dateOfBirth));
  if (person.estimatedAge !== undefined) {
    return Math.max(0, person.estimatedAge + differenceInYears(on, parseISO(ageEstimateDate(person))));
  }
  return undefined;
}

/**
 * Migration of a person to schema version 1: an estimated age gets the day
 * it was estimated, which version 0 took to be the record's creation day.
 * Shared by the device store (RxDB migration) and the sync server (pushes of
 * version-0 devices, documents stored before the upgrade). It only fills
 * what is missing, so it is safe on a document already in the new shape.
 * Defensive about its input: the server runs it before validation.
 */
export function migratePersonToV1<T extends Record<string, unknown>>(doc: T): T {
  if (typeof doc.estimatedAge !== 'number' || doc.ageEstimatedOn !== undefined) return doc;
  if (typeof doc.createdAt !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(doc.createdAt)) return doc;
  return { ...doc, ageEstimatedOn: doc.createdAt.slice(0, 10) };
}

export const ADULT_AGE = 18;

export function isChild(person: AgeFacts, onDate: string): boolean {
  const age = ageInYears(person, onDate);
  return age !== undefined && age < ADULT_AGE;
}

type MemberFacts = AgeFacts & Pick<Person, 'relationship' | 'nameKey'>;

/** Where a relationship comes in a family's list: the head, a partner, the children, then everyone else. */
const MEMBER_RANK: Record<Relationship, number> = {
  head: 0,
  spouse: 1,
  child: 2,
  parent: 3,
  sibling: 3,
  grandparent: 3,
  grandchild: 3,
  other_relative: 3,
  unrelated: 3,
};

/**
 * When a person was born, as an ISO date for ordering: the date of birth, or
 * the estimate's day counted back by the estimated age. Undefined if unknown.
 */
function birthOrderKey(person: AgeFacts): string | undefined {
  if (person.dateOfBirth) return person.dateOfBirth;
  if (person.estimatedAge === undefined) return undefined;
  const estimatedOn = ageEstimateDate(person);
  const year = Number(estimatedOn.slice(0, 4)) - person.estimatedAge;
  return `${String(year).padStart(4, '0')}${estimatedOn.slice(4)}`;
}

/**
 * The order a family's members are listed in, on its page and in its form:
 * head of family first, then partner, then children oldest first, then
 * others (also oldest first). People of unknown age come after those of
 * known age in their group; ties keep the order they were registered in.
 */
export function compareMembers(a: MemberFacts, b: MemberFacts): number {
  const rank = MEMBER_RANK[a.relationship] - MEMBER_RANK[b.relationship];
  if (rank !== 0) return rank;
  const [ba, bb] = [birthOrderKey(a), birthOrderKey(b)];
  if (ba !== bb) {
    if (ba === undefined) return 1;
    if (bb === undefined) return -1;
    return ba.localeCompare(bb);
  }
  return a.createdAt.localeCompare(b.createdAt) || a.nameKey.localeCompare(b.nameKey);
}

/** A family's members in the order they are listed (see `compareMembers`); the input is left as it was. */
export function sortMembers<T extends MemberFacts>(members: readonly T[]): T[] {
  return [...members].sort(compareMembers);
}
