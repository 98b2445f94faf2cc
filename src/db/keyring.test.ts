import { beforeEach, describe, expect, it } from 'vitest';
import {
  DataKey,
  Keyring,
  MAX_PIN_ATTEMPTS,
  MIN_PBKDF2_ITERATIONS,
  databasePassword,
  isGuessablePin,
  isValidPin,
  seal,
  unseal,
} from './keyring';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  dump(): string {
    return [...this.items.entries()].map(([k, v]) => `${k}=${v}`).join('\n');
  }
}

const amina = { id: 'user-amina-1', username: 'amina', displayName: 'Amina Yusuf' };
const PASSWORD = 'correct horse battery';
const PIN = '482915';

let storage: MemoryStorage;
let keyring: Keyring;

beforeEach(() => {
  storage = new MemoryStorage();
  keyring = new Keyring(storage);
});

async function enrolWithPin(): Promise<DataKey> {
  const result = await keyring.unlockWithPassword(amina, PASSWORD);
  if (!result.ok) throw new Error('enrol failed');
  await keyring.setPin(amina.id, result.dataKey, PIN);
  return result.dataKey;
}

describe('keyring', () => {
  it('unwraps the same data key with the PIN and with the password', async () => {
    const dataKey = await enrolWithPin();
    const expected = await databasePassword(dataKey);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);

    const byPin = await keyring.unlockWithPin(amina.id, PIN);
    expect(byPin.ok).toBe(true);
    if (byPin.ok) expect(await databasePassword(byPin.dataKey)).toBe(expected);

    const byPassword = await keyring.unlockWithPassword(amina, PASSWORD);
    expect(byPassword).toMatchObject({ ok: true, created: false });
    if (byPassword.ok) expect(await databasePassword(byPassword.dataKey)).toBe(expected);
  });

  it('refuses a wrong PIN, counts it across instances, and asks for a wipe at the fifth', async () => {
    await enrolWithPin();
    for (let attempt = 1; attempt < MAX_PIN_ATTEMPTS; attempt += 1) {
      const result = await new Keyring(storage).unlockWithPin(amina.id, '000111');
      expect(result).toEqual({
        ok: false,
        failedAttempts: attempt,
        attemptsLeft: MAX_PIN_ATTEMPTS - attempt,
        mustWipe: false,
      });
    }
    const last = await keyring.unlockWithPin(amina.id, '999999');
    expect(last).toMatchObject({ ok: false, attemptsLeft: 0, mustWipe: true });
    // Even the right PIN no longer opens once the limit is reached.
    expect(await keyring.unlockWithPin(amina.id, PIN)).toMatchObject({ ok: false, mustWipe: true });
  });

  it('resets the wrong-PIN count after a correct PIN', async () => {
    await enrolWithPin();
    await keyring.unlockWithPin(amina.id, '111222');
    await keyring.unlockWithPin(amina.id, '111222');
    expect((await keyring.unlockWithPin(amina.id, PIN)).ok).toBe(true);
    expect(keyring.get(amina.id)?.failedPinAttempts).toBe(0);
  });

  it('reports a changed password instead of creating a second key', async () => {
    await enrolWithPin();
    expect(await keyring.unlockWithPassword(amina, 'a different password')).toEqual({
      ok: false,
      reason: 'passwordChanged',
    });
  });

  it('wraps with PBKDF2 at no fewer than 310,000 iterations and a random salt per wrap', async () => {
    await enrolWithPin();
    const account = keyring.get(amina.id)!;
    expect(account.pin!.iterations).toBeGreaterThanOrEqual(310_000);
    expect(account.password.iterations).toBeGreaterThanOrEqual(310_000);
    expect(account.pin!.salt).not.toBe(account.password.salt);
    expect(new Keyring(storage, { iterations: 1000 })).toBeInstanceOf(Keyring);
    const weak = new Keyring(new MemoryStorage(), { iterations: 1000 });
    const result = await weak.unlockWithPassword(amina, PASSWORD);
    expect(result.ok).toBe(true);
    expect(weak.get(amina.id)!.password.iterations).toBe(MIN_PBKDF2_ITERATIONS);
  });

  it('stores nothing sensitive in clear: no PIN, password, token, key or database password', async () => {
    const dataKey = await enrolWithPin();
    const token = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    await keyring.saveSession(amina.id, dataKey, {
      token,
      user: { roles: ['caseworker'], siteIds: ['site-north'] },
    });
    const stored = storage.dump();
    const rawHex = Array.from(dataKey.raw, (b) => b.toString(16).padStart(2, '0')).join('');
    const rawB64 = btoa(String.fromCharCode(...dataKey.raw));
    for (const secret of [
      PIN,
      PASSWORD,
      token,
      rawHex,
      rawB64,
      await databasePassword(dataKey),
      'caseworker',
      'site-north',
    ]) {
      expect(stored).not.toContain(secret);
    }
    expect(stored).toContain('amina'); // the lock screen may name whose device store this is
    expect(await keyring.openSession(amina.id, dataKey)).toMatchObject({ token });
  });

  it('does not open a session or a wrapped key moved to another user', async () => {
    const dataKey = await enrolWithPin();
    const box = await seal(dataKey, 'purpose-a', { secret: 1 });
    await expect(unseal(dataKey, 'purpose-b', box)).rejects.toThrow();
    const other = DataKey.generate();
    await expect(unseal(other, 'purpose-a', box)).rejects.toThrow();
  });

  it('drops the key bytes when destroyed', () => {
    const key = DataKey.generate();
    key.destroy();
    expect(key.destroyed).toBe(true);
    expect(() => key.raw).toThrow();
  });

  it('forgets an account entirely', async () => {
    await enrolWithPin();
    keyring.markLastUsed(amina.id);
    keyring.forget(amina.id);
    expect(keyring.get(amina.id)).toBeUndefined();
    expect(keyring.lastAccount()).toBeUndefined();
    expect(storage.dump()).not.toContain('amina');
  });

  it('accepts PINs of 6 to 12 digits and flags the guessable ones', () => {
    expect(isValidPin('12345')).toBe(false);
    expect(isValidPin('12a456')).toBe(false);
    expect(isValidPin('482915')).toBe(true);
    expect(isGuessablePin('111111')).toBe(true);
    expect(isGuessablePin('123456')).toBe(true);
    expect(isGuessablePin('987654')).toBe(true);
    expect(isGuessablePin('482915')).toBe(false);
  });
});
