/** POST /api/helpline/verification-override: a supervisor's approval, signed with their own password. */
import type { FastifyInstance } from 'fastify';
import { API } from '@waystation/protocol/api';
import type { AuthDeps } from '../services/auth';
import { approveVerificationOverride } from '../services/verificationOverride';
import { principalOf } from './actor';
import { route } from './contract';

export function registerHelplineRoutes(app: FastifyInstance, deps: AuthDeps) {
  route(app, API.helpline.verificationOverride, async (request, reply) => {
    const approval = await approveVerificationOverride(deps, principalOf(request), request.body, request.ip);
    // The answer follows a password check: never from a cache.
    reply.header('Cache-Control', 'no-store');
    return approval;
  });
}
