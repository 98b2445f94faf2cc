/**
 * Finding people who may already be registered, without scanning the store:
 * candidates come from prefix ranges of the indexed name keys (given-first
 * `nameKey`, family-first `familyKey`) under each typed name part and its
 * other spellings (domain/duplicates.ts `searchPrefixes`), a bounded number
 * per range; the domain scorer then decides. On a device with 100,000 people
 * a very common prefix can fill its range before reaching the person, so a
 * match is likely, not certain, to be found there; at a center's scale
 * (thousands) every range is complete.
 */
import { normalizeName, PREFIX_END } from '../../domain/names';
import { byStrength, isAtLeast, scoreDuplicate, searchPrefixes, type DuplicateScore, type Identity } from '../../domain/duplicates';
import type { Household } from '../../domain/household';
import type { Person } from '../../domain/person';
import type { Sensitive } from '../../domain/sensitive';
import type { WaystationDatabase } from '../../db/database';

const PREFIX_LENGTH = 4;
const PER_RANGE = 200;
/** A name in the transliteration table brings several prefixes (Muhammad: muha, moha, maxa, …). */
const MAX_PREFIXES = 12;
const MAX_RESULTS = 3;

export interface DuplicateCandidate {
  person: Person;
  household?: Pick<Household, 'id' | 'familyName'>;
  score: DuplicateScore;
}

/** Each part's prefixes taken in turn, so the cap never drops every spelling of one part. */
function prefixesOf(identity: Identity): string[] {
  const parts = normalizeName(`${identity.givenName} ${identity.familyName}`).split(' ');
  const perPart = parts.map((part) => searchPrefixes(part, PREFIX_LENGTH));
  const longest = Math.max(0, ...perPart.map((list) => list.length));
  const interleaved: string[] = [];
  for (let i = 0; i < longest; i++) {
    for (const list of perPart) {
      const prefix = list[i];
      if (prefix !== undefined) interleaved.push(prefix);
    }
  }
  return [...new Set(interleaved)].slice(0, MAX_PREFIXES);
}

/**
 * People on the device who may be `identity` (possible, likely or definite), strongest
 * first, excluding the members of `ownHouseholdId` (the family being edited).
 */
export async function findDuplicateCandidates(
  db: WaystationDatabase,
  identity: Identity,
  ownHouseholdId?: string,
): Promise<DuplicateCandidate[]> {
  const prefixes = prefixesOf(identity);
  if (prefixes.length === 0) return [];
  const found = await Promise.all(
    prefixes.flatMap((prefix) => {
      const range = { $gte: prefix, $lt: prefix + PREFIX_END };
      return [
        db.people.find({ selector: { nameKey: range }, sort: [{ nameKey: 'asc' }], limit: PER_RANGE }).exec(),
        db.people.find({ selector: { familyKey: range }, sort: [{ familyKey: 'asc' }], limit: PER_RANGE }).exec(),
      ];
    }),
  );
  const people = new Map<string, Person>();
  for (const doc of found.flat()) {
    if (doc.householdId !== ownHouseholdId) people.set(doc.id, doc.toJSON() as Person);
  }
  // Identifiers live in the sensitive records (same id as the person, decrypted on read): fetch
  // every candidate's only when an identifier was typed, else only those whose name already matches.
  const toCheck = identity.identifiers?.length
    ? [...people.keys()]
    : [...people.values()].filter((person) => scoreDuplicate(identity, person).level !== 'none').map((p) => p.id);
  const details = await db.sensitive.findByIds(toCheck).exec();
  const scored = [...people.values()]
    .map((person) => {
      const sensitive = details.get(person.id)?.toJSON() as Sensitive | undefined;
      const existing: Identity = { ...person, identifiers: sensitive?.identifiers ?? [] };
      return { person, score: scoreDuplicate(identity, existing) };
    })
    .filter(({ score }) => isAtLeast(score.level, 'possible'))
    .sort((a, b) => byStrength(a.score, b.score))
    .slice(0, MAX_RESULTS);
  const households = await db.households.findByIds([...new Set(scored.map(({ person }) => person.householdId))]).exec();
  return scored.map(({ person, score }) => {
    const household = households.get(person.householdId)?.toJSON() as Household | undefined;
    return household
      ? { person, score, household: { id: household.id, familyName: household.familyName } }
      : { person, score };
  });
}
