/**
 * The reference printed on a family's card (issue 19): short enough to read
 * out on the phone line ("7F3K-92QD"), derived from the household's id and
 * nothing else, so the card carries no name and no personal data. The QR code
 * carries the full id behind a fixed prefix; a device finds the family in its
 * own store, offline.
 *
 * The reference is 40 bits of a hash of the id in Crockford's base32 (no I, L,
 * O or U, so it is not misread). Reading it back accepts what a person might
 * say or type instead: lower case, spaces, O for 0, I or L for 1. It is an
 * identifier, not a secret: the helpline still verifies the caller.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REFERENCE_LENGTH = 8;

/** What the QR code holds: a fixed prefix (so another app's code is told apart) and the household's id. */
export const CARD_CODE_PREFIX = 'WAYSTATION:H:';

/** Ids as the record schemas allow them (domain/common.ts idSchema). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export class NotAReferenceError extends Error {
  constructor(readonly input: string) {
    super(`Not a family card reference: ${input}`);
    this.name = 'NotAReferenceError';
  }
}

/** FNV-1a over UTF-16 code units with a murmur3 finaliser: well spread, fast for 100,000 ids. */
function hash32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The reference of the household with this id, e.g. "7F3K-92QD". */
export function householdReference(id: string): string {
  if (!ID.test(id)) throw new NotAReferenceError(id);
  // 40 bits: 32 from one pass, 8 from a second with another seed.
  const high = hash32(id, 0x811c9dc5);
  const low = hash32(id, 0x9747b28c) & 0xff;
  let digits = '';
  // 8 digits of 5 bits: the first six from `high` (30 bits), then 2 bits of `high` with 3 of `low`, then 5 of `low`.
  for (let i = 0; i < 6; i += 1) digits += ALPHABET[(high >>> (27 - 5 * i)) & 31];
  digits += ALPHABET[((high & 3) << 3) | (low >>> 5)];
  digits += ALPHABET[low & 31];
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

/** A reference as typed or read out, in the canonical form, or undefined when it cannot be one. */
export function normalizeReference(input: string): string | undefined {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-–—.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== REFERENCE_LENGTH) return undefined;
  for (const char of cleaned) if (!ALPHABET.includes(char)) return undefined;
  return `${cleaned.slice(0, 4)}-${cleaned.slice(4)}`;
}

/** The text of the QR code on the card of the household with this id. */
export function cardCode(id: string): string {
  if (!ID.test(id)) throw new NotAReferenceError(id);
  return `${CARD_CODE_PREFIX}${id}`;
}

/** What a scanned code or a typed text points at: a household id (a card's QR code) or a reference. */
export type CardLookup = { kind: 'id'; id: string } | { kind: 'reference'; reference: string };

export function readCardText(text: string): CardLookup | undefined {
  const trimmed = text.trim();
  if (trimmed.toUpperCase().startsWith(CARD_CODE_PREFIX)) {
    const id = trimmed.slice(CARD_CODE_PREFIX.length);
    return ID.test(id) ? { kind: 'id', id } : undefined;
  }
  const reference = normalizeReference(trimmed);
  return reference ? { kind: 'reference', reference } : undefined;
}
