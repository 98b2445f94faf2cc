/**
 * The helpline's audit events (src/domain/helplineAudit.ts): caller
 * verification attempts and supervisor overrides, each an audit entry naming
 * the user and device of the session that sent it. Only roles that may write
 * calls may report them, and only about records in their sites.
 */
import { grantFor } from '@waystation/domain/access';
import { auditEventsSchema } from '@waystation/domain/helplineAudit';
import type { AuditEntryInput, Store } from '../store/types';
import type { Principal } from './actor';
import { forbidden } from './access';
import { parseBody } from './errors';

export async function recordAuditEvents(
  deps: { store: Store; now: () => Date },
  principal: Principal,
  body: unknown,
): Promise<{ recorded: number }> {
  const events = parseBody(auditEventsSchema, body, 'The audit events');
  if (!grantFor(principal.roles, 'calls').write) {
    throw forbidden('Your role does not take helpline calls; nothing was recorded');
  }
  const mine = new Set(principal.siteIds);
  const receivedAt = deps.now().toISOString();
  const entries: AuditEntryInput[] = [];
  for (const event of events) {
    const { action, callId, at, ...details } = event;
    // The call may not be synced yet; the household it concerns usually is, and gives the site.
    const call = await deps.store.getDocument('calls', callId);
    const household = event.householdId
      ? await deps.store.getDocument('households', event.householdId)
      : undefined;
    for (const stored of [call, household]) {
      if (stored && !mine.has(stored.siteId)) {
        throw forbidden(`A record of this event is not in your sites; nothing was recorded`);
      }
    }
    const siteId = call?.siteId ?? household?.siteId;
    entries.push({
      at,
      userId: principal.userId,
      deviceId: principal.deviceId,
      action,
      collection: 'calls',
      recordId: callId,
      ...(siteId ? { siteId } : {}),
      details: { ...details, receivedAt },
    });
  }
  await deps.store.transaction(async (tx) => {
    for (const entry of entries) await tx.appendAudit(entry);
  });
  return { recorded: entries.length };
}
