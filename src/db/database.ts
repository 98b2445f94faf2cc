/**
 * The device store: one RxDB database holding every synced collection of the
 * registry (src/domain/collections.ts) plus the device-only outbox.
 *
 * Storage is IndexedDB through Dexie, wrapped with WebCrypto AES-GCM field
 * encryption (fieldEncryption.ts) so the registry's `encrypted` fields are
 * ciphertext at rest. RxDB's dev-mode checks (which need a validating
 * storage) are for dev builds only: dev-mode loads a remote iframe and is slow.
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxStorage } from 'rxdb';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { COLLECTION_NAMES, COLLECTIONS, type CollectionName } from '../domain/collections';
import { toRxJsonSchema } from './rxSchema';
import { MIGRATIONS, OUTBOX_MIGRATIONS } from './migrations';
import { serverAuthoritativeConflictHandler } from './conflictHandler';
import { getIndexedChangesDexieStorage } from './changedSinceStorage';
import { wrappedFieldEncryptionStorage } from './fieldEncryption';
import { OUTBOX_COLLECTION, OUTBOX_SCHEMA, PendingIndex } from './outbox';
import type { DocumentTypes, WaystationCollections, WaystationDatabase } from './types';

export type { WaystationCollections, WaystationDatabase } from './types';

// Leader election: with several tabs open only one replicates (RxDB's default
// `waitForLeadership`), the others see its writes through multi-instance events.
addRxPlugin(RxDBLeaderElectionPlugin);
// Needed as soon as any collection's version goes above 0.
addRxPlugin(RxDBMigrationSchemaPlugin);

/** Any RxDB storage; the concrete internals do not matter to this module. */
export type AnyRxStorage = RxStorage<unknown, unknown>;

export interface CreateDatabaseOptions {
  /** IndexedDB database name; one per signed-in device store. */
  name: string;
  /**
   * Base storage (default: Dexie on IndexedDB with the indexed changes feed,
   * see changedSinceStorage.ts, and strict durability). It is always wrapped with encryption.
   */
  storage?: AnyRxStorage;
  /** At least 8 characters. See deviceKey.ts for where the app gets it today. */
  encryptionPassword: string;
  /** True in the browser (tabs share the store); false in tests. Default true. */
  multiInstance?: boolean;
  /**
   * The synced collections to open (default: all). A device opens only what
   * its user's roles may read: a driver's phone has no collection for case
   * data at all, and fewer open collections keep within RxDB's limit.
   */
  collections?: readonly CollectionName[];
}

const pendingIndexes = new WeakMap<WaystationDatabase, PendingIndex>();

/** Dev-mode in a browser dev build only; never in tests or production. */
function wantsDevMode(): boolean {
  const env = import.meta.env as ImportMetaEnv | undefined;
  return env?.MODE !== 'test' && typeof window !== 'undefined';
}

async function withDevChecks(storage: AnyRxStorage): Promise<AnyRxStorage> {
  // `import.meta.env.DEV` alone, first: a production build replaces it with
  // false and drops the branch, so dev-mode and ajv are neither bundled nor precached.
  if (!import.meta.env.DEV || !wantsDevMode()) return storage;
  const [{ RxDBDevModePlugin }, { wrappedValidateAjvStorage }] = await Promise.all([
    import('rxdb/plugins/dev-mode'),
    import('rxdb/plugins/validate-ajv'),
  ]);
  addRxPlugin(RxDBDevModePlugin);
  return wrappedValidateAjvStorage({ storage });
}

export async function createWaystationDatabase(options: CreateDatabaseOptions): Promise<WaystationDatabase> {
  const encrypted = wrappedFieldEncryptionStorage({
    // Strict durability: a write (a record, its outbox entry) is reported done only once it is on
    // disk, not in the operating system's cache, so a power cut right after "saved" loses nothing.
    // Browsers that know the option (Chromium) honour it; the others ignore it.
    storage: options.storage ?? getIndexedChangesDexieStorage({ chromeTransactionDurability: 'strict' }),
  });
  const db = await createRxDatabase<WaystationCollections>({
    name: options.name,
    storage: await withDevChecks(encrypted),
    password: options.encryptionPassword,
    multiInstance: options.multiInstance ?? true,
    eventReduce: true,
  });
  try {
    const synced = Object.fromEntries(
      (options.collections ?? COLLECTION_NAMES).map((name) => [
        name,
        {
          schema: toRxJsonSchema(COLLECTIONS[name]),
          migrationStrategies: MIGRATIONS[name],
          conflictHandler: serverAuthoritativeConflictHandler(),
        },
      ]),
    );
    await db.addCollections({
      ...synced,
      [OUTBOX_COLLECTION]: { schema: OUTBOX_SCHEMA, migrationStrategies: OUTBOX_MIGRATIONS },
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const pending = new PendingIndex(db.outbox);
  pendingIndexes.set(db, pending);
  db.onClose.push(() => pending.close());
  await pending.ready;
  return db;
}

/** What is waiting to sync on this device (kept current; see outbox.ts). */
export function pendingIndexOf(db: WaystationDatabase): PendingIndex {
  const index = pendingIndexes.get(db);
  if (!index) throw new Error('Database was not created with createWaystationDatabase');
  return index;
}

/** The synced collections this device opened. */
export function openCollections(db: WaystationDatabase): CollectionName[] {
  return COLLECTION_NAMES.filter((name) => name in db.collections);
}

/** A synced collection by name, typed by its document (TypeScript cannot narrow `db[name]` for a generic name). */
export function syncedCollection<K extends CollectionName>(db: WaystationDatabase, name: K): RxCollection<DocumentTypes[K]> {
  return db[name] as unknown as RxCollection<DocumentTypes[K]>;
}
