/**
 * The one storage interface of the sync server. `sqlite.ts` (embedded
 * default) and `postgres.ts` (production) implement it and pass the same
 * conformance tests (tests/server/storeConformance.test.ts).
 *
 * Invariants every implementation keeps:
 *  - Each committed document version gets a sequence number that is greater
 *    than every sequence number already visible to a reader. A pull by
 *    `afterSeq` therefore never skips a commit, even with concurrent writers
 *    (PostgreSQL: commits that take sequence numbers are serialised).
 *  - Documents are never hard-deleted; a deletion is a version with `_deleted: true`.
 *  - Everything a `transaction` callback writes commits together or not at all.
 */
import type { WireDocument } from '../../../src/sync/protocol';

export interface StoredDocument {
  collection: string;
  id: string;
  seq: number;
  siteId: string;
  deleted: boolean;
  doc: WireDocument;
}

export interface AuditEntryInput {
  at: string;
  userId: string;
  deviceId: string;
  action: string;
  collection?: string;
  recordId?: string;
  /** Field-level changes: path → [old, new]; or free details for non-change actions. */
  details?: unknown;
}

export interface AuditEntry extends AuditEntryInput {
  id: number;
}

export interface StoreTransaction {
  /** Current versions of the given documents (locked against concurrent writers until commit). */
  getDocuments(collection: string, ids: string[]): Promise<Map<string, StoredDocument>>;
  /** Writes a new version; returns its sequence number. */
  putDocument(collection: string, doc: WireDocument, siteId: string): Promise<number>;
  /** Returns true the first time a push key is seen; false when that exact push was applied before. */
  rememberPush(collection: string, id: string, pushKey: string): Promise<boolean>;
  appendAudit(entry: AuditEntryInput): Promise<void>;
}

export interface PullPage {
  documents: StoredDocument[];
  /** Highest sequence number scanned (≥ afterSeq). */
  lastSeq: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending numbered migrations (under a lock where several processes may start at once). */
  migrate(): Promise<void>;
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Documents of one collection with seq > afterSeq, in seq order. */
  pull(collection: string, afterSeq: number, limit: number): Promise<PullPage>;
  getDocument(collection: string, id: string): Promise<StoredDocument | undefined>;
  /**
   * The server epoch: a random id of this database's history, stored with the
   * data. Pull checkpoints carry it; a restore from backup renews it, so a
   * device whose checkpoint comes from the lost, newer history pulls from the
   * start instead of skipping what now sits below its sequence number.
   */
  epoch(): Promise<string>;
  /** Replaces the epoch with a new random id (the restore tool calls this) and returns it. */
  renewEpoch(): Promise<string>;
  listAudit(filter: { collection?: string; recordId?: string; userId?: string; limit: number }): Promise<AuditEntry[]>;
  close(): Promise<void>;
}
