/**
 * The sign-in HTTP calls, and one fetch wrapper for every authorised call the
 * app makes outside replication (admin, audit). Answers are parsed with the
 * domain schemas; failures become a small union the screens translate.
 */
import {
  loginResponseSchema,
  type LoginResponse,
  type SessionUser,
  sessionUserSchema,
} from '../../domain/accounts';
import { DEVICE_REVOKED } from '../../domain/devices';
import type { ApiError, ApiErrorIssue } from '../../sync/protocol';
import { protocolFetch } from '../../sync/protocolFetch';

export type LoginFailure =
  | { reason: 'invalidCredentials' }
  | { reason: 'locked'; retryAt: Date | undefined }
  | { reason: 'offline' }
  | { reason: 'server'; status: number };

export type LoginResult = { ok: true; login: LoginResponse } | ({ ok: false } & LoginFailure);

type Fetch = typeof fetch;
const defaultFetch: Fetch = protocolFetch;

function retryAtOf(response: Response, now: Date): Date | undefined {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? new Date(now.getTime() + seconds * 1000) : undefined;
}

export async function login(
  baseUrl: string,
  credentials: { username: string; password: string; deviceId: string },
  doFetch: Fetch = defaultFetch,
): Promise<LoginResult> {
  let response: Response;
  try {
    response = await doFetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Device-Id': credentials.deviceId },
      body: JSON.stringify(credentials),
      cache: 'no-store',
    });
  } catch {
    return { ok: false, reason: 'offline' };
  }
  if (response.status === 401) return { ok: false, reason: 'invalidCredentials' };
  if (response.status === 429)
    return { ok: false, reason: 'locked', retryAt: retryAtOf(response, new Date()) };
  if (!response.ok) return { ok: false, reason: 'server', status: response.status };
  const parsed = loginResponseSchema.safeParse(await response.json().catch(() => undefined));
  return parsed.success
    ? { ok: true, login: parsed.data }
    : { ok: false, reason: 'server', status: response.status };
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
  let response: Response;
  try {
    response = await doFetch(`${baseUrl}/api/auth/password`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword, newPassword }),
      cache: 'no-store',
    });
  } catch {
    return { ok: false, reason: 'offline' };
  }
  if (response.ok) return { ok: true };
  const body = (await response.json().catch(() => ({}))) as Partial<ApiError>;
  if (response.status === 401 && body.error === 'invalid_credentials') return { ok: false, reason: 'wrongCurrent' };
  if (response.status === 400) {
    const issue = body.issues?.find((found) => found.path === 'newPassword');
    if (issue && /differ/.test(issue.message)) return { ok: false, reason: 'sameAsCurrent' };
    return { ok: false, reason: 'tooWeak' };
  }
  return { ok: false, reason: 'server', status: response.status };
}

/** Ends the session on the server. Best effort: sign-out on the device goes on regardless. */
export async function logout(baseUrl: string, token: string, doFetch: Fetch = defaultFetch): Promise<void> {
  try {
    await doFetch(`${baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5000),
    });
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
    const response = await doFetch(`${baseUrl}/api/auth/me`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
    if (response.status === 401) {
      const body = (await response.json().catch(() => ({}))) as Partial<ApiError>;
      return { ok: false, unauthorized: true, deviceRevoked: body.error === DEVICE_REVOKED };
    }
    if (!response.ok) return { ok: false, unauthorized: false };
    const body = (await response.json()) as { user?: unknown };
    const user = sessionUserSchema.safeParse(body.user);
    return user.success ? { ok: true, user: user.data } : { ok: false, unauthorized: false };
  } catch {
    return { ok: false, unauthorized: false };
  }
}

/**
 * A revoked device says it pushed what it could and is removing its data.
 * Best effort: the data goes either way.
 */
export async function confirmWiped(baseUrl: string, token: string, doFetch: Fetch = defaultFetch): Promise<void> {
  try {
    await doFetch(`${baseUrl}/api/devices/wiped`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    // Offline or slow: the server still refuses this device everything but its last pushes.
  }
}

/** A failed authorised call; `status` 0 means the server was not reached. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiErrorIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** JSON request with the session's bearer token; throws ApiCallError on any failure. */
export async function apiRequest<T>(
  baseUrl: string,
  token: string | undefined,
  path: string,
  init: { method?: string; body?: unknown } = {},
  doFetch: Fetch = defaultFetch,
): Promise<T> {
  if (!token) throw new ApiCallError(401, 'unauthorized', 'Not signed in');
  let response: Response;
  try {
    response = await doFetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${token}`,
        ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      cache: 'no-store',
    });
  } catch (error) {
    throw new ApiCallError(0, 'offline', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as Partial<ApiError>;
    throw new ApiCallError(
      response.status,
      body.error ?? String(response.status),
      body.message ?? response.statusText,
      body.issues ?? [],
    );
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
