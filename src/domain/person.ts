import { z } from 'zod';
import { differenceInYears, parseISO } from 'date-fns';
import { idSchema, isoDate, recordMetaShape } from './common';
import { normalizeName } from './names';

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

/** ISO 639 code (639-1 two letters or 639-3 three letters), optionally with a BCP 47 private-use tail. */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-x-[a-z0-9]{1,16})?$/, 'ISO 639 language code');

export const personSchema = z
  .object({
    ...recordMetaShape,
    householdId: idSchema,
    givenName: z.string().trim().min(1).max(80),
    familyName: z.string().trim().max(80),
    dateOfBirth: isoDate.optional(),
    /** When the date of birth is unknown: the age in years as estimated at registration. */
    estimatedAge: z.number().int().min(0).max(120).optional(),
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

/** Age in whole years on `onDate` (ISO date), from the date of birth or the estimate made at `estimatedOn`. */
export function ageInYears(
  person: Pick<Person, 'dateOfBirth' | 'estimatedAge' | 'createdAt'>,
  onDate: string,
): number | undefined {
  const on = parseISO(onDate);
  if (person.dateOfBirth) return differenceInYears(on, parseISO(person.dateOfBirth));
  if (person.estimatedAge !== undefined) {
    return person.estimatedAge + Math.max(0, differenceInYears(on, parseISO(person.createdAt)));
  }
  return undefined;
}

export const ADULT_AGE = 18;

export function isChild(
  person: Pick<Person, 'dateOfBirth' | 'estimatedAge' | 'createdAt'>,
  onDate: string,
): boolean {
  const age = ageInYears(person, onDate);
  return age !== undefined && age < ADULT_AGE;
}
