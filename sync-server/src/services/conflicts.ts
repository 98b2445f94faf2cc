/**
 * Turns a same-field clash into a conflict record (src/domain/conflict.ts).
 * Conflicts are ordinary documents of the `conflicts` collection: they get a
 * sequence number and replicate to coordinators like any record.
 */
import { createHash } from 'node:crypto';
import type { Conflict, ConflictSide } from '@waystation/domain/conflict';
import type { WireDocument } from '@waystation/protocol';
import type { Actor } from './actor';
import type { Clash } from './reconcile';
import { stableJson } from './stableJson';
import { wireSchema } from './wireSchema';

export const CONFLICTS_COLLECTION = 'conflicts';

/**
 * Deterministic, so that the same push applied twice (a retry after a lost
 * response) can never produce a second conflict record for the same clash.
 */
export function conflictId(collection: string, recordId: string, path: string, pushKey: string): string {
  const digest = createHash('sha256')
    .update(stableJson([collection, recordId, path, pushKey]))
    .digest('hex');
  return `c_${digest.slice(0, 40)}`;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 ? value : fallback;
}

/** JSON of a field value; an absent value (a field one side removed) is stored as null. */
function valueJson(value: unknown): string {
  return stableJson(value ?? null);
}

function side(value: unknown, writer: WireDocument, actor: Actor, now: string): ConflictSide {
  return {
    valueJson: valueJson(value),
    userId: text(writer.updatedBy, actor.userId),
    deviceId: text(writer.deviceId, actor.deviceId),
    at: text(writer.updatedAt, now),
  };
}

export interface ConflictInput {
  collection: string;
  clash: Clash;
  /** The server's version the clash was found against: its value is kept (unless `clash.keptFromIncoming`). */
  current: WireDocument;
  /** The version the device pushed: its value is recorded here, not applied (unless `clash.keptFromIncoming`). */
  incoming: WireDocument;
  pushKey: string;
  actor: Actor;
  now: string;
}

export function buildConflictDocument(input: ConflictInput): WireDocument {
  const { collection, clash, current, incoming, pushKey, actor, now } = input;
  const conflict: Conflict & { _deleted: boolean } = {
    id: conflictId(collection, current.id, clash.path, pushKey),
    siteId: text(current.siteId, text(incoming.siteId, '')),
    createdAt: now,
    updatedAt: now,
    updatedBy: actor.userId,
    deviceId: actor.deviceId,
    recordCollection: collection,
    recordId: current.id,
    field: clash.path,
    ...(clash.base === undefined ? {} : { baseJson: valueJson(clash.base) }),
    // Each side names the write it came from: a deletion pushed after an edit is the kept side.
    kept: side(clash.kept, clash.keptFromIncoming ? incoming : current, actor, now),
    rejected: side(clash.rejected, clash.keptFromIncoming ? current : incoming, actor, now),
    status: 'open',
    _deleted: false,
  };
  // Built from validated records, so a failure here is a server bug: fail the push rather than store junk.
  return wireSchema('conflicts').parse(conflict) as WireDocument;
}
