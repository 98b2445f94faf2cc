/**
 * Password hashing (argon2id with the library's recommended defaults) and
 * the random secrets the server hands out. A sign-in for a username that does
 * not exist still verifies against a dummy hash, so it takes as long as a
 * wrong password and the timing does not tell which usernames exist.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

/** True only when `passwordHash` is a hash of `password`; a missing hash still costs one verification. */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (passwordHash === undefined) {
    dummyHash ??= hash(randomBytes(24).toString('base64url'));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash signs nobody in.
    return false;
  }
}

/** A strong password a person can type: 20 characters from an unambiguous alphabet (~114 bits). */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(40);
  let out = '';
  // 256 is not a multiple of the alphabet size: drop the bytes that would bias the choice.
  const limit = 256 - (256 % alphabet.length);
  for (const byte of bytes) {
    if (byte >= limit) continue;
    out += alphabet[byte % alphabet.length];
    if (out.length === 20) return out;
  }
  return out + randomPassword().slice(0, 20 - out.length);
}
