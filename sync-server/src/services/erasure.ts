/**
 * A person's request (issue 21 item 3): everything the server holds about a
 * household or a person, exported; and its erasure.
 *
 * Erasure takes two coordinators of the record's site: one asks, with a
 * reason; another confirms. At confirmation, in one transaction, every
 * record about the subject (the household, its people, their sensitive
 * details, travel legs, milestones, case notes, calls, verifiers, tasks about
 * them and conflicts about any of these) becomes a tombstone that keeps only
 * ids, links and index keys (no names, dates or notes), the audit entries
 * about those records have their details redacted, and one audit entry says
 * who asked, who confirmed, when and why. Devices pull the tombstones at
 * their next sync and so drop the content; a device that still pushes an
 * edit of an erased record is answered with the tombstone, and its edit is
 * neither stored nor kept as a conflict (it would carry the content back).
 */
import { randomUUID } from 'node:crypto';
import type { CollectionName } from '@waystation/domain/collections';
import {
  ERASURE_WRITER,
  contentFreeTombstone,
  erasureRequestSchema,
  isErasedTombstone,
  subjectSchema,
  type Erasure,
  type Subject,
  type SubjectExport,
} from '@waystation/domain/erasure';
import type { WireDocument } from '@waystation/protocol';
import type { ErasureRecord, Store, StoreTransaction, StoredDocument } from '../store/types';
import type { Principal } from './actor';
import type { ChangeNotifier } from './changes';
import { forbidden } from './access';
import { InputError, parseBody } from './errors';

export interface ErasureDeps {
  store: Store;
  notifier?: ChangeNotifier;
  now: () => Date;
}

export const ERASURE_ACTIONS = {
  export: 'subject_export',
  request: 'erasure_request',
  erasure: 'erasure',
} as const;

function tombstoneOf(collection: CollectionName, doc: WireDocument, at: string, userId: string): WireDocument {
  return contentFreeTombstone(collection, doc, { at, by: userId, writer: ERASURE_WRITER });
}

function requireCoordinator(principal: Principal, siteId: string): void {
  if (!principal.roles.includes('coordinator')) throw forbidden('Only coordinators may answer a person’s request');
  if (!principal.siteIds.includes(siteId)) throw forbidden(`The record belongs to site "${siteId}", which is not yours`);
}

/** Every stored record about the subject, by collection (deleted ones included: they may still hold content). */
async function footprint(tx: StoreTransaction, subject: Subject): Promise<Map<CollectionName, StoredDocument[]>> {
  const found = new Map<CollectionName, Map<string, StoredDocument>>();
  const add = (collection: CollectionName, docs: Iterable<StoredDocument>) => {
    const byId = found.get(collection) ?? new Map<string, StoredDocument>();
    for (const doc of docs) byId.set(doc.id, doc);
    found.set(collection, byId);
  };
  const root = await tx.getDocuments(subject.collection, [subject.id]);
  add(subject.collection, root.values());

  let personIds: string[];
  if (subject.collection === 'households') {
    add('people', await tx.documentsLinkedTo('people', 'householdId', [subject.id]));
    personIds = [...(found.get('people')?.keys() ?? [])];
    for (const collection of ['sensitive', 'travelLegs', 'milestones', 'caseNotes', 'calls', 'verifiers'] as const) {
      add(collection, await tx.documentsLinkedTo(collection, 'householdId', [subject.id]));
    }
  } else {
    personIds = [subject.id];
    // A person's sensitive details and verifier share the person's id.
    add('sensitive', (await tx.getDocuments('sensitive', personIds)).values());
    add('verifiers', (await tx.getDocuments('verifiers', personIds)).values());
  }
  for (const collection of ['milestones', 'caseNotes', 'calls'] as const) {
    add(collection, await tx.documentsLinkedTo(collection, 'personId', personIds));
  }
  const subjectIds = subject.collection === 'households' ? [subject.id, ...personIds] : personIds;
  add('tasks', await tx.documentsLinkedTo('tasks', 'recordId', subjectIds));
  const allIds = [...found.values()].flatMap((byId) => [...byId.keys()]);
  add('conflicts', await tx.documentsLinkedTo('conflicts', 'recordId', allIds));

  return new Map([...found].map(([collection, byId]) => [collection, [...byId.values()]]));
}

async function subjectRecord(tx: StoreTransaction, subject: Subject): Promise<StoredDocument> {
  const stored = (await tx.getDocuments(subject.collection, [subject.id])).get(subject.id);
  if (!stored) throw new InputError('not_found', `No ${subject.collection} record ${subject.id}`);
  return stored;
}

/** Everything about the subject, for the person who asked to see it; the export itself is audited. */
export async function exportSubject(deps: ErasureDeps, principal: Principal, query: unknown): Promise<SubjectExport> {
  const subject = parseBody(subjectSchema, query, 'The subject');
  const at = deps.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const root = await subjectRecord(tx, subject);
    requireCoordinator(principal, root.siteId);
    const records: SubjectExport['records'] = {};
    const audit: SubjectExport['audit'] = [];
    for (const [collection, docs] of await footprint(tx, subject)) {
      if (docs.length === 0) continue;
      records[collection] = docs.map((stored) => stored.doc);
      for (const stored of docs) {
        for (const entry of await deps.store.listAudit({ collection, recordId: stored.id, limit: 10_000 })) {
          audit.push({
            at: entry.at,
            userId: entry.userId,
            deviceId: entry.deviceId,
            action: entry.action,
            ...(entry.collection ? { collection: entry.collection } : {}),
            ...(entry.recordId ? { recordId: entry.recordId } : {}),
            ...(entry.details === undefined ? {} : { details: entry.details }),
          });
        }
      }
    }
    audit.sort((a, b) => a.at.localeCompare(b.at));
    await tx.appendAudit({
      at,
      userId: principal.userId,
      deviceId: principal.deviceId,
      action: ERASURE_ACTIONS.export,
      collection: subject.collection,
      recordId: subject.id,
      siteId: root.siteId,
      details: { records: Object.values(records).reduce((sum, docs) => sum + docs.length, 0) },
    });
    return { subject, generatedAt: at, generatedBy: principal.userId, records, audit };
  });
}

function toErasure(record: ErasureRecord): Erasure {
  return {
    id: record.id,
    subject: { collection: record.subjectCollection, id: record.subjectId },
    siteId: record.siteId,
    reason: record.reason,
    requestedBy: record.requestedBy,
    requestedAt: record.requestedAt,
    ...(record.confirmedBy ? { confirmedBy: record.confirmedBy } : {}),
    ...(record.confirmedAt ? { confirmedAt: record.confirmedAt } : {}),
    ...(record.erased ? { erased: record.erased } : {}),
  };
}

/** The first coordinator asks: nothing is erased until another confirms. */
export async function requestErasure(deps: ErasureDeps, principal: Principal, body: unknown): Promise<Erasure> {
  const request = parseBody(erasureRequestSchema, body, 'The erasure request');
  const at = deps.now().toISOString();
  return deps.store.transaction(async (tx) => {
    const root = await subjectRecord(tx, request.subject);
    requireCoordinator(principal, root.siteId);
    if (isErasedTombstone(root.doc)) {
      throw new InputError('erasure_state', 'This record was already erased; nothing was changed');
    }
    const record: ErasureRecord = {
      id: randomUUID(),
      subjectCollection: request.subject.collection,
      subjectId: request.subject.id,
      siteId: root.siteId,
      reason: request.reason,
      requestedBy: principal.userId,
      requestedAt: at,
    };
    await tx.putErasure(record);
    await tx.appendAudit({
      at,
      userId: principal.userId,
      deviceId: principal.deviceId,
      action: ERASURE_ACTIONS.request,
      collection: 'erasures',
      recordId: record.id,
      siteId: root.siteId,
      details: { subject: `${record.subjectCollection}/${record.subjectId}`, reason: record.reason },
    });
    return toErasure(record);
  });
}

/** The second coordinator confirms: the records become tombstones and the audit entries about them are redacted. */
export async function confirmErasure(deps: ErasureDeps, principal: Principal, erasureId: string): Promise<Erasure> {
  const at = deps.now().toISOString();
  const outcome = await deps.store.transaction(async (tx) => {
    const record = await tx.getErasureForUpdate(erasureId);
    if (!record) throw new InputError('not_found', `No erasure request ${erasureId}`);
    requireCoordinator(principal, record.siteId);
    if (record.confirmedAt) throw new InputError('erasure_state', 'This erasure was already carried out');
    if (record.requestedBy === principal.userId) {
      throw new InputError('erasure_state', 'Another coordinator must confirm the erasure you asked for; nothing was erased');
    }
    const subject: Subject = { collection: record.subjectCollection, id: record.subjectId };
    const erased: Record<string, number> = {};
    const written = new Map<string, Map<string, number>>();
    /** Families and calls whose logged messages (their bodies) go too. */
    const messageGroups: string[] = [];
    for (const [collection, docs] of await footprint(tx, subject)) {
      if (collection === 'households' || collection === 'calls') messageGroups.push(...docs.map((stored) => stored.id));
      const writes = docs
        .filter((stored) => !isErasedTombstone(stored.doc))
        .map((stored) => ({ collection, siteId: stored.siteId, doc: tombstoneOf(collection, stored.doc, at, principal.userId) }));
      const seqs = await tx.putDocuments(writes);
      writes.forEach((write, index) => {
        const bySite = written.get(collection) ?? new Map<string, number>();
        bySite.set(write.siteId, Math.max(seqs[index] ?? 0, bySite.get(write.siteId) ?? 0));
        written.set(collection, bySite);
      });
      await tx.redactAudit(collection, docs.map((stored) => stored.id));
      if (writes.length > 0) erased[collection] = writes.length;
    }
    const confirmed: ErasureRecord = { ...record, confirmedBy: principal.userId, confirmedAt: at, erased };
    await tx.putErasure(confirmed);
    await tx.appendAudit({
      at,
      userId: principal.userId,
      deviceId: principal.deviceId,
      action: ERASURE_ACTIONS.erasure,
      collection: 'erasures',
      recordId: record.id,
      siteId: record.siteId,
      details: {
        subject: `${record.subjectCollection}/${record.subjectId}`,
        reason: record.reason,
        requestedBy: record.requestedBy,
        requestedAt: record.requestedAt,
        erased,
      },
    });
    return { erasure: toErasure(confirmed), written, messageGroups };
  });
  // The log provider's copies of messages to them are the only message bodies the server keeps.
  await deps.store.messages.forgetLogged(outcome.messageGroups);
  for (const [collection, bySite] of outcome.written) {
    for (const [siteId, seq] of bySite) deps.notifier?.publish(collection, seq, siteId);
  }
  return outcome.erasure;
}

/** Erasures of the coordinator's sites, newest first. */
export async function listErasures(deps: ErasureDeps, principal: Principal): Promise<{ erasures: Erasure[] }> {
  if (!principal.roles.includes('coordinator')) throw forbidden('Only coordinators may answer a person’s request');
  const sites = new Set(principal.siteIds);
  return { erasures: (await deps.store.listErasures()).filter((e) => sites.has(e.siteId)).map(toErasure) };
}
