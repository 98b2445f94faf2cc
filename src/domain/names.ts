/**
 * Name normalisation for search and duplicate checks: case-, accent- and
 * punctuation-insensitive, so "José  Núñez-López" and "jose nunez lopez" match.
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** The upper bound of a prefix range query on a normalised key. */
export const PREFIX_END = '\uffff';
