/**
 * Exports in the audit log. A CSV export is a sensitive read of many records
 * at once: only coordinators may make one, only of their own sites, and each
 * one is an `export` entry naming the user and device of the session, the
 * dataset, the period, whether names were included and how many rows.
 */
import { exportEventSchema, EXPORT_AUDIT_ACTION } from '@waystation/domain/exportAudit';
import type { Store } from '../store/types';
import type { Principal } from './actor';
import { forbidden } from './access';
import { parseBody } from './errors';

export async function recordExport(
  deps: { store: Store; now: () => Date },
  principal: Principal,
  body: unknown,
): Promise<{ recorded: number }> {
  const event = parseBody(exportEventSchema, body, 'The export report');
  if (!principal.roles.includes('coordinator')) {
    throw forbidden('Only coordinators may export data; nothing was recorded');
  }
  if (event.siteId && !principal.siteIds.includes(event.siteId)) {
    throw forbidden(`Site ${event.siteId} is not one of your sites; nothing was recorded`);
  }
  const { dataset, at, siteId, ...details } = event;
  await deps.store.transaction(async (tx) => {
    await tx.appendAudit({
      at,
      userId: principal.userId,
      deviceId: principal.deviceId,
      action: EXPORT_AUDIT_ACTION,
      collection: dataset,
      ...(siteId ? { siteId } : {}),
      details: { ...details, receivedAt: deps.now().toISOString() },
    });
  });
  return { recorded: 1 };
}
