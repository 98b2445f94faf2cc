/**
 * The helpline's reads: finding the family a caller speaks of, and what the
 * verification questions are checked against. Search results carry the
 * family's name, how it matched, and what tells families of one name apart
 * (issue 16: size, arrival, site, the phone's last digits) — no date of
 * birth or document number, the answers the verification asks for.
 *
 * Names go through intake's indexed prefix search. Phone numbers and
 * identifiers have no index: households' `contactPhone` is free text and
 * identifiers are encrypted at rest (an encrypted field cannot be indexed),
 * so those two searches read the collection. That is fine for a helpline
 * desk's device; an indexed phone key would need a households schema version
 * agreed with intake.
 */
import type { CountryCode } from 'libphonenumber-js';
import { map, type Observable } from 'rxjs';
import { phoneKey, type Call } from '../../domain/calls';
import { normalizeIdentifier, type CallerAttempt, type VerificationFacts } from '../../domain/verification';
import type { Verifier } from '../../domain/verifiers';
import { unsavedAttempts } from './unsavedAttempts';
import type { Household, HouseholdRecord } from '../../domain/household';
import type { Person } from '../../domain/person';
import type { Sensitive } from '../../domain/sensitive';
import type { WaystationDatabase } from '../../db/database';
import { searchHouseholds } from '../intake';
import { indexReader } from '../../db/indexReader';

export interface CallerMatch {
  householdId: string;
  personId?: string;
  familyName: string;
  matchedBy: 'name' | 'phone' | 'identifier';
}

/** A match with what sets it apart from others of the same name. */
export interface CallerMatchFacts extends CallerMatch {
  siteId: string;
  memberCount: number;
  arrivalDate?: string;
  /** The last four digits of the family's contact phone. */
  phoneEnding?: string;
}

export const CALLER_SEARCH_LIMIT = 20;
const MIN_QUERY_LENGTH = 2;

async function byPhone(db: WaystationDatabase, e164: string, region: CountryCode): Promise<CallerMatch[]> {
  const households = await db.households.find({ selector: { contactPhone: { $exists: true } } }).exec();
  return households
    .map((doc) => doc.toJSON() as Household)
    .filter((household) => household.contactPhone && phoneKey(household.contactPhone, region) === e164)
    .map((household) => ({
      householdId: household.id,
      familyName: household.familyName,
      matchedBy: 'phone' as const,
    }));
}

async function byIdentifier(db: WaystationDatabase, key: string): Promise<CallerMatch[]> {
  // A helpline agent's device holds no document numbers (only their hashes): nothing to search there.
  if (!('sensitive' in db.collections)) return [];
  const sensitive = await db.sensitive.find().exec();
  const hits = sensitive
    .map((doc) => doc.toJSON() as Sensitive)
    .filter((record) =>
      record.identifiers.some((identifier) => normalizeIdentifier(identifier.value) === key),
    );
  if (hits.length === 0) return [];
  const households = await db.households.findByIds(hits.map((hit) => hit.householdId)).exec();
  return hits.flatMap((hit) => {
    const household = households.get(hit.householdId);
    if (!household) return [];
    return [
      {
        householdId: hit.householdId,
        ...(hit.subjectType === 'person' ? { personId: hit.id } : {}),
        familyName: household.familyName,
        matchedBy: 'identifier' as const,
      },
    ];
  });
}

/** Families matching a name prefix, a phone number or an identifier, without any detail. */
export async function findCallers(
  db: WaystationDatabase,
  query: string,
  region: CountryCode,
): Promise<CallerMatchFacts[]> {
  const text = query.trim();
  if (text.length < MIN_QUERY_LENGTH) return [];
  const found: CallerMatch[] = [];
  const looksLikePhone = /^[+\d][\d\s().-]{5,}$/.test(text);
  const e164 = looksLikePhone ? phoneKey(text, region) : undefined;
  if (e164) found.push(...(await byPhone(db, e164, region)));
  const identifierKey = normalizeIdentifier(text);
  if (/\d/.test(identifierKey) && identifierKey.length >= 4)
    found.push(...(await byIdentifier(db, identifierKey)));
  if (!looksLikePhone) {
    const named = await searchHouseholds(db, text, () => false, CALLER_SEARCH_LIMIT);
    found.push(
      ...named.map((h) => ({ householdId: h.id, familyName: h.familyName, matchedBy: 'name' as const })),
    );
  }
  const seen = new Set<string>();
  const matches = found
    .filter((match) => {
      const key = `${match.householdId}/${match.personId ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, CALLER_SEARCH_LIMIT);
  return withFacts(db, matches);
}

/** Adds each match's distinguishing facts: one read of the households, member counts from the index alone. */
async function withFacts(db: WaystationDatabase, matches: CallerMatch[]): Promise<CallerMatchFacts[]> {
  const ids = [...new Set(matches.map((match) => match.householdId))];
  const [households, members] = await Promise.all([
    db.households.findByIds(ids).exec(),
    indexReader<Person>(db.people).idsWhere('householdId', ids),
  ]);
  return matches.flatMap((match) => {
    const household = households.get(match.householdId)?.toJSON() as HouseholdRecord | undefined;
    if (!household) return [];
    const digits = household.contactPhone?.replace(/\D/g, '') ?? '';
    return [
      {
        ...match,
        siteId: household.siteId,
        memberCount: members.get(match.householdId)?.length ?? 0,
        ...(household.arrivalDate ? { arrivalDate: household.arrivalDate } : {}),
        ...(digits.length >= 4 ? { phoneEnding: digits.slice(-4) } : {}),
      },
    ];
  });
}

/**
 * What the linked record knows for the verification questions, as the
 * device holds it: the hashes of the linked person's date of birth (else the
 * head of household's) and of their and the household's document numbers
 * (the `verifiers` the server sends), and the number of members.
 */
export async function verificationFacts(
  db: WaystationDatabase,
  householdId: string,
  personId?: string,
): Promise<VerificationFacts> {
  const people = await db.people.find({ selector: { householdId } }).exec();
  const members = people.map((doc) => doc.toJSON() as Person);
  const subject = personId
    ? members.find((m) => m.id === personId)
    : (members.find((m) => m.relationship === 'head') ?? members[0]);
  const ids = [householdId, ...(subject ? [subject.id] : [])];
  // Only the call desk's roles receive verifiers; elsewhere there is nothing to verify against.
  const found = 'verifiers' in db.collections ? await db.verifiers.findByIds(ids).exec() : new Map();
  const verifiers = ids.flatMap((id) => {
    const doc = found.get(id);
    return doc ? [doc.toJSON() as Verifier] : [];
  });
  const dateOfBirth = subject ? verifiers.find((v) => v.id === subject.id)?.dateOfBirth : undefined;
  return {
    householdId,
    ...(dateOfBirth ? { dateOfBirth } : {}),
    identifiers: verifiers.flatMap((v) => v.identifiers),
    ...(members.length > 0 ? { householdSize: members.length } : {}),
  };
}

/**
 * Every verification attempt this device knows for a caller: those in saved
 * calls about them (synced from every desk) and this device's attempts in
 * calls not saved yet. The lock is derived from these (domain/verification).
 */
export async function callerAttempts(
  db: WaystationDatabase,
  householdId: string,
  personId: string | undefined,
): Promise<CallerAttempt[]> {
  const calls = await db.calls.find({ selector: { householdId } }).exec();
  const saved = calls
    .map((doc) => doc.toJSON() as Call)
    .filter((call) => (call.personId ?? '') === (personId ?? ''))
    .flatMap((call) =>
      Object.entries(call.verification.attempts).map(([id, attempt]) => ({ id, at: attempt.at, passed: attempt.passed })),
    );
  return [...saved, ...unsavedAttempts(householdId, personId)];
}

/** Open calls by due time (the queue), kept current. */
export function openCalls$(db: WaystationDatabase): Observable<Call[]> {
  return db.calls
    .find({ selector: { status: 'open' }, sort: [{ status: 'asc' }, { dueAt: 'asc' }] })
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Call)));
}
