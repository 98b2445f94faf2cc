/**
 * The keyring: what this device keeps so a signed-in user can unlock their
 * own encrypted store offline, and nothing more.
 *
 * Per user per device there is one random 256-bit DATA KEY. It never touches
 * storage in clear. Storage (localStorage, one JSON item) holds per user:
 *
 *   in clear   user id, username, display name (for the lock screen), the
 *              database name, the wrong-PIN counter, the number of unsynced
 *              changes when the app last locked (for the wipe warning), and
 *              PBKDF2 salts, iteration counts and AES-GCM IVs;
 *   wrapped    the data key under a key derived from the PIN, and again under
 *              a key derived from the account password (so a forgotten PIN is
 *              recovered by signing in online);
 *   sealed     the session (token, expiry, roles, sites) under a key derived
 *              from the data key, so sync resumes after an offline unlock.
 *
 * From the data key, HKDF derives the RxDB encryption password and the
 * sealing key; keys for different purposes are never the same bytes. Every
 * ciphertext is bound (AES-GCM additional data) to its user and purpose, so a
 * wrapped key copied onto another user's entry does not open.
 *
 * Limits, stated plainly: a PIN has few combinations, so someone who copies
 * this storage off the device can try them all offline; the 5-attempt wipe
 * only stops guessing through the app. The PBKDF2 cost slows that down, it
 * does not prevent it. The password wrap is as strong as the password.
 */
import { fromBase64, toBase64 } from './cryptoHelpers';

export const PBKDF2_ITERATIONS = 310_000;
export const MIN_PBKDF2_ITERATIONS = 310_000;
export const PIN_MIN_LENGTH = 6;
export const PIN_MAX_LENGTH = 12;
/** Consecutive wrong PINs after which the user's data is erased from the device. */
export const MAX_PIN_ATTEMPTS = 5;
/** From this many wrong PINs on, the unlock screen warns that the device will be wiped. */
export const WARN_PIN_ATTEMPTS = 3;

export const KEYRING_ITEM = 'waystation.keyring';
const DATA_KEY_BYTES = 32;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A key wrapped with AES-GCM under a PBKDF2-SHA-256 key. Every field is base64 or a number. */
export interface WrappedKey {
  salt: string;
  iterations: number;
  iv: string;
  wrapped: string;
}

/** AES-GCM ciphertext under a key derived from the data key. */
export interface SealedBox {
  iv: string;
  data: string;
}

export interface DeviceAccount {
  userId: string;
  username: string;
  displayName: string;
  /** The IndexedDB/RxDB database holding this user's records on this device. */
  databaseName: string;
  pin?: WrappedKey;
  password: WrappedKey;
  session?: SealedBox;
  failedPinAttempts: number;
  /** Changes waiting to sync when the app last locked; shown in the wipe warning. */
  unsyncedAtLock: number;
}

interface KeyringFile {
  version: 1;
  lastUserId?: string;
  accounts: Record<string, DeviceAccount>;
}

/** The unwrapped data key: in memory only while unlocked. `destroy` zeroes it. */
export class DataKey {
  private bytes: Uint8Array<ArrayBuffer>;

  constructor(bytes: Uint8Array<ArrayBuffer>) {
    if (bytes.length !== DATA_KEY_BYTES) throw new Error('A data key is 32 bytes');
    this.bytes = bytes;
  }

  static generate(): DataKey {
    return new DataKey(crypto.getRandomValues(new Uint8Array(DATA_KEY_BYTES)));
  }

  /** @internal the raw bytes, for wrapping and derivation in this module only. */
  get raw(): Uint8Array<ArrayBuffer> {
    if (this.destroyed) throw new Error('The data key was dropped (the app is locked)');
    return this.bytes;
  }

  get destroyed(): boolean {
    return this.bytes.length === 0;
  }

  destroy(): void {
    this.bytes.fill(0);
    this.bytes = new Uint8Array(0);
  }
}

export function isValidPin(pin: string): boolean {
  return new RegExp(`^\\d{${PIN_MIN_LENGTH},${PIN_MAX_LENGTH}}$`).test(pin);
}

/** A PIN anyone would try first: one digit repeated, or a run like 123456 / 987654. */
export function isGuessablePin(pin: string): boolean {
  const digits = [...pin].map(Number);
  if (digits.every((d) => d === digits[0])) return true;
  const steps = digits.slice(1).map((d, i) => d - (digits[i] ?? 0));
  return steps.every((s) => s === 1) || steps.every((s) => s === -1);
}

// --- encoding and primitives -------------------------------------------------

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

async function deriveWrappingKey(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function hkdf(dataKey: DataKey, info: string, length: number): Promise<ArrayBuffer> {
  const material = await crypto.subtle.importKey('raw', dataKey.raw, 'HKDF', false, ['deriveBits']);
  return crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: encoder.encode(info) },
    material,
    length * 8,
  );
}

async function sealingKey(dataKey: DataKey): Promise<CryptoKey> {
  const bits = await hkdf(dataKey, 'waystation/seal/v1', 32);
  return crypto.subtle.importKey('raw', bits, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** The RxDB encryption password of the user's database: 64 hex characters derived from the data key. */
export async function databasePassword(dataKey: DataKey): Promise<string> {
  const bits = new Uint8Array(await hkdf(dataKey, 'waystation/rxdb-password/v1', 32));
  return Array.from(bits, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function wrapDataKey(
  dataKey: DataKey,
  secret: string,
  aad: string,
  iterations: number,
): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = await deriveWrappingKey(secret, salt, iterations);
  const wrapped = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
    key,
    dataKey.raw,
  );
  return { salt: toBase64(salt), iterations, iv: toBase64(iv), wrapped: toBase64(new Uint8Array(wrapped)) };
}

/** The data key, or undefined when the secret is wrong (AES-GCM authentication fails). */
async function unwrapDataKey(wrapped: WrappedKey, secret: string, aad: string): Promise<DataKey | undefined> {
  const key = await deriveWrappingKey(secret, fromBase64(wrapped.salt), wrapped.iterations);
  try {
    const raw = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(wrapped.iv), additionalData: encoder.encode(aad) },
      key,
      fromBase64(wrapped.wrapped),
    );
    return new DataKey(new Uint8Array(raw));
  } catch {
    return undefined;
  }
}

/** Encrypts a JSON value under the data key; `purpose` binds it to one use. */
export async function seal(dataKey: DataKey, purpose: string, value: unknown): Promise<SealedBox> {
  const iv = randomBytes(12);
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(purpose) },
    await sealingKey(dataKey),
    encoder.encode(JSON.stringify(value)),
  );
  return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** The value sealed by `seal`; throws if the box was tampered with or belongs elsewhere. */
export async function unseal(dataKey: DataKey, purpose: string, box: SealedBox): Promise<unknown> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(box.iv), additionalData: encoder.encode(purpose) },
    await sealingKey(dataKey),
    fromBase64(box.data),
  );
  return JSON.parse(decoder.decode(plain)) as unknown;
}

const pinAad = (userId: string) => `waystation/pin/${userId}`;
const passwordAad = (userId: string) => `waystation/password/${userId}`;
const sessionPurpose = (userId: string) => `waystation/session/${userId}`;

/** A database name that is safe for IndexedDB and RxDB (lowercase, no odd characters). */
export function databaseNameFor(userId: string): string {
  return `waystation-u-${userId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`;
}

export type PinUnlock =
  | { ok: true; dataKey: DataKey }
  | { ok: false; failedAttempts: number; attemptsLeft: number; mustWipe: boolean };

export type PasswordUnlock =
  { ok: true; dataKey: DataKey; created: boolean } | { ok: false; reason: 'passwordChanged' };

export interface KeyringOptions {
  /** PBKDF2 iterations for new wraps; never below MIN_PBKDF2_ITERATIONS. */
  iterations?: number;
}

/** Stored device accounts and their wrapped keys. Safe to construct many times: state lives in storage. */
export class Keyring {
  private readonly iterations: number;

  constructor(
    private readonly storage: KeyValueStore = localStorage,
    options: KeyringOptions = {},
  ) {
    this.iterations = Math.max(options.iterations ?? PBKDF2_ITERATIONS, MIN_PBKDF2_ITERATIONS);
  }

  private read(): KeyringFile {
    const text = this.storage.getItem(KEYRING_ITEM);
    if (!text) return { version: 1, accounts: {} };
    try {
      const parsed = JSON.parse(text) as Partial<KeyringFile>;
      if (parsed.version === 1 && parsed.accounts && typeof parsed.accounts === 'object') {
        return {
          version: 1,
          accounts: parsed.accounts,
          ...(parsed.lastUserId ? { lastUserId: parsed.lastUserId } : {}),
        };
      }
    } catch {
      // fall through: an unreadable keyring unlocks nothing
    }
    return { version: 1, accounts: {} };
  }

  private write(file: KeyringFile): void {
    // No account left: no entry at all, so a signed-out device does not keep an empty keyring.
    if (Object.keys(file.accounts).length === 0) this.storage.removeItem(KEYRING_ITEM);
    else this.storage.setItem(KEYRING_ITEM, JSON.stringify(file));
  }

  private update(userId: string, change: (account: DeviceAccount) => DeviceAccount): DeviceAccount {
    const file = this.read();
    const account = file.accounts[userId];
    if (!account) throw new Error('No such account on this device');
    const next = change(account);
    file.accounts[userId] = next;
    this.write(file);
    return next;
  }

  accounts(): DeviceAccount[] {
    return Object.values(this.read().accounts);
  }

  get(userId: string): DeviceAccount | undefined {
    return this.read().accounts[userId];
  }

  /** The account last unlocked on this device: the one the lock screen offers. */
  lastAccount(): DeviceAccount | undefined {
    const file = this.read();
    return file.lastUserId ? file.accounts[file.lastUserId] : undefined;
  }

  markLastUsed(userId: string): void {
    const file = this.read();
    if (file.accounts[userId]) this.write({ ...file, lastUserId: userId });
  }

  /**
   * After an online sign-in: the user's data key on this device. The first
   * sign-in creates it; a later one (forgotten PIN, ended session) unwraps
   * the existing key with the password, so the same database opens again.
   */
  async unlockWithPassword(
    user: { id: string; username: string; displayName: string },
    password: string,
  ): Promise<PasswordUnlock> {
    const existing = this.get(user.id);
    if (existing) {
      const dataKey = await unwrapDataKey(existing.password, password, passwordAad(user.id));
      if (!dataKey) return { ok: false, reason: 'passwordChanged' };
      this.update(user.id, (account) => ({
        ...account,
        username: user.username,
        displayName: user.displayName,
      }));
      return { ok: true, dataKey, created: false };
    }
    const dataKey = DataKey.generate();
    const account: DeviceAccount = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      databaseName: databaseNameFor(user.id),
      password: await wrapDataKey(dataKey, password, passwordAad(user.id), this.iterations),
      failedPinAttempts: 0,
      unsyncedAtLock: 0,
    };
    const file = this.read();
    file.accounts[user.id] = account;
    this.write(file);
    return { ok: true, dataKey, created: true };
  }

  /** Re-wraps the data key under a new password (after a password change, once the PIN proved the user). */
  async rewrapPassword(userId: string, dataKey: DataKey, password: string): Promise<void> {
    const wrapped = await wrapDataKey(dataKey, password, passwordAad(userId), this.iterations);
    this.update(userId, (account) => ({ ...account, password: wrapped }));
  }

  async setPin(userId: string, dataKey: DataKey, pin: string): Promise<void> {
    if (!isValidPin(pin)) throw new Error(`A PIN is ${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} digits`);
    const wrapped = await wrapDataKey(dataKey, pin, pinAad(userId), this.iterations);
    this.update(userId, (account) => ({ ...account, pin: wrapped, failedPinAttempts: 0 }));
  }

  /**
   * Unwraps the data key with a PIN. A wrong PIN is counted in storage (a
   * reload does not reset it); at MAX_PIN_ATTEMPTS the caller must wipe.
   */
  async unlockWithPin(userId: string, pin: string): Promise<PinUnlock> {
    const account = this.get(userId);
    if (!account?.pin) throw new Error('No PIN is set for this account on this device');
    if (account.failedPinAttempts >= MAX_PIN_ATTEMPTS) {
      return { ok: false, failedAttempts: account.failedPinAttempts, attemptsLeft: 0, mustWipe: true };
    }
    const dataKey = isValidPin(pin) ? await unwrapDataKey(account.pin, pin, pinAad(userId)) : undefined;
    if (dataKey) {
      this.update(userId, (a) => ({ ...a, failedPinAttempts: 0 }));
      return { ok: true, dataKey };
    }
    const failedAttempts = this.update(userId, (a) => ({
      ...a,
      failedPinAttempts: a.failedPinAttempts + 1,
    })).failedPinAttempts;
    const attemptsLeft = Math.max(0, MAX_PIN_ATTEMPTS - failedAttempts);
    return { ok: false, failedAttempts, attemptsLeft, mustWipe: attemptsLeft === 0 };
  }

  /** After the password proved who the user is (an online sign-in). */
  resetPinAttempts(userId: string): void {
    if (this.get(userId)) this.update(userId, (account) => ({ ...account, failedPinAttempts: 0 }));
  }

  async saveSession(userId: string, dataKey: DataKey, session: unknown): Promise<void> {
    const sealed = await seal(dataKey, sessionPurpose(userId), session);
    this.update(userId, (account) => ({ ...account, session: sealed }));
  }

  /** The sealed session, or undefined if there is none or it does not open. */
  async openSession(userId: string, dataKey: DataKey): Promise<unknown> {
    const box = this.get(userId)?.session;
    if (!box) return undefined;
    try {
      return await unseal(dataKey, sessionPurpose(userId), box);
    } catch {
      return undefined;
    }
  }

  clearSession(userId: string): void {
    this.update(userId, (account) => {
      const { session: _dropped, ...rest } = account;
      return rest;
    });
  }

  setUnsyncedAtLock(userId: string, count: number): void {
    if (this.get(userId)) this.update(userId, (account) => ({ ...account, unsyncedAtLock: count }));
  }

  /** Removes every trace of the account's keys. The caller removes the database. */
  forget(userId: string): void {
    const file = this.read();
    delete file.accounts[userId];
    if (file.lastUserId === userId) delete file.lastUserId;
    this.write(file);
  }
}
