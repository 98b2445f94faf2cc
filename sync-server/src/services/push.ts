/**
 * Applies a device's push (RxDB's replication push contract) to the store.
 *
 * Per row, inside one transaction for the whole push:
 *  - a row already applied (same push key) changes nothing: retries are safe;
 *  - a record the server lacks is stored as sent;
 *  - a write made on top of the server's current version is stored as sent;
 *  - otherwise the three versions are merged field by field, and each
 *    same-field clash keeps the server's value and becomes a conflict record.
 * The answer lists the server's version of every row not stored exactly as
 * sent, so the device can adopt it.
 *
 * A connection cut after the server applied a push but before the device
 * read the answer leaves the device believing its old version is still the
 * server's. Its next push of that record then assumes the old version while
 * the server holds the device's own lost write, and a field changed in both
 * would look like a clash between the device and itself. So the server
 * remembers which person on which device a version was stored for, exactly as sent
 * (sentKeyOf), and a device pushing on top of a version it sent itself is
 * treated as writing on top of it: its later version was made from it.
 */
import { createHash } from 'node:crypto';
import type { CollectionName } from '@waystation/domain/collections';
import { isErasedTombstone } from '@waystation/domain/erasure';
import { deepEqual } from '@waystation/domain/merge';
import type { PushResponse, PushRow, WireDocument } from '@waystation/protocol';
import type { AuditEntryInput, DocumentWrite, PushKeyEntry, Store, StoreTransaction } from '../store/types';
import type { Actor } from './actor';
import { AUDIT_ACTIONS, fieldChanges } from './audit';
import type { ChangeNotifier } from './changes';
import { buildConflictDocument, CONFLICTS_COLLECTION } from './conflicts';
import { parsePushRows } from './pushRows';
import { derived, reconcile, rulesFor } from './reconcile';
import { stableJson } from './stableJson';

export interface PushDeps {
  store: Store;
  notifier?: ChangeNotifier;
  /** Server time as ISO 8601; injectable for tests. */
  now?: () => string;
}

/**
 * Decides, before anything is written, whether this caller may apply these
 * rows given the server's current versions; throws to refuse the whole push.
 */
export type PushAuthorizer = (rows: readonly PushRow[], current: ReadonlyMap<string, WireDocument>) => void;

export interface PushOutcome {
  /** Server versions of the rows not stored exactly as sent (the RxDB push response). */
  response: PushResponse;
  /** Highest sequence number written by this push, per collection and then per site. */
  written: Map<string, Map<string, number>>;
  conflictsCreated: number;
}

/** Identifies a row by its content: the same row pushed again has the same key. */
export function pushKeyOf(row: PushRow): string {
  return createHash('sha256').update(stableJson(row)).digest('hex');
}

/**
 * Marks "this person on this device sent exactly this version": kept in the
 * push log next to the push keys, in a namespace of its own. The person is
 * part of it because a shared tablet holds one device store per person: a
 * second volunteer's write, made from the version before the first one's,
 * is not a continuation of the first's and must merge with it.
 */
export function sentKeyOf(actor: Actor, doc: WireDocument): string {
  return `sent:${createHash('sha256')
    .update(actor.userId)
    .update('\u0000')
    .update(actor.deviceId)
    .update('\u0000')
    .update(stableJson(doc))
    .digest('hex')}`;
}

function siteIdOf(doc: WireDocument): string {
  return typeof doc.siteId === 'string' ? doc.siteId : '';
}

/**
 * Applies the rows of one push in memory, in order, and collects what they
 * write; `flush` then writes it all with one batch call per table. Reads
 * see the collected writes first, so a later row builds on an earlier one
 * exactly as if each had been written at once.
 */
class PushWriter {
  readonly written = new Map<string, Map<string, number>>();
  conflictsCreated = 0;
  private readonly documents: DocumentWrite[] = [];
  private readonly sentKeys: PushKeyEntry[] = [];
  /** The same sent keys, for lookups before they are flushed. */
  private readonly pendingSentKeys = new Set<string>();
  private readonly audits: AuditEntryInput[] = [];

  constructor(
    private readonly tx: StoreTransaction,
    private readonly collection: CollectionName,
    private readonly actor: Actor,
    private readonly now: string,
  ) {}

  private put(collection: string, doc: WireDocument): void {
    this.documents.push({ collection, doc, siteId: siteIdOf(doc) });
  }

  private audit(entry: Omit<AuditEntryInput, 'at' | 'userId' | 'deviceId' | 'collection'>): void {
    this.audits.push({
      at: this.now,
      userId: this.actor.userId,
      deviceId: this.actor.deviceId,
      collection: this.collection,
      ...entry,
    });
  }

  /**
   * The version the device's write was made from: what it says it assumed,
   * or the server's current version when that is one this device sent
   * itself and never heard back about (see the file comment).
   */
  private async baseOf(row: PushRow, current: WireDocument | undefined): Promise<WireDocument | null> {
    const assumed = row.assumedMasterState;
    if (!current || deepEqual(current, assumed)) return assumed;
    const sentKey = sentKeyOf(this.actor, current);
    const sentByThisDevice =
      this.pendingSentKeys.has(`${current.id}\u0000${sentKey}`) ||
      (await this.tx.hasPushKey(this.collection, current.id, sentKey));
    return sentByThisDevice ? current : assumed;
  }

  /**
   * Returns the version stored after this row (undefined only if the server
   * has no version at all). `isNew` is false when this exact row was applied
   * before (its push key is known): it then changes nothing.
   */
  async applyRow(
    row: PushRow,
    pushKey: string,
    isNew: boolean,
    current: WireDocument | undefined,
  ): Promise<WireDocument | undefined> {
    if (!isNew) return current;
    // An erased record stays erased: the device is answered with the tombstone, and its edit,
    // which would carry the erased content back, is neither stored nor kept as a conflict.
    if (isErasedTombstone(current)) return current;
    const { newDocumentState: incoming } = row;
    const assumed = await this.baseOf(row, current);
    const { next, clashes } = reconcile(this.collection, assumed, current, incoming);

    if (next) {
      this.put(this.collection, next);
      if (clashes.length === 0 && deepEqual(next, derived(rulesFor(this.collection), incoming))) {
        const sentKey = sentKeyOf(this.actor, next);
        this.sentKeys.push({ id: incoming.id, pushKey: sentKey });
        this.pendingSentKeys.add(`${incoming.id}\u0000${sentKey}`);
      }
      this.audit({
        action: current ? AUDIT_ACTIONS.change : AUDIT_ACTIONS.create,
        recordId: incoming.id,
        siteId: siteIdOf(next),
        details: fieldChanges(current, next),
      });
    }
    if (current) {
      for (const clash of clashes) {
        const conflict = buildConflictDocument({
          collection: this.collection,
          clash,
          current,
          incoming,
          pushKey,
          actor: this.actor,
          now: this.now,
        });
        this.put(CONFLICTS_COLLECTION, conflict);
        this.conflictsCreated += 1;
        this.audit({
          action: AUDIT_ACTIONS.conflict,
          recordId: incoming.id,
          siteId: siteIdOf(conflict),
          details: { field: clash.path, conflictId: conflict.id },
        });
      }
    }
    return next ?? current;
  }

  /** Writes everything the rows decided, in their order. */
  async flush(): Promise<void> {
    const seqs = await this.tx.writeBatch({
      documents: this.documents,
      pushKeys: { collection: this.collection, entries: this.sentKeys },
      audits: this.audits,
    });
    this.documents.forEach(({ collection, siteId }, index) => {
      const bySite = this.written.get(collection) ?? new Map<string, number>();
      bySite.set(siteId, Math.max(seqs[index] ?? 0, bySite.get(siteId) ?? 0));
      this.written.set(collection, bySite);
    });
  }
}

/**
 * Validates `body` (throws InputError before touching the store), applies it
 * in one transaction, then tells change listeners what moved. `authorize`
 * runs inside the transaction, after the current versions are read (and
 * locked) and before any write, so a refusal leaves nothing behind.
 */
export async function push(
  deps: PushDeps,
  collection: CollectionName,
  body: unknown,
  actor: Actor,
  authorize?: PushAuthorizer,
  /** The schema version the rows are shaped for (default: the current one); older rows are migrated. */
  schemaVersion?: number,
): Promise<PushOutcome> {
  const rows = parsePushRows(collection, body, schemaVersion);
  const now = (deps.now ?? (() => new Date().toISOString()))();
  // Hashing needs no store: done before the transaction, so it does not hold the writer.
  const pushKeys = rows.map(pushKeyOf);

  const outcome = await deps.store.transaction(async (tx) => {
    const writer = new PushWriter(tx, collection, actor, now);
    const ids = rows.map((row) => row.newDocumentState.id);
    const stored = await tx.getDocuments(collection, ids);
    // Latest version per record; a later row for the same record in this push builds on it.
    const latest = new Map<string, WireDocument>([...stored].map(([id, found]) => [id, found.doc]));
    authorize?.(rows, latest);
    const isNew = await tx.rememberPushes(
      collection,
      rows.map((row, index) => ({ id: row.newDocumentState.id, pushKey: pushKeys[index]! })),
    );
    const response: WireDocument[] = [];
    for (const [index, row] of rows.entries()) {
      const after = await writer.applyRow(
        row,
        pushKeys[index]!,
        isNew[index]!,
        latest.get(row.newDocumentState.id),
      );
      if (!after) continue;
      latest.set(after.id, after);
      if (!deepEqual(after, row.newDocumentState)) response.push(after);
    }
    await writer.flush();
    return { response, written: writer.written, conflictsCreated: writer.conflictsCreated };
  });

  // Only after commit: a listener that pulls right away must find the new versions. The verifiers of
  // people and sensitive records follow from here (verifierFollower.ts), after the answer.
  for (const [changed, bySite] of outcome.written) {
    for (const [siteId, seq] of bySite) deps.notifier?.publish(changed, seq, siteId);
  }
  return outcome;
}
