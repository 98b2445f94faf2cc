/**
 * Who is using this device, and whether their data is open.
 *
 *   signIn ──online sign-in──▶ [choosePassword] ──▶ setPin ──▶ unlocked ◀──PIN── locked
 *                                           │  ▲              ▲
 *                                 idle/lock │  └──────────────┘
 *                                 sign out  ▼
 *                                         signIn
 *
 * Memory only, never storage: the unwrapped data key, the session token and
 * the open database. Storage (the keyring) holds them wrapped or sealed. A
 * 401 from the server ends the session but keeps the data and the outbox:
 * signing in again opens the same database with the same key.
 */
import { create } from '../../state';
import { deviceNameToSend, getDeviceId, markDeviceNameSent, setDeviceName } from '../../db/deviceKey';
import {
  Keyring,
  databasePassword,
  seal,
  unseal,
  type DataKey,
  type DeviceAccount,
  type SealedBox,
} from '../../db/keyring';
import type { WaystationDatabase } from '../../db/database';
import { sessionUserSchema, type LoginResponse, type SessionUser } from '../../domain/accounts';
import type { DeviceStore, openDeviceStore, removeDeviceDatabase } from '../../app/deviceStore';
import { syncStatusStore } from '../../sync/syncStatusStore';
import {
  changeOwnPassword,
  confirmWiped,
  fetchMe,
  login,
  logout,
  sendDeviceName as sendDeviceNameToServer,
  type ChangePasswordResult,
  type LoginFailure,
} from './authApi';
import { forgetCachedApiAnswers, forgetLocalData, readReportItem } from './forgetUser';
import { protocolFetch } from '../../sync/protocolFetch';
import { connectApi } from '../../sync/apiClient';
import { forgetDirectory } from '../../sync/directory';

export type LockedAccount = Pick<
  DeviceAccount,
  'userId' | 'username' | 'displayName' | 'failedPinAttempts' | 'unsyncedAtLock'
>;

export type AuthScreen =
  | { view: 'starting' }
  | { view: 'signIn'; notice?: SignInNotice; canGoBack: boolean }
  /** The password was chosen by someone else (first admin, an admin's new user or reset): choose one's own first. */
  | { view: 'choosePassword'; displayName: string }
  | { view: 'setPin'; displayName: string }
  /** `passwordChanged`: signed in online with a new password; the PIN proves it is the same person. */
  | { view: 'locked'; account: LockedAccount; passwordChanged: boolean }
  | { view: 'opening' }
  /** The user's database could not be opened (storage blocked, another tab upgrading). */
  | { view: 'failed' }
  /** An administrator revoked this device: what waits is pushed, then the user's data is removed. */
  | { view: 'revoking'; displayName: string }
  | { view: 'unlocked'; user: SessionUser; db: WaystationDatabase };

/** Why the sign-in screen is showing, when it is not the first visit. */
export type SignInNotice = 'signedOut' | 'wiped' | 'sessionRequired' | 'forgotPin' | 'revoked';

export interface AuthState {
  screen: AuthScreen;
  /** The server refused the token (expired, revoked): sync is stopped until the user signs in again. */
  sessionEnded: boolean;
}

export const authStore = create<AuthState>()(() => ({ screen: { view: 'starting' }, sessionEnded: false }));

interface StoredSession {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

interface Environment {
  baseUrl: string;
  keyring: Keyring;
  openStore: typeof openDeviceStore;
  removeDatabase: typeof removeDeviceDatabase;
  fetch: typeof fetch;
}

let env: Environment | undefined;

function environment(): Environment {
  env ??= {
    baseUrl: window.location.origin,
    keyring: new Keyring(localStorage),
    // The device store (RxDB, Dexie, encryption: most of the app's JavaScript) loads only when a
    // database is opened, so the sign-in and lock screens show before it has downloaded or compiled.
    openStore: async (...args) => (await import('../../app/deviceStore')).openDeviceStore(...args),
    removeDatabase: async (...args) => (await import('../../app/deviceStore')).removeDeviceDatabase(...args),
    fetch: protocolFetch,
  };
  return env;
}

/** Tests replace the server, the storage or the database. */
export function configureAuth(overrides: Partial<Environment>): void {
  env = { ...environment(), ...overrides };
}

// --- memory-only secrets -----------------------------------------------------

let dataKey: DataKey | undefined;
let session: StoredSession | undefined;
let deviceStore: DeviceStore | undefined;
/** Between an online sign-in and the PIN the user then chooses. */
let pendingEnrolment: { userId: string; dataKey: DataKey; login: LoginResponse } | undefined;
/** Between an online sign-in with a changed password and the PIN that confirms it. */
let pendingPasswordChange: { login: LoginResponse; password: string } | undefined;
/**
 * Between a sign-in whose password someone else chose and the person's own
 * choice. Nothing on the device is touched until then: the data key is
 * wrapped under the password the person chose, never the one they were given.
 */
let pendingOwnPassword: { login: LoginResponse; password: string; forgotPin: boolean } | undefined;

function setScreen(screen: AuthScreen, patch: Partial<AuthState> = {}) {
  authStore.setState({ screen, ...patch });
}

function lockedView(account: DeviceAccount, passwordChanged = false): AuthScreen {
  const { userId, username, displayName, failedPinAttempts, unsyncedAtLock } = account;
  return {
    view: 'locked',
    account: { userId, username, displayName, failedPinAttempts, unsyncedAtLock },
    passwordChanged,
  };
}

function dropSecrets() {
  dataKey?.destroy();
  dataKey = undefined;
  session = undefined;
  pendingEnrolment?.dataKey.destroy();
  pendingEnrolment = undefined;
  pendingPasswordChange = undefined;
  pendingOwnPassword = undefined;
}

// --- other tabs ------------------------------------------------------------

type TabMessage = { type: 'lock' } | { type: 'signOut'; userId: string };
let channel: BroadcastChannel | undefined;

function tabChannel(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  if (!channel) {
    channel = new BroadcastChannel('waystation-auth');
    // Locking or signing out in one tab locks every tab: no window left open on the data.
    channel.onmessage = () => void lockNow({ broadcast: false });
  }
  return channel;
}

// --- start-up --------------------------------------------------------------

/** The first screen: the lock screen of the last user on this device, else sign-in. */
export function startAuth(): void {
  tabChannel();
  const account = environment().keyring.lastAccount();
  if (account?.pin) setScreen(lockedView(account));
  else setScreen({ view: 'signIn', canGoBack: false });
}

/** The token of the open session, for authorised calls (admin, audit). */
export function currentToken(): string | undefined {
  return authStore.getState().sessionEnded ? undefined : session?.token;
}

export function currentUser(): SessionUser | undefined {
  const screen = authStore.getState().screen;
  return screen.view === 'unlocked' ? screen.user : undefined;
}

export function baseUrl(): string {
  return environment().baseUrl;
}

// Every screen's calls (src/sync/apiClient.ts) go to this server with this session's token.
connectApi({ baseUrl, token: currentToken, fetch: (input, init) => environment().fetch(input, init) });

/** The unlocked user's documents on this device (encrypted content, upload queue); undefined while locked. */
export function currentAttachmentStore(): DeviceStore['attachments'] | undefined {
  return currentUser() ? deviceStore?.attachments : undefined;
}

/** Seals a value for the unlocked user (e.g. queued audit reports); undefined while locked. */
export async function sealForUser(purpose: string, value: unknown): Promise<SealedBox | undefined> {
  const user = currentUser();
  if (!dataKey || !user) return undefined;
  return seal(dataKey, `${purpose}/${user.id}`, value);
}

export async function unsealForUser(purpose: string, box: SealedBox): Promise<unknown> {
  const user = currentUser();
  if (!dataKey || !user) return undefined;
  return unseal(dataKey, `${purpose}/${user.id}`, box);
}

// --- opening the store -------------------------------------------------------

function onUnauthorized() {
  // While a revoked device drains, an ended session means nothing more can be pushed: wipe now.
  endDrain?.();
  if (authStore.getState().sessionEnded) return;
  authStore.setState({ sessionEnded: true });
  void deviceStore?.stopSync();
  // Forget the dead token but keep who the user is, so the next offline unlock still opens their data.
  const userId = currentUser()?.id;
  if (userId && dataKey && session) {
    session = { ...session, token: '' };
    void environment().keyring.saveSession(userId, dataKey, session);
  }
}

async function openFor(user: SessionUser, key: DataKey): Promise<void> {
  const { keyring, openStore } = environment();
  const account = keyring.get(user.id);
  if (!account) throw new Error('No device account for this user');
  setScreen({ view: 'opening' });
  dataKey = key;
  try {
    deviceStore = await openStore({
      databaseName: account.databaseName,
      encryptionPassword: await databasePassword(key),
      roles: user.roles,
      userId: user.id,
      baseUrl: environment().baseUrl,
    });
  } catch (error) {
    console.error('opening the device store failed', error);
    dropSecrets();
    setScreen({ view: 'failed' });
    return;
  }
  keyring.markLastUsed(user.id);
  const ended = !session?.token || Date.parse(session.expiresAt) <= Date.now();
  setScreen({ view: 'unlocked', user, db: deviceStore.db }, { sessionEnded: ended });
  if (!ended) deviceStore.startSync({ getToken: currentToken, onUnauthorized, onDeviceRevoked });
}

// --- a device an administrator revoked -------------------------------------------

let revocation: Promise<void> | undefined;
let endDrain: (() => void) | undefined;

/** Told by any request answered `device_revoked`: push what waits, then remove the user's data. */
function onDeviceRevoked(): void {
  revocation ??= drainThenWipe().finally(() => {
    revocation = undefined;
  });
}

/** Changes the server may still take: the outbox less what it refused for good (set aside). */
function pushable(): number {
  const status = syncStatusStore.getState();
  return status.pendingKnown ? status.pendingCount - status.rejected.length : Number.POSITIVE_INFINITY;
}

/** Resolves when nothing pushable waits, or the session can push no more (it ended or expired). */
function drained(): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      unsubscribe();
      endDrain = undefined;
      resolve();
    };
    const unsubscribe = syncStatusStore.subscribe(() => {
      if (pushable() <= 0) finish();
    });
    endDrain = finish;
    if (pushable() <= 0) finish();
  });
}

async function drainThenWipe(): Promise<void> {
  const screen = authStore.getState().screen;
  if (screen.view !== 'unlocked') return;
  const userId = screen.user.id;
  // Nothing of the data is shown any more; sync goes on underneath so the outbox drains.
  setScreen({ view: 'revoking', displayName: screen.user.displayName });
  deviceStore?.sync?.reSync();
  await drained();
  const token = session?.token;
  if (token) await confirmWiped(environment().baseUrl, token, environment().fetch);
  await removeAccount(userId, 'revoked');
}

/**
 * Removes the signed-in account from this device (its store, keys and data)
 * and in every tab, then shows the sign-in screen saying why.
 */
async function removeAccount(userId: string, notice: 'revoked' | 'signedOut'): Promise<void> {
  const store = deviceStore;
  deviceStore = undefined;
  dropSecrets();
  // Other tabs lock first, closing their connections to the databases about to be deleted.
  tabChannel()?.postMessage({ type: 'signOut', userId } satisfies TabMessage);
  await store?.remove();
  await wipeAccount(userId);
  setScreen({ view: 'signIn', notice, canGoBack: false }, { sessionEnded: false });
}

async function remember(login: LoginResponse, key: DataKey): Promise<void> {
  session = { token: login.token, expiresAt: login.expiresAt, user: login.user };
  await environment().keyring.saveSession(login.user.id, key, session);
}

/** While online, the server may know newer roles or that the session was revoked. */
async function refreshUser(): Promise<void> {
  const token = currentToken();
  const user = currentUser();
  if (!token || !user || !dataKey || !session) return;
  const me = await fetchMe(environment().baseUrl, token, environment().fetch);
  if (!me.ok) {
    if (me.deviceRevoked) onDeviceRevoked();
    else if (me.unauthorized) onUnauthorized();
    return;
  }
  session = { ...session, user: me.user };
  await environment().keyring.saveSession(user.id, dataKey, session);
  void sendDeviceName();
  const screen = authStore.getState().screen;
  // New roles decide what is replicated from the next unlock on; names show at once.
  if (screen.view === 'unlocked') setScreen({ ...screen, user: { ...me.user, roles: screen.user.roles } });
}

// --- actions -------------------------------------------------------------------

export type SignInResult =
  { ok: true } | ({ ok: false } & LoginFailure) | { ok: false; reason: 'cannotOpen' };

/**
 * Online sign-in. `forgotPin` asks for a new PIN even when one is set. Used
 * for a first sign-in, a forgotten PIN, and signing in again after the
 * session ended (the same data key opens the same database).
 */
export async function signIn(
  credentials: { username: string; password: string },
  forgotPin = false,
): Promise<SignInResult> {
  const { baseUrl: url } = environment();
  const result = await login(url, { ...credentials, deviceId: getDeviceId() }, environment().fetch);
  if (!result.ok) return result;
  if (result.login.mustChangePassword) {
    // Whatever was open is closed: the server refuses this session everything until the password is changed.
    if (authStore.getState().screen.view === 'unlocked') await lockNow({ broadcast: false });
    pendingOwnPassword = { login: result.login, password: credentials.password, forgotPin };
    setScreen({ view: 'choosePassword', displayName: result.login.user.displayName });
    return { ok: true };
  }
  return continueSignIn(result.login, credentials.password, forgotPin);
}

/** The choose-password screen: the server takes the new password, then sign-in goes on with it. */
export async function chooseOwnPassword(
  newPassword: string,
): Promise<ChangePasswordResult | { ok: false; reason: 'cannotOpen' }> {
  const pending = pendingOwnPassword;
  if (!pending) throw new Error('Sign in first');
  const { baseUrl: url, fetch: doFetch } = environment();
  const changed = await changeOwnPassword(url, pending.login.token, pending.password, newPassword, doFetch);
  if (!changed.ok) return changed;
  pendingOwnPassword = undefined;
  const { token, expiresAt, user } = pending.login;
  const continued = await continueSignIn({ token, expiresAt, user }, newPassword, pending.forgotPin);
  // The only failure left: the device holds data under the old password and no PIN to prove who this is.
  return continued.ok ? { ok: true } : { ok: false, reason: 'cannotOpen' };
}

/** Leaves the choose-password screen: that session ends, the device is as it was. */
export async function cancelOwnPassword(): Promise<void> {
  const pending = pendingOwnPassword;
  pendingOwnPassword = undefined;
  setScreen({ view: 'signIn', canGoBack: Boolean(environment().keyring.lastAccount()?.pin) });
  if (pending) await logout(environment().baseUrl, pending.login.token, environment().fetch);
}

async function continueSignIn(
  login: LoginResponse,
  password: string,
  forgotPin: boolean,
): Promise<SignInResult> {
  const { keyring } = environment();
  const { user } = login;
  const credentials = { password };
  const result = { login };

  const current = authStore.getState().screen;
  if (current.view === 'unlocked' && current.user.id === user.id && dataKey) {
    // Session ended while unlocked: keep everything open, resume sync.
    const unlocked = await keyring.unlockWithPassword(user, credentials.password);
    if (unlocked.ok) unlocked.dataKey.destroy();
    else await keyring.rewrapPassword(user.id, dataKey, credentials.password);
    await remember(result.login, dataKey);
    authStore.setState({ sessionEnded: false, screen: { ...current, user } });
    deviceStore?.startSync({ getToken: currentToken, onUnauthorized, onDeviceRevoked });
    return { ok: true };
  }
  if (current.view === 'unlocked') await lockNow({ broadcast: false });

  const unlocked = await keyring.unlockWithPassword(user, credentials.password);
  if (!unlocked.ok) {
    const account = keyring.get(user.id);
    if (!account?.pin) {
      // No PIN to prove it is the same person and the old key is unrecoverable: nothing on this device opens.
      return { ok: false, reason: 'cannotOpen' };
    }
    pendingPasswordChange = { login: result.login, password: credentials.password };
    setScreen(lockedView(account, true));
    return { ok: true };
  }
  const account = keyring.get(user.id);
  if (unlocked.created || !account?.pin || forgotPin) {
    pendingEnrolment = { userId: user.id, dataKey: unlocked.dataKey, login: result.login };
    setScreen({ view: 'setPin', displayName: user.displayName });
    return { ok: true };
  }
  await remember(result.login, unlocked.dataKey);
  keyring.resetPinAttempts(user.id); // the password proved who this is
  await openFor(user, unlocked.dataKey);
  void refreshUser();
  return { ok: true };
}

/**
 * Tells the server this device's name when it does not have it yet. Best
 * effort: offline or refused, it is tried again at the next sign-in or
 * online unlock (refreshUser); history shows the device id until then.
 */
async function sendDeviceName(): Promise<void> {
  const name = deviceNameToSend();
  const token = currentToken();
  if (name === undefined || !token) return;
  try {
    await sendDeviceNameToServer(environment().baseUrl, token, name, environment().fetch);
    markDeviceNameSent(name);
  } catch (error) {
    console.warn('the device name was not sent; it is sent again later', error);
  }
}

/**
 * After sign-in: wraps the data key under the chosen PIN and opens the
 * user's store. `deviceName` is the name the person gave this device, kept on
 * it and sent to the server so history and audit can say which device.
 */
export async function choosePin(pin: string, deviceName?: string): Promise<void> {
  const enrolment = pendingEnrolment;
  if (!enrolment) throw new Error('Sign in first');
  const { keyring } = environment();
  await keyring.setPin(enrolment.userId, enrolment.dataKey, pin);
  await remember(enrolment.login, enrolment.dataKey);
  pendingEnrolment = undefined;
  if (deviceName?.trim()) setDeviceName(deviceName);
  await openFor(enrolment.login.user, enrolment.dataKey);
  void sendDeviceName();
}

export type UnlockResult = { ok: true } | { ok: false; attemptsLeft: number; wiped: boolean };

/** Offline unlock with the PIN. At the last wrong attempt the user's data is erased from this device. */
export async function unlockWithPin(userId: string, pin: string): Promise<UnlockResult> {
  const { keyring } = environment();
  const result = await keyring.unlockWithPin(userId, pin);
  if (!result.ok) {
    const account = keyring.get(userId);
    if (result.mustWipe) {
      await wipeAccount(userId);
      setScreen({ view: 'signIn', notice: 'wiped', canGoBack: false });
      return { ok: false, attemptsLeft: 0, wiped: true };
    }
    if (account) setScreen(lockedView(account, Boolean(pendingPasswordChange)));
    return { ok: false, attemptsLeft: result.attemptsLeft, wiped: false };
  }

  const change = pendingPasswordChange;
  pendingPasswordChange = undefined;
  if (change && change.login.user.id === userId) {
    await keyring.rewrapPassword(userId, result.dataKey, change.password);
    await remember(change.login, result.dataKey);
  } else {
    const stored = sessionUserOrUndefined(await keyring.openSession(userId, result.dataKey));
    if (!stored) {
      // No usable session sealed on this device (it was revoked): an online sign-in restores it.
      result.dataKey.destroy();
      setScreen({ view: 'signIn', notice: 'sessionRequired', canGoBack: true });
      return { ok: true };
    }
    session = stored;
  }
  await openFor(session!.user, result.dataKey);
  void refreshUser();
  return { ok: true };
}

function sessionUserOrUndefined(value: unknown): StoredSession | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const candidate = value as Partial<StoredSession>;
  const user = sessionUserSchema.safeParse(candidate.user);
  if (!user.success || typeof candidate.expiresAt !== 'string') return undefined;
  // A token the server ended is not kept; roles still open the right collections.
  return {
    token: typeof candidate.token === 'string' ? candidate.token : '',
    expiresAt: candidate.expiresAt,
    user: user.data,
  };
}

/**
 * Locks: stops sync, closes the database, drops the key and the token from
 * memory. Remembers how many changes wait, for the wipe warning.
 */
export async function lockNow(options: { broadcast?: boolean } = {}): Promise<void> {
  const screen = authStore.getState().screen;
  if (screen.view !== 'unlocked') return;
  const { keyring } = environment();
  keyring.setUnsyncedAtLock(screen.user.id, syncStatusStore.getState().pendingCount);
  const store = deviceStore;
  deviceStore = undefined;
  dropSecrets();
  const account = keyring.get(screen.user.id);
  setScreen(account ? lockedView(account) : { view: 'signIn', canGoBack: false }, { sessionEnded: false });
  if (options.broadcast !== false) tabChannel()?.postMessage({ type: 'lock' } satisfies TabMessage);
  await store?.close();
}

/** Shows the sign-in screen for another person; the current user's store stays locked on the device. */
export async function switchUser(): Promise<void> {
  await lockNow();
  setScreen({ view: 'signIn', canGoBack: Boolean(environment().keyring.lastAccount()?.pin) });
}

/** Back from sign-in to the last user's lock screen. */
export function backToLock(): void {
  startAuth();
}

/** From the lock screen: sign in online with the password, then choose a new PIN. */
export function forgotPin(): void {
  setScreen({ view: 'signIn', notice: 'forgotPin', canGoBack: true });
}

/** The device account whose username matches (case-insensitively), to suggest the PIN when offline. */
export function deviceAccountNamed(username: string): LockedAccount | undefined {
  const wanted = username.trim().toLowerCase();
  return environment()
    .keyring.accounts()
    .find((account) => account.pin && account.username.toLowerCase() === wanted);
}

/** Offline, a user who already has a PIN on this device goes to their lock screen. */
export function showLockScreenFor(userId: string): void {
  const account = environment().keyring.get(userId);
  if (account?.pin) setScreen(lockedView(account));
}

/**
 * Leaves nothing of the user on this device: their databases (names
 * included), their keys, every cached API answer, and every stored key but
 * the device id and the language (and what other accounts on the device need).
 */
async function wipeAccount(userId: string): Promise<void> {
  const { keyring, removeDatabase } = environment();
  const account = keyring.get(userId);
  if (account) await removeDatabase(account.databaseName);
  keyring.forget(userId);
  forgetLocalData(
    localStorage,
    keyring.accounts().map((other) => other.userId),
  );
  forgetDirectory();
  await forgetCachedApiAnswers();
}

/**
 * Signs out: ends the session on the server when online, then removes the
 * user's database, outbox, keys and queued reports from this device. The
 * screen asks first when changes are waiting (see SignOutPanel).
 */
export async function signOut(): Promise<void> {
  const screen = authStore.getState().screen;
  if (screen.view !== 'unlocked') return;
  const userId = screen.user.id;
  const token = currentToken();
  setScreen({ view: 'opening' });
  if (token) await logout(environment().baseUrl, token, environment().fetch);
  await removeAccount(userId, 'signedOut');
}

/** The open store's sync handle (sign-out offers to wait for it). */
export function currentSync() {
  return deviceStore?.sync;
}

export { readReportItem };
