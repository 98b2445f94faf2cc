/**
 * Possible duplicate registrations (BRIEF §1): a person being typed into the
 * intake form compared with people already on the device.
 *
 *  - The same identifier (an A-number compared as digits only, other documents
 *    as letters and digits) → definite.
 *  - Similar names and the same date of birth → likely. Names compare
 *    case- and accent-insensitively, tolerate spelling variants (Jaro–Winkler
 *    on each name part, also after folding the Spanish spellings that sound
 *    alike: b/v, y/ll, s/z/soft c, silent h, qu/k, soft g/j), a given and
 *    family name entered the wrong way round, and double names or surnames
 *    of which only one was given ("José Luis Pérez García" / "Jose Perez").
 *    Names transliterated from Arabic, Somali, Amharic and Tigrinya meet
 *    through a table of equivalent spellings and a transliteration key
 *    (nameEquivalents.ts): Muhammad Abdallah / Mohammed Abdullahi.
 *  - Similar names and compatible ages → possible (shown as a softer warning).
 *  - A strong name match with no date of birth on one side or both → possible:
 *    many people arrive without papers, and a duplicate is most likely then.
 * A known, different sex (female/male) rules a name match out: Mario is not Maria.
 * Known, different nationalities rule out the weak evidence (possible), not a
 * shared date of birth (a nationality is sometimes recorded wrongly).
 */
import { normalizeName } from './names';
import { areEquivalentNames, equivalentSpellings, sameTransliteration } from './nameEquivalents';

export type DuplicateLevel = 'definite' | 'likely' | 'possible' | 'none';

export interface IdentityIdentifier {
  type: string;
  value: string;
}

/** What the scorer compares: the parts of a person that identify them. */
export interface Identity {
  givenName: string;
  familyName: string;
  dateOfBirth?: string;
  estimatedAge?: number;
  sex?: string;
  /** ISO 3166 country code. */
  nationality?: string;
  identifiers?: readonly IdentityIdentifier[];
}

export type DuplicateReason =
  | 'same_identifier'
  | 'similar_name'
  | 'same_date_of_birth'
  | 'date_of_birth_day_month_swapped'
  | 'compatible_age'
  | 'same_nationality';

export interface DuplicateScore {
  level: DuplicateLevel;
  /** Name similarity, 0…1. */
  nameScore: number;
  reasons: DuplicateReason[];
}

/** Digits only, without leading zeros: "A 012-345-678", "A12345678" and "012345678" are one A-number. */
export function normalizeANumber(value: string): string {
  return value.replace(/\D+/g, '').replace(/^0+/, '');
}

function normalizeIdentifier(identifier: IdentityIdentifier): string {
  if (identifier.type === 'a_number') return normalizeANumber(identifier.value);
  return identifier.value.toUpperCase().replace(/[^A-Z0-9]+/g, '');
}

function sharesIdentifier(a: readonly IdentityIdentifier[], b: readonly IdentityIdentifier[]): boolean {
  const keys = new Set(a.map((id) => `${id.type}:${normalizeIdentifier(id)}`).filter((k) => !k.endsWith(':')));
  return b.some((id) => {
    const value = normalizeIdentifier(id);
    return value !== '' && keys.has(`${id.type}:${value}`);
  });
}

/** Jaro–Winkler similarity of two strings, 0…1. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = true;
      bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * A name part folded to how it sounds in Spanish, so spellings of one name
 * meet: "Hernández"/"Ernandes", "Yolanda"/"Llolanda", "Cecilia"/"Sesilia",
 * "Beatriz"/"Veatris", "Quintero"/"Kintero", "Jiménez"/"Giménez".
 * Input is already normalised (lower case, no accents).
 */
export function soundKey(token: string): string {
  return token
    .replace(/ph/g, 'f')
    .replace(/(?<!c)h/g, '') // silent h, but keep "ch"
    .replace(/ll/g, 'y')
    .replace(/y(?![aeiou])/g, 'i')
    .replace(/v/g, 'b')
    .replace(/w/g, 'u')
    .replace(/qu(?=[ei])/g, 'k')
    .replace(/c(?=[ei])/g, 's')
    .replace(/c/g, 'k')
    .replace(/g(?=[ei])/g, 'j')
    .replace(/[zx](?=[^aeiou]|$)/g, 's')
    .replace(/z/g, 's')
    .replace(/(.)\1+/g, '$1');
}

/** Two spellings of one name in the table (Mohammed / Muhammad, Yusuf / Joseph): a strong match, below the same spelling. */
export const EQUIVALENT_NAME_SCORE = 0.97;
/** Two spellings with the same transliteration key (Hussein / Husain): strong, below the table. */
export const TRANSLITERATION_SCORE = 0.96;

/** How alike two name parts are: the best of their spelling, their sound, and the table of transliterations. */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const spelling = Math.max(jaroWinkler(a, b), jaroWinkler(soundKey(a), soundKey(b)));
  if (areEquivalentNames(a, b)) return Math.max(spelling, EQUIVALENT_NAME_SCORE);
  if (sameTransliteration(a, b)) return Math.max(spelling, TRANSLITERATION_SCORE);
  return spelling;
}

function tokens(value: string): string[] {
  return normalizeName(value)
    .split(' ')
    .filter((t) => t.length > 0);
}

/**
 * How well the shorter list of name parts is found in the longer one, each
 * part matched at most once: 1 when every part of "Jose Perez" is in
 * "José Luis Pérez García". 0 when either list is empty.
 */
function partsFound(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const used = new Set<number>();
  let total = 0;
  for (const part of short) {
    let best = 0;
    let bestIndex = -1;
    long.forEach((candidate, index) => {
      if (used.has(index)) return;
      const score = tokenSimilarity(part, candidate);
      if (score > best) {
        best = score;
        bestIndex = index;
      }
    });
    if (bestIndex >= 0) used.add(bestIndex);
    total += best;
  }
  return total / short.length;
}

/** A name part counts as the same name at or above this similarity. */
export const NAME_MATCH = 0.88;
/**
 * A name this alike is flagged even without a date of birth: the same name,
 * one of its known spellings or the same sound, not merely a letter or two
 * away (Mendoza / Mendez and Martinez / Martin are 0.95).
 */
export const STRONG_NAME_MATCH = 0.96;

/** Name similarity, 0…1, allowing swapped given/family names and missing second names. */
export function nameSimilarity(
  a: Pick<Identity, 'givenName' | 'familyName'>,
  b: Pick<Identity, 'givenName' | 'familyName'>,
): number {
  const [ag, af, bg, bf] = [tokens(a.givenName), tokens(a.familyName), tokens(b.givenName), tokens(b.familyName)];
  // Both parts must match: the weaker part decides, so a shared surname alone is not a match.
  const paired = (g1: string[], f1: string[], g2: string[], f2: string[]) =>
    f1.length === 0 || f2.length === 0 ? 0 : Math.min(partsFound(g1, g2), partsFound(f1, f2));
  const inOrder = paired(ag, af, bg, bf);
  const swapped = paired(ag, af, bf, bg);
  // A whole name typed into one field: compare all the parts, if there are at least two on each
  // side. Only then: averaged over parts, "Hassan Ali" would half-match "Hussein Ali".
  const oneField = [ag, af, bg, bf].some((part) => part.length === 0);
  const all = (x: string[], y: string[]) => (oneField && x.length >= 2 && y.length >= 2 ? partsFound(x, y) : 0);
  const together = all([...ag, ...af], [...bg, ...bf]);
  return Math.max(inOrder, swapped, together);
}

function dayMonthSwapped(a: string, b: string): boolean {
  const [ay, am, ad] = a.split('-');
  const [by, bm, bd] = b.split('-');
  return ay === by && am === bd && ad === bm && am !== ad;
}

const SEXES_THAT_DIFFER = new Set(['female', 'male']);

function sexesDiffer(a?: string, b?: string): boolean {
  return a !== undefined && b !== undefined && a !== b && SEXES_THAT_DIFFER.has(a) && SEXES_THAT_DIFFER.has(b);
}

function yearOf(identity: Identity, onYear: number): number | undefined {
  if (identity.dateOfBirth) return Number(identity.dateOfBirth.slice(0, 4));
  if (identity.estimatedAge !== undefined) return onYear - identity.estimatedAge;
  return undefined;
}

/** Ages within two years of each other (estimates at the folding table are rough). */
const AGE_TOLERANCE_YEARS = 2;

/**
 * Whether `candidate` (being typed) is probably someone already registered as `existing`.
 * @param onYear the year estimated ages are counted from (the registration year)
 */
export function scoreDuplicate(candidate: Identity, existing: Identity, onYear = new Date().getFullYear()): DuplicateScore {
  if (sharesIdentifier(candidate.identifiers ?? [], existing.identifiers ?? [])) {
    return { level: 'definite', nameScore: nameSimilarity(candidate, existing), reasons: ['same_identifier'] };
  }
  const nameScore = nameSimilarity(candidate, existing);
  if (nameScore < NAME_MATCH || sexesDiffer(candidate.sex, existing.sex)) {
    return { level: 'none', nameScore, reasons: [] };
  }
  const sameNationality: DuplicateReason[] =
    candidate.nationality && candidate.nationality === existing.nationality ? ['same_nationality'] : [];
  const nationalitiesDiffer =
    candidate.nationality !== undefined && existing.nationality !== undefined && candidate.nationality !== existing.nationality;
  const a = candidate.dateOfBirth;
  const b = existing.dateOfBirth;
  const likely = (reason: DuplicateReason): DuplicateScore => ({
    level: 'likely',
    nameScore,
    reasons: ['similar_name', reason, ...sameNationality],
  });
  if (a && b && a === b) return likely('same_date_of_birth');
  if (a && b && dayMonthSwapped(a, b)) return likely('date_of_birth_day_month_swapped');
  if ((a && b) || nationalitiesDiffer) return { level: 'none', nameScore, reasons: [] };
  const ya = yearOf(candidate, onYear);
  const yb = yearOf(existing, onYear);
  if (ya !== undefined && yb !== undefined) {
    return Math.abs(ya - yb) <= AGE_TOLERANCE_YEARS
      ? { level: 'possible', nameScore, reasons: ['similar_name', 'compatible_age', ...sameNationality] }
      : { level: 'none', nameScore, reasons: [] };
  }
  // Nothing to compare ages by on at least one side: only the name, if it is the same name.
  if (nameScore >= STRONG_NAME_MATCH) return { level: 'possible', nameScore, reasons: ['similar_name', ...sameNationality] };
  return { level: 'none', nameScore, reasons: [] };
}

const LEVEL_RANK: Record<DuplicateLevel, number> = { definite: 3, likely: 2, possible: 1, none: 0 };

export function isAtLeast(level: DuplicateLevel, threshold: DuplicateLevel): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[threshold];
}

/** Strongest first. */
export function byStrength(a: DuplicateScore, b: DuplicateScore): number {
  return LEVEL_RANK[b.level] - LEVEL_RANK[a.level] || b.nameScore - a.nameScore;
}

const INITIAL_SWAPS: [RegExp, string][] = [
  [/^h/, ''],
  [/^(?=[aeiou])/, 'h'],
  [/^v/, 'b'],
  [/^b/, 'v'],
  [/^ll/, 'y'],
  [/^y/, 'll'],
  [/^c(?=[ei])/, 's'],
  [/^s(?=[ei])/, 'c'],
  [/^z/, 's'],
  [/^s/, 'z'],
  [/^qu/, 'k'],
  [/^k/, 'qu'],
  [/^j/, 'g'],
  [/^g(?=[ei])/, 'j'],
];

/**
 * Prefixes under which a name part's other spellings sort: the part's first
 * `length` letters as typed, with its first sound spelled the other ways, and
 * of its other transliterations in the table (Muhammad → moha, maxa).
 * The device looks candidates up by these in its indexed name keys, so the
 * scorer only ever sees a few hundred people, never the whole store.
 */
export function searchPrefixes(part: string, length = 3): string[] {
  const token = normalizeName(part).split(' ')[0] ?? '';
  if (token.length < 2) return [];
  const spellings = new Set<string>([token, ...equivalentSpellings(token)]);
  for (const [pattern, replacement] of INITIAL_SWAPS) {
    if (pattern.test(token)) spellings.add(token.replace(pattern, replacement));
  }
  return [...new Set([...spellings].map((s) => s.slice(0, length)))];
}
