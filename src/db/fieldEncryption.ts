/**
 * Encryption at rest of the registry's `encrypted` fields: an RxDB storage
 * wrapper using WebCrypto AES-GCM.
 *
 * Why not RxDB's crypto-js plugin (used until this module): crypto-js runs
 * OpenSSL's EvpKDF (MD5 rounds in JavaScript) to derive a fresh key for every
 * value it encrypts or decrypts, on the page's thread; in a 10k initial sync
 * that was 15–20 % of the page's time. Here one AES-256-GCM key is derived
 * once per database (HKDF from the database password, which keyring.ts
 * derives from the user's data key), and each value is encrypted natively.
 *
 * Stored value: `wse1:` + base64(12-byte random IV ‖ ciphertext ‖ tag) of the
 * value's JSON. The additional data binds it to its collection, document and
 * field, so a value copied onto another record or field does not open.
 * Values written by earlier releases (crypto-js: base64 of OpenSSL's
 * `Salted__` format, which cannot contain `:`) are still read; crypto-js is
 * loaded for that only when such a value is met. Writes always use `wse1:`,
 * so a record moves to the new format the next time it is written.
 *
 * The replication meta of a collection with encrypted fields stores the
 * whole assumed server state in one encrypted field (`docData`); it goes
 * through this wrapper the same way.
 */
import { aesKeyFromPassword, fromBase64, toBase64 } from './cryptoHelpers';
import {
  clone,
  flatClone,
  getPrimaryFieldOfPrimaryKey,
  getProperty,
  hasEncryption,
  newRxError,
  setProperty,
  wrapRxStorageInstance,
  type RxDocumentData,
  type RxDocumentWriteData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb';

/** Marks a value encrypted by this module (format version 1). */
export const FIELD_CIPHER_PREFIX = 'wse1:';
const IV_BYTES = 12;
/** RxDB's own rule for database passwords; keyring.ts gives 64 hex characters. */
const MIN_PASSWORD_LENGTH = 8;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The AES-GCM key of a database password, non-extractable. Derived per storage
 * instance and never cached beyond it: once the database closes (the app
 * locks), nothing here keeps the key in memory.
 */
export async function fieldKeyFor(password: string): Promise<CryptoKey> {
  return aesKeyFromPassword(password, 'waystation/field-encryption/v1');
}

/** What a value is bound to: the same value elsewhere (another record or field) does not decrypt. */
function additionalData(collection: string, documentId: string, path: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`waystation/field/v1\u0000${collection}\u0000${documentId}\u0000${path}`);
}

export async function encryptFieldValue(
  key: CryptoKey,
  aad: Uint8Array<ArrayBuffer>,
  value: unknown,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: aad },
      key,
      encoder.encode(JSON.stringify(value)),
    ),
  );
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return FIELD_CIPHER_PREFIX + toBase64(out);
}

type LegacyDecrypt = (cipherText: string, password: string) => string;
let legacyDecrypt: Promise<LegacyDecrypt> | undefined;

/** crypto-js, only on a device that still holds values an earlier release wrote. */
function loadLegacyDecrypt(): Promise<LegacyDecrypt> {
  legacyDecrypt ??= import('rxdb/plugins/encryption-crypto-js').then((m) => m.decryptString);
  return legacyDecrypt;
}

export async function decryptFieldValue(
  key: CryptoKey,
  aad: Uint8Array<ArrayBuffer>,
  stored: unknown,
  password: string,
): Promise<unknown> {
  if (typeof stored !== 'string') {
    throw new Error(`An encrypted field holds a ${typeof stored}, not ciphertext`);
  }
  if (stored.startsWith(FIELD_CIPHER_PREFIX)) {
    const bytes = fromBase64(stored.slice(FIELD_CIPHER_PREFIX.length));
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: aad },
      key,
      bytes.subarray(IV_BYTES),
    );
    return JSON.parse(decoder.decode(plain)) as unknown;
  }
  const text = (await loadLegacyDecrypt())(stored, password);
  // crypto-js answers a wrong key with an empty string (or throws on bad UTF-8), never with an error.
  if (text === '') throw new Error('An encrypted field does not open with this database key');
  return JSON.parse(text) as unknown;
}

/** Each encrypted path's ciphertext is a string; the storage below validates and indexes nothing else of it. */
function schemaOfStoredDocuments<D>(schema: RxJsonSchema<RxDocumentData<D>>, paths: readonly string[]) {
  const stored = clone(schema);
  delete stored.encrypted;
  for (const path of paths) {
    const parts = path.split('.');
    let level = stored as unknown as { properties: Record<string, unknown> };
    for (const part of parts.slice(0, -1)) {
      level = level.properties[part] as { properties: Record<string, unknown> };
    }
    level.properties[parts.at(-1)!] = { type: 'string' };
  }
  return stored;
}

/** Copies a document so its encrypted paths can be replaced without touching the caller's object. */
function copyForFields<T extends { _attachments?: unknown }>(doc: T): T {
  const { _attachments: attachments, ...rest } = flatClone(doc) as Record<string, unknown>;
  // Attachments may hold Blobs, which a deep clone must not copy.
  return { ...clone(rest), _attachments: attachments } as T;
}

export function wrappedFieldEncryptionStorage<Internals, InstanceCreationOptions>(args: {
  storage: RxStorage<Internals, InstanceCreationOptions>;
}): RxStorage<Internals, InstanceCreationOptions> {
  return Object.assign({}, args.storage, {
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, InstanceCreationOptions>,
    ) {
      const password: unknown = params.password;
      if (password !== undefined && (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH)) {
        throw newRxError('EN2', { minPassLength: MIN_PASSWORD_LENGTH });
      }
      if (!hasEncryption(params.schema)) return args.storage.createStorageInstance(params);
      if (typeof password !== 'string') {
        throw newRxError('EN3', {
          database: params.databaseName,
          collection: params.collectionName,
          schema: params.schema,
        });
      }
      if (params.schema.attachments?.encrypted) {
        throw new Error('Encrypted attachments are not supported by the field encryption storage');
      }
      const paths = params.schema.encrypted ?? [];
      const primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string;
      const collection = params.collectionName;
      const key = await fieldKeyFor(password);
      const instance = await args.storage.createStorageInstance({
        ...params,
        schema: schemaOfStoredDocuments(params.schema, paths),
      });

      async function toStorage(doc: RxDocumentWriteData<RxDocType>): Promise<RxDocumentData<unknown>> {
        const out = copyForFields(doc);
        const id = String(getProperty(out, primaryPath));
        await Promise.all(
          paths.map(async (path) => {
            const value: unknown = getProperty(out, path);
            if (value === undefined) return;
            setProperty(out, path, await encryptFieldValue(key, additionalData(collection, id, path), value));
          }),
        );
        return out as RxDocumentData<unknown>;
      }

      async function fromStorage(doc: RxDocumentData<unknown>): Promise<RxDocumentData<RxDocType>> {
        const out = copyForFields(doc);
        const id = String(getProperty(out, primaryPath));
        await Promise.all(
          paths.map(async (path) => {
            const stored: unknown = getProperty(out, path);
            if (stored === undefined) return;
            const aad = additionalData(collection, id, path);
            setProperty(out, path, await decryptFieldValue(key, aad, stored, password as string));
          }),
        );
        return out as RxDocumentData<RxDocType>;
      }

      return wrapRxStorageInstance(params.schema, instance, toStorage, fromStorage);
    },
  });
}
