/**
 * An audit trail (GET /api/audit) as a timeline a person reads: newest first
 * by the server's clock (the one clock every entry shares), one entry per
 * change with each field's old → new value, internal fields left out, and a
 * conflict and its resolution told as such with both values. Pure, so the
 * shaping is tested without a server.
 */
import { decodeConflictValue } from '../../domain/conflictResolution';
import type { AuditEntry } from '../../sync/api';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type TimelineKind = 'create' | 'change' | 'delete' | 'restore' | 'conflict' | 'conflictResolved' | 'other';

/** A same-field clash: the value the server kept and the one(s) it set aside. */
export interface ConflictStory {
  field: string;
  kept: unknown;
  setAside: unknown[];
}

export interface TimelineEntry {
  /** Unique in the timeline (a resolution comes from another record's trail). */
  key: string;
  id: number;
  /** When the server recorded it (ISO). */
  at: string;
  userId: string;
  deviceId: string;
  deviceName?: string;
  kind: TimelineKind;
  /** The audit action, for the kinds this file does not tell apart (read, export, verification…). */
  action: string;
  changes: FieldChange[];
  conflict?: ConflictStory;
}

/**
 * Fields that say which record it is, who wrote it last or how it is
 * indexed, not what it says: never shown in a history. `siteId` shows only
 * when a record moves to another site (not on creation).
 */
const INTERNAL_FIELDS = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'updatedBy',
  'deviceId',
  '_deleted',
  '_meta',
  '_rev',
  '_attachments',
  'nameKey',
  'familyKey',
  'ageEstimatedOn',
]);

export function isInternalField(field: string): boolean {
  const top = field.split('.')[0] ?? field;
  return INTERNAL_FIELDS.has(top) || /Key$/.test(top) || top.startsWith('_');
}

/** The server's time of an entry: a read is reported by the device later and carries when it arrived. */
export function serverTimeOf(entry: AuditEntry): string {
  const received = entry.details?.receivedAt;
  return typeof received === 'string' && !Number.isNaN(Date.parse(received)) ? received : entry.at;
}

function pairs(details: AuditEntry['details']): [string, [unknown, unknown]][] {
  return Object.entries(details ?? {}).filter(
    (pair): pair is [string, [unknown, unknown]] => Array.isArray(pair[1]) && pair[1].length === 2,
  );
}

function decoded(valueJson: unknown): unknown {
  if (typeof valueJson !== 'string') return undefined;
  try {
    return decodeConflictValue(valueJson);
  } catch {
    return valueJson;
  }
}

function sideValue(side: unknown): { json: string | undefined; value: unknown } {
  const json = side && typeof side === 'object' && 'valueJson' in side ? (side as { valueJson: unknown }).valueJson : undefined;
  return { json: typeof json === 'string' ? json : undefined, value: decoded(json) };
}

/** A conflict record's two sides, from its creation entry in its own trail. */
function conflictSides(trail: readonly AuditEntry[]) {
  const created = trail.find((entry) => entry.action === 'create');
  const after = (field: string) => pairs(created?.details).find(([name]) => name === field)?.[1][1];
  return { kept: sideValue(after('kept')), rejected: sideValue(after('rejected')) };
}

function kindOf(entry: AuditEntry, changes: readonly FieldChange[]): TimelineKind {
  if (entry.action === 'create') return 'create';
  if (entry.action === 'conflict') return 'conflict';
  if (entry.action !== 'change') return 'other';
  const deleted = pairs(entry.details).find(([field]) => field === '_deleted')?.[1];
  if (deleted?.[1] === true) return 'delete';
  if (deleted?.[0] === true && deleted[1] === false) return 'restore';
  return changes.length > 0 ? 'change' : 'other';
}

function base(entry: AuditEntry) {
  return {
    id: entry.id,
    at: serverTimeOf(entry),
    userId: entry.userId,
    deviceId: entry.deviceId,
    ...(entry.deviceName ? { deviceName: entry.deviceName } : {}),
    action: entry.action,
  };
}

/**
 * The timeline of one record. `conflictTrails` holds, by conflict id, the
 * audit trail of each conflict record the record's `conflict` entries name:
 * their creation gives both values, their resolution (status → resolved)
 * becomes a "conflict resolved" entry at the time the server got it.
 */
export function toTimeline(
  entries: readonly AuditEntry[],
  conflictTrails: ReadonlyMap<string, readonly AuditEntry[]> = new Map(),
): TimelineEntry[] {
  const timeline: TimelineEntry[] = [];
  for (const entry of entries) {
    const all = entry.action === 'change' || entry.action === 'create' ? pairs(entry.details) : [];
    const changes = all
      .filter(([field]) => !isInternalField(field) && !(entry.action === 'create' && field === 'siteId'))
      .filter(([, [, after]]) => !(entry.action === 'create' && (after === null || after === undefined)))
      .map(([field, [before, after]]) => ({ field, before, after }))
      .sort((a, b) => a.field.localeCompare(b.field));
    const kind = kindOf(entry, changes);
    if (kind === 'other' && entry.action === 'change') continue; // only internal fields moved
    const item: TimelineEntry = { key: `e${entry.id}`, ...base(entry), kind, changes };
    if (kind === 'conflict') {
      const field = typeof entry.details?.field === 'string' ? entry.details.field : '';
      const conflictId = typeof entry.details?.conflictId === 'string' ? entry.details.conflictId : '';
      const trail = conflictTrails.get(conflictId) ?? [];
      const { kept, rejected } = conflictSides(trail);
      item.conflict = { field, kept: kept.value, setAside: [rejected.value] };
      const resolution = trail.find((e) => pairs(e.details).some(([name, [, after]]) => name === 'status' && after === 'resolved'));
      if (resolution) {
        const chosen = sideValue(pairs(resolution.details).find(([name]) => name === 'resolution')?.[1][1]);
        const sides = [kept, rejected];
        const setAside = sides.filter((side) => side.json !== chosen.json).map((side) => side.value);
        timeline.push({
          key: `r${resolution.id}`,
          ...base(resolution),
          kind: 'conflictResolved',
          changes: [],
          conflict: { field, kept: chosen.value, setAside },
        });
      }
    }
    timeline.push(item);
  }
  return timeline.sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
}

/** The conflict records a record's trail names, whose own trails the timeline needs. */
export function conflictIdsOf(entries: readonly AuditEntry[]): string[] {
  return [
    ...new Set(
      entries
        .filter((entry) => entry.action === 'conflict' && typeof entry.details?.conflictId === 'string')
        .map((entry) => entry.details?.conflictId as string),
    ),
  ];
}
