/**
 * Asks the server to approve a verification override with a supervisor's
 * own credentials (POST /api/helpline/verification-override). Online only:
 * the password can be checked nowhere else, and the device keeps no
 * verifier of anyone's password.
 */
import type { VerificationOverrideRequest, VerificationOverrideResponse } from '../../domain/helplineAudit';
import { api } from '../../sync/apiClient';

export type RequestOverride = (request: VerificationOverrideRequest) => Promise<VerificationOverrideResponse>;

/** @throws ApiCallError (status 0 when offline) */
export const requestOverride: RequestOverride = (request) => api.helpline.verificationOverride(request);
