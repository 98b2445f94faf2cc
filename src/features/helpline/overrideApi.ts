/**
 * Asks the server to approve a verification override with a supervisor's
 * own credentials (POST /api/helpline/verification-override). Online only:
 * the password can be checked nowhere else, and the device keeps no
 * verifier of anyone's password.
 */
import {
  verificationOverrideResponseSchema,
  type VerificationOverrideRequest,
  type VerificationOverrideResponse,
} from '../../domain/helplineAudit';
import { apiRequest } from '../auth/authApi';
import { baseUrl, currentToken } from '../auth/session';

export type RequestOverride = (request: VerificationOverrideRequest) => Promise<VerificationOverrideResponse>;

/** @throws ApiCallError (status 0 when offline) */
export const requestOverride: RequestOverride = async (request) =>
  verificationOverrideResponseSchema.parse(
    await apiRequest<unknown>(baseUrl(), currentToken(), '/api/helpline/verification-override', {
      method: 'POST',
      body: request,
    }),
  );
