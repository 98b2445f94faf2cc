/**
 * Verifiers: what a helpline agent's device holds instead of a family's
 * identity details (issue 16). For each person and each household the server
 * keeps a record of salted, slow hashes of the normalised answers to the
 * verification questions (date of birth, document numbers); the agent's
 * device hashes what the caller says the same way and compares. The values
 * themselves never reach the call desk, so a lost helpline laptop holds no
 * date of birth and no document number.
 *
 * The hash is PBKDF2-SHA-256 (WebCrypto: the browser and the server compute
 * the same bits), salted per household, so one table of guesses cannot be
 * tried against every family at once, and made slow by its iteration count.
 * It is a speed bump, not a safe: a date of birth has few possible values,
 * and someone holding a stolen device and time can try them all for one
 * family. What it removes is reading the answers off the disk.
 *
 * The server writes these records (services/verifiers.ts) whenever a person
 * or a sensitive record changes; no device may push them.
 */
import { z } from 'zod';
import { idSchema, recordMetaShape } from './common';
import { normalizeDate, normalizeIdentifier } from './verification';

/** Bump only together with re-deriving every verifier on the server. */
export const VERIFIER_ITERATIONS = 5_000;
const HASH_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const hashSchema = z.string().regex(HASH_PATTERN, 'a verifier hash');

export const verifierSchema = z
  .object({
    ...recordMetaShape,
    householdId: idSchema,
    /** `person`: the record's id is the person's; `household`: it is the household's. */
    subjectType: z.enum(['household', 'person']),
    /** Hash of the person's date of birth (ISO), when known. */
    dateOfBirth: hashSchema.optional(),
    /** Hashes of the subject's document numbers (letters and digits, upper case). */
    identifiers: z.array(hashSchema).max(10),
  })
  .strict();
export type Verifier = z.infer<typeof verifierSchema>;

export type HashedAnswer = 'dateOfBirth' | 'identifier';

/** The value a hash is made of, or undefined when the text is not a possible answer. */
export function normalizedAnswer(kind: HashedAnswer, text: string): string | undefined {
  if (kind === 'dateOfBirth') return normalizeDate(text);
  const identifier = normalizeIdentifier(text);
  return identifier === '' ? undefined : identifier;
}

function base64Url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The verifier hash of an answer as said (normalised here), salted with the
 * household's id. Undefined when the text cannot be an answer (no date, no
 * letters or digits): it matches nothing.
 */
export async function hashAnswer(kind: HashedAnswer, text: string, householdId: string): Promise<string | undefined> {
  const value = normalizedAnswer(kind, text);
  if (value === undefined) return undefined;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(`${kind}\u0000${value}`), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    {
      name: 'PBKDF2',
      hash: 'SHA-256',
      salt: encoder.encode(`waystation-verifier\u0000${householdId}`),
      iterations: VERIFIER_ITERATIONS,
    },
    key,
    256,
  );
  return base64Url(bits);
}
