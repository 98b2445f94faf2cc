/**
 * A supervisor opens verification for a caller the agent could not verify
 * (issue 16): on the agent's device they type their own username and
 * password, checked here exactly like a sign-in (argon2, the same throttle),
 * and the override is recorded in the audit log under the supervisor's
 * name, with the agent beside it. Nobody approves their own override, and
 * only the helpline's supervisors (SUPERVISOR_ROLES) approve at all.
 */
import { grantFor, isSupervisor } from '@waystation/domain/access';
import {
  verificationOverrideRequestSchema,
  type VerificationOverrideResponse,
} from '@waystation/domain/helplineAudit';
import type { Principal } from './actor';
import { forbidden } from './access';
import { checkCredentials, rolesOf, type AuthDeps } from './auth';
import { InputError, parseBody } from './errors';

export const OVERRIDE_ACTION = 'helpline.verification_override';

export async function approveVerificationOverride(
  deps: AuthDeps,
  principal: Principal,
  body: unknown,
  ip: string,
): Promise<VerificationOverrideResponse> {
  const request = parseBody(verificationOverrideRequestSchema, body, 'The override request');
  if (!grantFor(principal.roles, 'calls').write) {
    throw forbidden('Your role does not take helpline calls; nothing was recorded');
  }
  const household = await deps.store.getDocument('households', request.householdId);
  if (!household || household.deleted) {
    throw new InputError('not_found', `No family ${request.householdId}; nothing was recorded`);
  }
  if (!principal.siteIds.includes(household.siteId)) {
    throw forbidden('This family is not in your sites; nothing was recorded');
  }
  const supervisor = await checkCredentials(deps, request, { ip, deviceId: principal.deviceId });
  if (supervisor.id === principal.userId) {
    throw forbidden('An override needs a second person: a supervisor signs it with their own password');
  }
  if (!isSupervisor(rolesOf(supervisor)) || !supervisor.siteIds.includes(household.siteId)) {
    throw forbidden("Only a case officer or coordinator of this family's site may approve an override");
  }
  const at = deps.now().toISOString();
  await deps.store.transaction((tx) =>
    tx.appendAudit({
      at,
      userId: supervisor.id,
      deviceId: principal.deviceId,
      action: OVERRIDE_ACTION,
      collection: 'calls',
      recordId: request.callId,
      siteId: household.siteId,
      details: {
        householdId: request.householdId,
        ...(request.personId ? { personId: request.personId } : {}),
        agentId: principal.userId,
        agentName: principal.user.displayName,
        supervisorName: supervisor.displayName,
        reason: request.reason,
      },
    }),
  );
  return { approvedBy: supervisor.id, approvedByName: supervisor.displayName, at };
}
