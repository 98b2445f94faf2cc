/**
 * Keeps the `verifiers` collection (src/domain/verifiers.ts) in step with the
 * records it is made from. A verifier has the id of its subject: a person
 * (their date of birth, from `people`, and their document numbers, from the
 * `sensitive` record of the same id) or a household (its document numbers).
 * Written by the verifier follower (verifierFollower.ts) after a push is
 * answered, from the records as they stand when it writes.
 */
import type { CollectionName } from '@waystation/domain/collections';
import { deepEqual } from '@waystation/domain/merge';
import { hashAnswer, type Verifier } from '@waystation/domain/verifiers';
import type { WireDocument } from '@waystation/protocol';
import type { StoreTransaction } from '../store/types';

export const VERIFIERS_COLLECTION = 'verifiers';
/** Who the verifiers' metadata names as their writer. */
const SERVER_WRITER = 'server';

function live(doc: WireDocument | undefined): WireDocument | undefined {
  return doc && doc._deleted !== true ? doc : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function identifierValues(sensitive: WireDocument | undefined): string[] {
  const list = sensitive?.identifiers;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    const value =
      typeof entry === 'object' && entry !== null ? (entry as { value?: unknown }).value : undefined;
    return typeof value === 'string' ? [value] : [];
  });
}

/** What a subject's verifier is made of: the answers to hash and the household that salts them. */
function answersOf(
  person: WireDocument | undefined,
  sensitive: WireDocument | undefined,
): { householdId: string; siteId: string; dateOfBirth?: string; identifiers: string[] } | undefined {
  const subject = person ?? sensitive;
  const householdId =
    text(subject?.householdId) ?? (sensitive?.subjectType === 'household' ? text(sensitive.id) : undefined);
  const siteId = text(subject?.siteId);
  if (!subject || !householdId || !siteId) return undefined;
  const dateOfBirth = text(person?.dateOfBirth);
  return {
    householdId,
    siteId,
    ...(dateOfBirth ? { dateOfBirth } : {}),
    identifiers: identifierValues(sensitive),
  };
}

/**
 * Verifier hashes by what was hashed (kind, household, text as read). The
 * follower fills it before its transaction (`prehashVerifierAnswers`), so the
 * slow hashes do not hold the store's writer; inside, an answer still as read
 * is taken from here and any other (changed since) is hashed then (and added).
 */
export type AnswerHashes = Map<string, Promise<string | undefined>>;

/** Node's thread pool, where each PBKDF2 runs: more hashes at once than this only queue. */
export const HASH_THREADS = Math.max(1, Number(process.env.UV_THREADPOOL_SIZE) || 4);

/** How often a lane not allowed to hash now looks again. */
const LANE_WAIT_MS = 25;



function hashOf(
  hashes: AnswerHashes,
  kind: 'dateOfBirth' | 'identifier',
  value: string,
  householdId: string,
): Promise<string | undefined> {
  const key = `${kind}\u0000${householdId}\u0000${value}`;
  let hash = hashes.get(key);
  if (!hash) {
    hash = hashAnswer(kind, value, householdId);
    hashes.set(key, hash);
    // A hash nobody awaits must not fail the process; whoever awaits it still hears of the error.
    void hash.catch(() => undefined);
  }
  return hash;
}

/**
 * Makes the hashes the changed records' verifiers will need (a record alone,
 * as its counterpart is not read yet) and resolves when they are done: at
 * most one per thread of Node's pool at once, fewer while `lanes()` says so
 * (the follower leaves a core to pushes being answered).
 */
export async function prehashVerifierAnswers(
  collection: CollectionName,
  docs: readonly WireDocument[],
  lanes: () => number = () => HASH_THREADS,
): Promise<AnswerHashes> {
  const hashes: AnswerHashes = new Map();
  const wanted: [kind: 'dateOfBirth' | 'identifier', value: string, householdId: string][] = [];
  for (const doc of docs) {
    const mine = live(doc);
    const answers = collection === 'people' ? answersOf(mine, undefined) : answersOf(undefined, mine);
    if (!answers) continue;
    if (answers.dateOfBirth) wanted.push(['dateOfBirth', answers.dateOfBirth, answers.householdId]);
    for (const value of answers.identifiers) wanted.push(['identifier', value, answers.householdId]);
  }
  // Lanes take the next answer as each hash ends, so at most `lanes()` hashes run at once (each on a
  // thread of Node's pool); a lane beyond the number allowed now waits, and the first always runs.
  let next = 0;
  const lane = async (index: number) => {
    while (next < wanted.length) {
      if (index >= lanes()) {
        await new Promise((resolve) => setTimeout(resolve, LANE_WAIT_MS));
        continue;
      }
      const [kind, value, householdId] = wanted[next++]!;
      await hashOf(hashes, kind, value, householdId);
    }
  };
  const most = Math.min(HASH_THREADS, wanted.length);
  await Promise.all(Array.from({ length: most }, (_, index) => lane(index)));
  return hashes;
}

/** The hashed content of a subject's verifier, or undefined when there is nothing to verify against. */
async function contentOf(
  person: WireDocument | undefined,
  sensitive: WireDocument | undefined,
  hashes: AnswerHashes,
): Promise<
  Pick<Verifier, 'householdId' | 'subjectType' | 'dateOfBirth' | 'identifiers' | 'siteId'> | undefined
> {
  const answers = answersOf(person, sensitive);
  if (!answers) return undefined;
  const { householdId, siteId, dateOfBirth } = answers;
  const [dobHash, ...identifierHashes] = await Promise.all([
    dateOfBirth ? hashOf(hashes, 'dateOfBirth', dateOfBirth, householdId) : Promise.resolve(undefined),
    ...answers.identifiers.map((value) => hashOf(hashes, 'identifier', value, householdId)),
  ]);
  const identifiers = [...new Set(identifierHashes.filter((hash): hash is string => hash !== undefined))];
  if (!dobHash && identifiers.length === 0) return undefined;
  return {
    householdId,
    siteId,
    subjectType: person || sensitive?.subjectType === 'person' ? 'person' : 'household',
    ...(dobHash ? { dateOfBirth: dobHash } : {}),
    identifiers,
  };
}

/**
 * The verifiers to write for these subjects (`latest`: their versions in
 * `collection` as they stand). A subject with nothing left
 * to verify against has its verifier deleted. `hashes`: those already made
 * (see `prehashVerifierAnswers`); the ones still missing are made together.
 */
export async function verifierWrites(
  tx: StoreTransaction,
  collection: CollectionName,
  latest: ReadonlyMap<string, WireDocument>,
  now: string,
  hashes: AnswerHashes = new Map(),
): Promise<WireDocument[]> {
  const ids = [...latest.keys()];
  if (ids.length === 0) return [];
  const other = collection === 'people' ? 'sensitive' : 'people';
  const [counterparts, existing] = await Promise.all([
    tx.getDocuments(other, ids),
    tx.getDocuments(VERIFIERS_COLLECTION, ids),
  ]);
  const contents = await Promise.all(
    ids.map((id) => {
      const mine = live(latest.get(id));
      const theirs = live(counterparts.get(id)?.doc);
      const [person, sensitive] = collection === 'people' ? [mine, theirs] : [theirs, mine];
      return contentOf(person, sensitive, hashes);
    }),
  );
  const writes: WireDocument[] = [];
  for (const [index, id] of ids.entries()) {
    const content = contents[index];
    const before = existing.get(id)?.doc;
    const meta = {
      id,
      createdAt: text(before?.createdAt) ?? now,
      updatedAt: now,
      updatedBy: SERVER_WRITER,
      deviceId: SERVER_WRITER,
    };
    if (!content) {
      if (before && before._deleted !== true) writes.push({ ...before, ...meta, _deleted: true });
      continue;
    }
    const next: WireDocument = { ...meta, ...content, _deleted: false };
    const unchanged =
      before &&
      deepEqual({ ...before, updatedAt: '', createdAt: '' }, { ...next, updatedAt: '', createdAt: '' });
    if (!unchanged) writes.push(next);
  }
  return writes;
}
