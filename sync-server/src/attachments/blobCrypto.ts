/**
 * How every blob store encrypts what it keeps, so the directory and the S3
 * store hold the same format and an object store never sees plaintext:
 *
 * - a document's content: AES-256-GCM, a random 12-byte IV, the SHA-256 as
 *   additional data (a blob copied to another address does not open);
 *   stored as IV ‖ ciphertext ‖ 16-byte tag;
 * - an upload's partial content: AES-CTR keyed by the upload id at its byte
 *   offset, so a chunk is encrypted on its own and the pieces concatenate.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function assertHexAddress(value: string): void {
  if (!/^[0-9a-f]{64}$/.test(value)) throw new Error('not a SHA-256 hex address');
}

export function sealBlob(key: Buffer, sha256: string, bytes: Buffer): Buffer<ArrayBuffer> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(sha256));
  return Buffer.concat([iv, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
}

export function openBlob(key: Buffer, sha256: string, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(sha256));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

/** AES-CTR keystream of upload `id`'s partial content starting at byte `offset` (encrypts and decrypts alike). */
export function uploadCipherAt(key: Buffer, id: string, offset: number) {
  const nonce = createHash('sha256').update('waystation/upload/v1\u0000').update(id).digest().subarray(0, 8);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(offset / 16)));
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.concat([nonce, counter]));
  // Skip into the block: CTR is a keystream, so encryption and decryption are the same.
  if (offset % 16 !== 0) cipher.update(Buffer.alloc(offset % 16));
  return cipher;
}
