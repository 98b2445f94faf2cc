/**
 * Reading the audit log, and the app's reports of sensitive reads.
 *
 * The app reports each opening of a sensitive record's detail (it queues the
 * reports while offline and sends them in batches); each becomes a `read`
 * entry naming the user and device of the session that sent it. Only
 * coordinators (their sites' entries) and admins (everything) read the log.
 */
import { canRead } from '@waystation/domain/access';
import { readReportsSchema } from '@waystation/domain/accounts';
import { instantOfWallTime } from '@waystation/domain/callbackDue';
import { isCollectionName } from '@waystation/domain/collections';
import { auditQuerySchema, DEFAULT_AUDIT_LIMIT } from '@waystation/protocol/api';
import type { AuditEntry, AuditEntryInput, Store } from '../store/types';
import type { Principal } from './actor';
import { AUDIT_ACTIONS } from './audit';
import { forbidden } from './access';
import { InputError, parseBody, zodIssues } from './errors';


export async function recordReads(
  deps: { store: Store; now: () => Date },
  principal: Principal,
  body: unknown,
): Promise<{ recorded: number }> {
  const reports = parseBody(readReportsSchema, body, 'The read reports');
  const mine = new Set(principal.siteIds);
  const receivedAt = deps.now().toISOString();
  const entries: AuditEntryInput[] = [];
  for (const [index, report] of reports.entries()) {
    if (!isCollectionName(report.collection)) {
      throw new InputError('invalid_body', `There is no collection named ${JSON.stringify(report.collection)}`, [
        { path: `[${index}].collection`, message: 'unknown collection' },
      ]);
    }
    if (!canRead(principal.roles, report.collection)) {
      throw forbidden(`Your role may not read ${report.collection}; nothing was recorded`);
    }
    // A record created offline may not be on the server yet: then it has no site to check.
    const stored = await deps.store.getDocument(report.collection, report.recordId);
    if (stored && !mine.has(stored.siteId)) {
      throw forbidden(`Record ${report.recordId} is not in your sites; nothing was recorded`);
    }
    entries.push({
      at: report.at,
      userId: principal.userId,
      deviceId: principal.deviceId,
      action: AUDIT_ACTIONS.read,
      collection: report.collection,
      recordId: report.recordId,
      ...(stored ? { siteId: stored.siteId } : {}),
      details: { receivedAt },
    });
  }
  await deps.store.transaction(async (tx) => {
    for (const entry of entries) await tx.appendAudit(entry);
  });
  return { recorded: entries.length };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant a day begins in a zone, `days` later (a day is not always 24 hours there). */
function startOfDay(day: string, timeZone: string, days = 0): string {
  const midnight = Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS;
  return instantOfWallTime(midnight, timeZone).toISOString();
}

export async function queryAudit(store: Store, principal: Principal, query: unknown): Promise<AuditEntry[]> {
  const isAdmin = principal.roles.includes('admin');
  if (!isAdmin && !principal.roles.includes('coordinator')) {
    throw forbidden('Only coordinators and administrators may read the audit log');
  }
  const parsed = auditQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new InputError('invalid_query', 'The audit query is not valid', zodIssues(parsed.error));
  }
  const { limit, from, to, timeZone = 'UTC', ...filter } = parsed.data;
  return store.listAudit({
    ...filter,
    ...(from !== undefined ? { atFrom: startOfDay(from, timeZone) } : {}),
    ...(to !== undefined ? { atBefore: startOfDay(to, timeZone, 1) } : {}),
    limit: limit ?? DEFAULT_AUDIT_LIMIT,
    ...(isAdmin ? {} : { siteIds: principal.siteIds }),
  });
}
