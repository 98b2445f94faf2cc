/**
 * Sessions and sign-in.
 *
 * A session token is 32 random bytes (base64url) given to the device once;
 * the database keeps only its SHA-256, so a copy of the database signs nobody
 * in. Every request looks its session up again (expired, revoked, user
 * disabled → 401) and takes the user's roles and sites as they are now, so an
 * admin's change applies to the very next request, on every server process.
 *
 * Failed sign-ins are counted in the database per username (known or not, so
 * a lock-out reveals nothing about which accounts exist) and per client
 * address; both counts are shared by every server process.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ROLES, type Role } from '@waystation/domain/access';
import {
  changePasswordSchema,
  loginRequestSchema, usernameKey, type LoginResponse, type SessionUser } from '@waystation/domain/accounts';
import type { Store, UserRecord } from '../store/types';
import { UNKNOWN_DEVICE, type Principal } from './actor';
import { AUDIT_ACTIONS } from './audit';
import { InputError, parseBody } from './errors';
import { hashPassword, verifyPassword } from './passwords';

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface AuthSettings {
  sessionTtlMs: number;
  /** Failures of one username within `windowMs` that lock it for `lockMs`. */
  userMaxFailures: number;
  /** Failures from one client address within `windowMs` that block it for `lockMs`. */
  ipMaxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionTtlMs: DEFAULT_SESSION_TTL_MS,
  userMaxFailures: 5,
  ipMaxFailures: 20,
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
};

export interface AuthDeps {
  store: Store;
  settings: AuthSettings;
  now: () => Date;
}

/** lastSeenAt is bookkeeping, not security: write it at most this often per session. */
const TOUCH_INTERVAL_MS = 60_000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The device of a session that named none (no deviceId at sign-in, no
 * X-Device-Id): the session itself. A shared value would make two clients
 * one device, and the push service would take one's stale push for the
 * other's continuation (push.ts, sentKeyOf). A prefix of the token's hash
 * names the session without revealing anything that signs in.
 */
export function sessionDeviceId(tokenHash: string): string {
  return `session:${tokenHash.slice(0, 16)}`;
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function rolesOf(user: UserRecord): Role[] {
  const known: readonly string[] = ROLES;
  return user.roles.filter((role): role is Role => known.includes(role));
}

export function sessionUserOf(user: UserRecord): SessionUser {
  const out: SessionUser = {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: rolesOf(user),
    siteIds: [...user.siteIds],
  };
  if (user.unitId !== undefined) out.unitId = user.unitId;
  return out;
}

function unauthorized(message: string): InputError {
  return new InputError('unauthorized', message);
}

/** Opens a session for a user whose identity is already established; returns the token (shown once). */
export async function openSession(
  deps: AuthDeps,
  user: UserRecord,
  deviceId: string,
): Promise<{ token: string; expiresAt: string }> {
  const token = newSessionToken();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.settings.sessionTtlMs).toISOString();
  await deps.store.createSession({
    tokenHash: hashToken(token),
    userId: user.id,
    deviceId,
    createdAt: now.toISOString(),
    expiresAt,
    lastSeenAt: now.toISOString(),
  });
  return { token, expiresAt };
}

/**
 * The Principal behind an `Authorization: Bearer <token>` header, or an
 * `unauthorized` error. `fallbackDeviceId` (X-Device-Id) names the device
 * when the session was opened without one.
 */
export async function authenticate(
  deps: AuthDeps,
  authorization: string | undefined,
  fallbackDeviceId: string | undefined,
): Promise<Principal> {
  if (!authorization) throw unauthorized('Sign in first: send Authorization: Bearer <token>');
  const match = /^Bearer ([^\s]+)$/i.exec(authorization.trim());
  if (!match?.[1] || !TOKEN_PATTERN.test(match[1])) {
    throw unauthorized('The Authorization header must be "Bearer <token>" with a token from /api/auth/login');
  }
  const tokenHash = hashToken(match[1]);
  const session = await deps.store.findSession(tokenHash);
  const now = deps.now();
  if (!session) throw unauthorized('This session is not known; sign in again');
  if (Date.parse(session.expiresAt) <= now.getTime()) throw unauthorized('This session has expired; sign in again');
  const user = await deps.store.getUser(session.userId);
  if (!user || user.disabled) throw unauthorized('This account is disabled');
  const deviceId =
    session.deviceId !== UNKNOWN_DEVICE ? session.deviceId : fallbackDeviceId || sessionDeviceId(tokenHash);
  // A session that began before its device was revoked may only drain the device (see Principal.deviceRevoked).
  const device = await deps.store.getDevice(user.id, deviceId);
  const deviceRevoked =
    device?.revokedAt !== undefined && Date.parse(session.createdAt) <= Date.parse(device.revokedAt);
  if (deviceRevoked && device?.wipedAt !== undefined) throw deviceRevokedError();
  if (session.revokedAt !== undefined && !deviceRevoked) throw unauthorized('This session was ended; sign in again');

  if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
    await deps.store.touchSession(tokenHash, now.toISOString());
  }
  return {
    userId: user.id,
    deviceId,
    user: sessionUserOf(user),
    roles: rolesOf(user),
    siteIds: [...user.siteIds],
    sessionTokenHash: tokenHash,
    expiresAt: session.expiresAt,
    mustChangePassword: user.mustChangePassword === true,
    ...(deviceRevoked ? { deviceRevoked: true } : {}),
  };
}

/** The answer to a revoked device's every request but its last pushes and its report that it wiped itself. */
export function deviceRevokedError(): InputError {
  return new InputError(
    'device_revoked',
    'An administrator revoked this device: push what it holds, then remove its data; sign in again afterwards',
  );
}

/** The answer to every request but a password change or sign-out while the password is someone else's. */
export function passwordChangeRequired(): InputError {
  return new InputError(
    'password_change_required',
    'This password was set by someone else: choose your own (POST /api/auth/password) before anything else',
  );
}

function retryAfter(lockedUntilMs: number, nowMs: number): { seconds: number; at: string } {
  return { seconds: Math.max(1, Math.ceil((lockedUntilMs - nowMs) / 1000)), at: new Date(lockedUntilMs).toISOString() };
}

function lockedError(lockedUntilMs: number, nowMs: number): InputError {
  const { seconds, at } = retryAfter(lockedUntilMs, nowMs);
  const minutes = Math.ceil(seconds / 60);
  return new InputError(
    'locked',
    `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${at}).`,
    [],
    seconds,
  );
}

function rateLimitedError(lockedUntilMs: number, nowMs: number): InputError {
  const { seconds, at } = retryAfter(lockedUntilMs, nowMs);
  return new InputError(
    'rate_limited',
    `Too many failed sign-ins from this network. Try again after ${at}.`,
    [],
    seconds,
  );
}

export interface LoginContext {
  ip: string;
  /** X-Device-Id, used when the body names no device. */
  headerDeviceId?: string;
}

/**
 * Checks a username and password under the sign-in throttle (per account and
 * per client address): the one place a password is tried, whether to sign in
 * or to sign a supervisor's approval on someone else's device. A failure is
 * counted and audited; an account or address over the limit waits, even
 * with the right password.
 */
export async function checkCredentials(
  deps: AuthDeps,
  credentials: { username: string; password: string },
  context: { ip: string; deviceId?: string | undefined },
): Promise<UserRecord> {
  const { settings, store } = deps;
  const nowMs = deps.now().getTime();
  const userKey = usernameKey(credentials.username);

  const ipState = await store.getThrottle('ip', context.ip);
  if (ipState?.lockedUntilMs !== undefined && ipState.lockedUntilMs > nowMs) {
    throw rateLimitedError(ipState.lockedUntilMs, nowMs);
  }
  const userState = await store.getThrottle('user', userKey);
  if (userState?.lockedUntilMs !== undefined && userState.lockedUntilMs > nowMs) {
    throw lockedError(userState.lockedUntilMs, nowMs);
  }

  const user = await store.findUserByUsername(credentials.username);
  const passwordOk = await verifyPassword(user?.passwordHash, credentials.password);

  if (!user || !passwordOk || user.disabled) {
    const policy = { nowMs, windowMs: settings.windowMs, lockMs: settings.lockMs };
    await store.recordLoginFailure('user', userKey, { ...policy, maxFailures: settings.userMaxFailures });
    await store.recordLoginFailure('ip', context.ip, { ...policy, maxFailures: settings.ipMaxFailures });
    await store.transaction((tx) =>
      tx.appendAudit({
        at: new Date(nowMs).toISOString(),
        userId: user?.id ?? 'unknown',
        deviceId: context.deviceId ?? UNKNOWN_DEVICE,
        action: AUDIT_ACTIONS.loginFailed,
        // Not the name typed: people sometimes type their password into the username field.
        details: { ip: context.ip },
      }),
    );
    throw new InputError('invalid_credentials', 'Wrong username or password');
  }

  await store.clearThrottle('user', userKey);
  return user;
}

export async function login(deps: AuthDeps, body: unknown, context: LoginContext): Promise<LoginResponse> {
  const request = parseBody(loginRequestSchema, body, 'The sign-in request');
  const namedDevice = request.deviceId ?? context.headerDeviceId;
  const user = await checkCredentials(deps, request, { ip: context.ip, deviceId: namedDevice });
  const nowMs = deps.now().getTime();
  const { store } = deps;
  // Stored as "unknown" when unnamed, so an X-Device-Id sent later still names it (authenticate).
  const { token, expiresAt } = await openSession(deps, user, namedDevice ?? UNKNOWN_DEVICE);
  await store.transaction((tx) =>
    tx.appendAudit({
      at: new Date(nowMs).toISOString(),
      userId: user.id,
      deviceId: namedDevice ?? sessionDeviceId(hashToken(token)),
      action: AUDIT_ACTIONS.login,
      details: { ip: context.ip },
    }),
  );
  return {
    token,
    expiresAt,
    user: sessionUserOf(user),
    ...(user.mustChangePassword === true ? { mustChangePassword: true as const } : {}),
  };
}

export async function logout(deps: AuthDeps, principal: Principal): Promise<void> {
  const at = deps.now().toISOString();
  await deps.store.revokeSession(principal.sessionTokenHash, at);
  await deps.store.transaction((tx) =>
    tx.appendAudit({ at, userId: principal.userId, deviceId: principal.deviceId, action: AUDIT_ACTIONS.logout }),
  );
}

/**
 * A person changes their own password. The current password proves it is
 * them (a session left open on a shared device is not enough); the new one
 * follows the same policy as an admin's. It clears "must change", keeps this
 * session and ends every other one, since whoever knew the old password may
 * hold them. A wrong current password or a refused new one changes nothing.
 */
export async function changeOwnPassword(deps: AuthDeps, principal: Principal, body: unknown): Promise<void> {
  const input = parseBody(changePasswordSchema, body, 'The password change');
  const user = await deps.store.getUser(principal.userId);
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new InputError('invalid_credentials', 'The current password is wrong');
  }
  if (input.newPassword === input.currentPassword) {
    throw new InputError('invalid_body', 'The new password must differ from the current one', [
      { path: 'newPassword', message: 'must differ from the current password' },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const at = deps.now().toISOString();
  await deps.store.transaction(async (tx) => {
    const before = await tx.getUserForUpdate(principal.userId);
    if (!before) throw new InputError('unauthorized', 'This account no longer exists');
    await tx.updateUser({ ...before, passwordHash, mustChangePassword: false, updatedAt: at });
    const sessionsRevoked = await tx.revokeUserSessions(principal.userId, at, principal.sessionTokenHash);
    await tx.appendAudit({
      at,
      userId: principal.userId,
      deviceId: principal.deviceId,
      action: AUDIT_ACTIONS.passwordChange,
      recordId: principal.userId,
      details: { sessionsRevoked },
    });
  });
}
