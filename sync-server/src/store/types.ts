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
import type { z } from 'zod';
import type { Site, unitSchema } from '@waystation/domain/accounts';
import type { DeviceReport } from '@waystation/domain/devices';
import type { DeviceScopeRule } from '@waystation/domain/deviceScope';
import type { WireDocument } from '@waystation/protocol';
import type { MessageStore } from './messageTypes';

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
  /** The site of the record concerned, when there is one (coordinators see their sites' entries). */
  siteId?: string;
  /** Field-level changes: path → [old, new]; or free details for non-change actions. */
  details?: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryInput {
  id: number;
}

/** A site as stored: the domain's own (src/domain/accounts.ts). */
export type SiteRecord = Site;

/**
 * A unit as stored: the domain's own, as its schema reads it (`z.input`): a
 * record written before promises had a basis has no `callbackBasis`, read as working hours.
 */
export type UnitRecord = z.input<typeof unitSchema>;

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  /** argon2id PHC string. */
  passwordHash: string;
  /** Role names as stored; the services parse them against the domain's ROLES. */
  roles: string[];
  siteIds: string[];
  unitId?: string;
  disabled: boolean;
  /** Set when someone other than the owner chose the password (first start, admin); cleared when the owner changes it. */
  mustChangePassword?: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A user with the sign-in throttle state of their username (read-only, from login_throttle). */
export interface UserWithThrottle extends UserRecord {
  failedLogins: number;
  lockedUntil?: string;
}

export interface SessionRecord {
  /** SHA-256 (hex) of the token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  deviceId: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
  lastSeenAt: string;
}

/** The name a person gave a device (at PIN setup), by device id. */
export interface NamedDevice {
  id: string;
  name: string;
  /** The user who named it, and when. */
  namedBy: string;
  namedAt: string;
}

export type ThrottleScope = 'user' | 'ip';

export interface ThrottleState {
  failures: number;
  windowStartedMs: number;
  lockedUntilMs?: number;
}

export interface ThrottlePolicy {
  nowMs: number;
  /** Failures older than this start a new count. */
  windowMs: number;
  /** The failure that reaches this count locks the key. */
  maxFailures: number;
  lockMs: number;
}

export interface AuditFilter {
  collection?: string;
  recordId?: string;
  userId?: string;
  action?: string;
  /** Entries at or after this instant (ISO 8601). */
  atFrom?: string;
  /** Entries strictly before this instant (ISO 8601). */
  atBefore?: string;
  /** Only entries of these sites (entries without a site are left out). */
  siteIds?: string[];
  limit: number;
}

/** Account writes: inside a transaction, so each commits with its audit entry. */
export interface AccountTransaction {
  /** False when the (case-insensitive) username is taken; nothing is written then. */
  insertUser(user: UserRecord): Promise<boolean>;
  /** Replaces every field of an existing user (username included; false when taken by another). */
  updateUser(user: UserRecord): Promise<boolean>;
  /** The user, locked against concurrent changes until commit. */
  getUserForUpdate(id: string): Promise<UserRecord | undefined>;
  putSite(site: SiteRecord): Promise<void>;
  putUnit(unit: UnitRecord): Promise<void>;
  /** Revokes every live session of a user (but the one named by `exceptTokenHash`); returns how many. */
  revokeUserSessions(userId: string, at: string, exceptTokenHash?: string): Promise<number>;
  /**
   * Marks a person's device revoked (a new revocation clears an earlier wipe)
   * and ends that person's live sessions on it; returns how many ended.
   */
  revokeDevice(userId: string, deviceId: string, at: string, revokedBy: string): Promise<number>;
}

/** A person on a device: their latest sync-health report and whether the device was revoked. */
export interface DeviceRecord {
  userId: string;
  deviceId: string;
  /** Absent for a device revoked before it ever reported. */
  report?: DeviceReport;
  reportedAt?: string;
  revokedAt?: string;
  revokedBy?: string;
  wipedAt?: string;
}

/** Sync health per device (see src/domain/devices.ts). */
export interface DeviceRegistry {
  /** Keeps `report` as the latest of this person on this device; revocation is left as it is. */
  putDeviceReport(userId: string, deviceId: string, report: DeviceReport, at: string): Promise<void>;
  getDevice(userId: string, deviceId: string): Promise<DeviceRecord | undefined>;
  listDevices(): Promise<DeviceRecord[]>;
  /** The revoked device pushed what it could and wiped itself. */
  markDeviceWiped(userId: string, deviceId: string, at: string): Promise<void>;
}

export interface AccountStore {
  countUsers(): Promise<number>;
  getUser(id: string): Promise<UserRecord | undefined>;
  findUserByUsername(username: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserWithThrottle[]>;
  getSite(id: string): Promise<SiteRecord | undefined>;
  listSites(): Promise<SiteRecord[]>;
  getUnit(id: string): Promise<UnitRecord | undefined>;
  listUnits(): Promise<UnitRecord[]>;

  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  touchSession(tokenHash: string, at: string): Promise<void>;
  revokeSession(tokenHash: string, at: string): Promise<void>;

  /** Stores (or renames) a device. */
  nameDevice(device: NamedDevice): Promise<void>;
  /** Device id → name, for the ids that have one. */
  deviceNames(ids: readonly string[]): Promise<Map<string, string>>;

  getThrottle(scope: ThrottleScope, key: string): Promise<ThrottleState | undefined>;
  /** Counts one failure atomically (safe across processes) and returns the new state. */
  recordLoginFailure(scope: ThrottleScope, key: string, policy: ThrottlePolicy): Promise<ThrottleState>;
  clearThrottle(scope: ThrottleScope, key: string): Promise<void>;
}

/** A device scope rule as stored, with when it last changed (a pull's scan restarts when rules change). */
export interface DeviceScopeRuleRecord extends DeviceScopeRule {
  updatedAt: string;
}

/** What an erasure is about: a household (with everything about it) or one person. */
export type ErasureSubject = 'households' | 'people';

/** A person's erasure: asked by one coordinator, carried out when another confirms. */
export interface ErasureRecord {
  id: string;
  subjectCollection: ErasureSubject;
  subjectId: string;
  siteId: string;
  reason: string;
  requestedBy: string;
  requestedAt: string;
  confirmedBy?: string;
  confirmedAt?: string;
  /** Records made tombstones, by collection (set at confirmation). */
  erased?: Record<string, number>;
}

/** The top-level fields that link a record to a household or person. */
export type LinkField = 'householdId' | 'personId' | 'recordId';

/** The marker that replaces the details of an audit entry about an erased record. */
export const REDACTED_DETAILS = { redacted: true } as const;

export interface ErasureTransaction {
  /** Current versions (locked until commit) of a collection's documents whose `field` is one of `values`. */
  documentsLinkedTo(collection: string, field: LinkField, values: readonly string[]): Promise<StoredDocument[]>;
  /** Replaces the details of every audit entry about these records with REDACTED_DETAILS; returns how many. */
  redactAudit(collection: string, recordIds: readonly string[]): Promise<number>;
  /** Inserts or replaces an erasure. */
  putErasure(erasure: ErasureRecord): Promise<void>;
  getErasureForUpdate(id: string): Promise<ErasureRecord | undefined>;
}

/** One document version to write (see StoreTransaction.putDocuments). */
export interface DocumentWrite {
  collection: string;
  doc: WireDocument;
  siteId: string;
}

/** A push key of one record (see StoreTransaction.rememberPushes). */
export interface PushKeyEntry {
  id: string;
  pushKey: string;
}

/**
 * The batch methods (putDocuments, rememberPushes, appendAudits) do exactly
 * what calling their one-at-a-time forms in order would do, in fewer
 * statements: a push writes all its rows with a handful of them, which is
 * what keeps PostgreSQL's round trips and SQLite's per-statement cost per
 * push rather than per row.
 */
export interface StoreTransaction extends AccountTransaction, ErasureTransaction {
  /** Current versions of the given documents (locked against concurrent writers until commit). */
  getDocuments(collection: string, ids: string[]): Promise<Map<string, StoredDocument>>;
  /** Writes a new version; returns its sequence number. */
  putDocument(collection: string, doc: WireDocument, siteId: string): Promise<number>;
  /**
   * Writes new versions in order (a later write of the same record replaces
   * an earlier one); returns each write's sequence number, all higher than
   * any already visible.
   */
  putDocuments(writes: readonly DocumentWrite[]): Promise<number[]>;
  /** Returns true the first time a push key is seen; false when that exact push was applied before. */
  rememberPush(collection: string, id: string, pushKey: string): Promise<boolean>;
  /**
   * rememberPush for each entry in order: true where the key is new (the
   * first of two equal entries is new, the second is not).
   */
  rememberPushes(collection: string, entries: readonly PushKeyEntry[]): Promise<boolean[]>;
  /** Whether rememberPush has seen this key for this record (reads only). */
  hasPushKey(collection: string, id: string, pushKey: string): Promise<boolean>;
  appendAudit(entry: AuditEntryInput): Promise<void>;
  /** Sets these device scope rules (one per site and role; issue 21 item 1). */
  putDeviceScopeRules(rules: readonly DeviceScopeRule[], by: string, at: string): Promise<void>;
  /** Appends the entries in order (ids increase in that order). */
  appendAudits(entries: readonly AuditEntryInput[]): Promise<void>;
  /**
   * putDocuments, then rememberPushes (results not needed), then
   * appendAudits, as one call: what a push writes once its rows are applied.
   * PostgreSQL sends it as one statement where it can, so a push costs two
   * fewer round trips while it holds the write lock (bench/README.md, "A
   * push's writes in one statement"). Returns putDocuments' sequence numbers.
   */
  writeBatch(batch: WriteBatch): Promise<number[]>;
}

/** What StoreTransaction.writeBatch writes. */
export interface WriteBatch {
  documents: readonly DocumentWrite[];
  pushKeys: { collection: string; entries: readonly PushKeyEntry[] };
  audits: readonly AuditEntryInput[];
}

export interface PullPage {
  documents: StoredDocument[];
  /** Highest sequence number scanned (≥ afterSeq). */
  lastSeq: number;
}

export interface Store extends AccountStore, DeviceRegistry {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending numbered migrations (under a lock where several processes may start at once). */
  migrate(): Promise<void>;
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /**
   * Documents of one collection with seq > afterSeq, in seq order; with
   * `siteIds`, only those of these sites (lastSeq is then the last one returned).
   */
  pull(collection: string, afterSeq: number, limit: number, siteIds?: readonly string[]): Promise<PullPage>;
  /** How many documents `pull` would still return after `afterSeq` (first-sync progress). */
  countAfter(collection: string, afterSeq: number, siteIds?: readonly string[]): Promise<number>;
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
  listAudit(filter: AuditFilter): Promise<AuditEntry[]>;
  /** The outbound message queue and messaging settings (issue 20; see messageTypes.ts). */
  readonly messages: MessageStore;
  /** Erasures asked for and carried out, newest first. */
  listErasures(): Promise<ErasureRecord[]>;
  /** Notes the highest sequence number written so far, at `at` (the purge's clock). */
  markSeq(at: string): Promise<void>;
  /**
   * Removes the deleted versions of a collection written before the last mark
   * at or before `cutoff`, and raises the collection's purge horizon to the
   * newest one removed; returns how many were removed (0 when no mark is that old).
   */
  purgeDeleted(collection: string, cutoff: string): Promise<number>;
  /** The highest sequence number below which deletions of the collection may have been removed (0: none). */
  purgeHorizon(collection: string): Promise<number>;
  /** Device scope rules an administrator set (issue 21 item 1; a site and role without one takes the default). */
  deviceScopeRules(): Promise<DeviceScopeRuleRecord[]>;
  close(): Promise<void>;
}
