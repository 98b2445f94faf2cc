/**
 * The sign-in calls, as the session needs them: each answer or failure
 * becomes a small union the sign-in screens translate. The requests and
 * answers are the shared contracts (src/sync/api/auth.ts), sent through the
 * app's one client (src/sync/apiClient.ts) with the token given here, since
 * these run before or at the edges of a session.
 */
import type { LoginResponse, SessionUser } from '../../domain/accounts';
import { authEndpoints } from '../../sync/api/auth';
import { ApiCallError, callApi, type ApiConnection } from '../../sync/apiClient';
import { protocolFetch } from '../../sync/protocolFetch';

export type LoginFailure =
  | { reason: 'invalidCredentials' }
  | { reason: 'locked'; retryAt: Date | undefined }
  | { reason: 'offline' }
  | { reason: 'server'; status: number };

export type LoginResult = { ok: true; login: LoginResponse } | ({ ok: false } & LoginFailure);

type Fetch = typeof fetch;
const defaultFetch: Fetch = protocolFetch;

function connection(baseUrl: string, token: string | undefined, doFetch: Fetch): ApiConnection {
  return { baseUrl: () => baseUrl, token: () => token, fetch: doFetch };
}

export async function login(
  baseUrl: string,
  credentials: { username: string; password: string; deviceId: string },
  doFetch: Fetch = defaultFetch,
): Promise<LoginResult> {
  try {
    const answer = await callApi(
      authEndpoints.login,
      { body: credentials, headers: { 'X-Device-Id': credentials.deviceId }, anonymous: true },
      connection(baseUrl, undefined, doFetch),
    );
    return { ok: true, login: answer };
  } catch (error) {
    if (!(error instanceof ApiCallError)) throw error;
    if (error.status === 0) return { ok: false, reason: 'offline' };
    if (error.status === 401) return { ok: false, reason: 'invalidCredentials' };
    if (error.status === 429) {
      const seconds = error.retryAfterSeconds;
      return { ok: false, reason: 'locked', retryAt: seconds === undefined ? undefined : new Date(Date.now() + seconds * 1000) };
    }
    return { ok: false, reason: 'server', status: error.status };
  }
}

export type ChangePasswordResult =
  | { ok: true }
  | { ok: false; reason: 'wrongCurrent' | 'tooWeak' | 'sameAsCurrent' | 'offline' }
  | { ok: false; reason: 'server'; status: number };

/** The signed-in person chooses their own password; the current one proves who they are. */
export async function changeOwnPassword(
  baseUrl: string,
  token: string,
  currentPassword: string,
  newPassword: string,
  doFetch: Fetch = defaultFetch,
): Promise<ChangePasswordResult> {
  try {
    await callApi(authEndpoints.changePassword, { body: { currentPassword, newPassword } }, connection(baseUrl, token, doFetch));
    return { ok: true };
  } catch (error) {
    if (!(error instanceof ApiCallError)) throw error;
    if (error.status === 0) return { ok: false, reason: 'offline' };
    if (error.status === 401 && error.code === 'invalid_credentials') return { ok: false, reason: 'wrongCurrent' };
    if (error.status === 400) {
      const issue = error.issues.find((found) => found.path === 'newPassword');
      if (issue && /differ/.test(issue.message)) return { ok: false, reason: 'sameAsCurrent' };
      return { ok: false, reason: 'tooWeak' };
    }
    return { ok: false, reason: 'server', status: error.status };
  }
}

/** Ends the session on the server. Best effort: sign-out on the device goes on regardless. */
export async function logout(baseUrl: string, token: string, doFetch: Fetch = defaultFetch): Promise<void> {
  try {
    await callApi(authEndpoints.logout, { signal: AbortSignal.timeout(5000) }, connection(baseUrl, token, doFetch));
  } catch {
    // Offline or slow: the token expires on its own, and it is gone from this device.
  }
}

/** The current user as the server knows them now (roles may have changed), or why not. */
export async function fetchMe(
  baseUrl: string,
  token: string,
  doFetch: Fetch = defaultFetch,
): Promise<{ ok: true; user: SessionUser } | { ok: false; unauthorized: boolean; deviceRevoked?: boolean }> {
  try {
    const answer = await callApi(authEndpoints.me, {}, connection(baseUrl, token, doFetch));
    return { ok: true, user: answer.user };
  } catch (error) {
    if (error instanceof ApiCallError && error.status === 401) {
      return { ok: false, unauthorized: true, deviceRevoked: error.code === 'device_revoked' };
    }
    return { ok: false, unauthorized: false };
  }
}

/** Names this device on the server (shown in history and audit); throws ApiCallError. */
export async function sendDeviceName(
  baseUrl: string,
  token: string,
  name: string,
  doFetch: Fetch = defaultFetch,
): Promise<void> {
  await callApi(authEndpoints.nameDevice, { body: { name } }, connection(baseUrl, token, doFetch));
}

/**
 * A revoked device says it pushed what it could and is removing its data.
 * Best effort: the data goes either way.
 */
export async function confirmWiped(baseUrl: string, token: string, doFetch: Fetch = defaultFetch): Promise<void> {
  try {
    const { deviceEndpoints } = await import('../../sync/api/devices');
    await callApi(deviceEndpoints.wiped, { signal: AbortSignal.timeout(5000) }, connection(baseUrl, token, doFetch));
  } catch {
    // Offline or slow: the server still refuses this device everything but its last pushes.
  }
}
