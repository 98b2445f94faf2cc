/**
 * Whether the browser has promised to keep this device's data. Without that
 * promise a browser may evict the whole origin under storage pressure
 * (unsynced changes included), and Safari clears script storage after 7 days
 * without use.
 *
 * The app asks (`navigator.storage.persist()`) at the first save of each page
 * load, the moment the device first holds something only it has; a person's
 * save is also the gesture Firefox wants before it shows its question. It
 * does not ask again in that page load, nor when the browser has blocked the
 * question. The last answer is remembered in localStorage so the screen can
 * say it before the next save (sign-out of the last account forgets it).
 */
import { create } from '../state';

export const PERSISTENCE_ITEM = 'waystation.storagePersistence';

/**
 * protected:   the browser will not clear the data to free space
 * notAsked:    nothing saved yet on this page load, and no answer remembered
 * refused:     the browser said no (or blocked the question)
 * unsupported: this browser cannot promise it
 */
export type Persistence = 'unknown' | 'protected' | 'notAsked' | 'refused' | 'unsupported';

export const persistenceStore = create<{ persistence: Persistence }>()(() => ({ persistence: 'unknown' }));

interface Environment {
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined;
  permissions: Pick<Permissions, 'query'> | undefined;
  remembered: Pick<Storage, 'getItem' | 'setItem'> | undefined;
}

function browserEnvironment(): Environment {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  return {
    storage: typeof nav?.storage?.persist === 'function' ? nav.storage : undefined,
    permissions: nav?.permissions,
    remembered: typeof localStorage === 'undefined' ? undefined : localStorage,
  };
}

let env: Environment | undefined;
const environment = () => (env ??= browserEnvironment());

/** Tests replace the browser's storage manager. */
export function configurePersistence(overrides: Partial<Environment>): void {
  env = { ...environment(), ...overrides };
  asking = undefined;
  checking = undefined;
  persistenceStore.setState({ persistence: 'unknown' });
}

function set(persistence: Persistence): void {
  persistenceStore.setState({ persistence });
  if (persistence === 'protected' || persistence === 'refused') {
    try {
      environment().remembered?.setItem(PERSISTENCE_ITEM, persistence);
    } catch {
      // storage full or blocked: the screen still says it for this page load
    }
  }
}

/** 'denied' when the browser blocked the question (Firefox "never allow"). */
async function permissionState(): Promise<PermissionState | undefined> {
  try {
    return (await environment().permissions?.query({ name: 'persistent-storage' }))?.state;
  } catch {
    return undefined; // a browser that does not know this permission
  }
}

let checking: Promise<void> | undefined;

/** Reads what the browser promised, without asking anything. Once per page load. */
export function checkPersistence(): Promise<void> {
  checking ??= (async () => {
    const { storage, remembered } = environment();
    const persisted = storage ? await storage.persisted().catch(() => false) : false;
    const blocked = storage && !persisted ? (await permissionState()) === 'denied' : false;
    // A save may have asked meanwhile: its answer is the newer one.
    if (asking) return;
    if (!storage) return set('unsupported');
    if (persisted) return set('protected');
    set(blocked || remembered?.getItem(PERSISTENCE_ITEM) === 'refused' ? 'refused' : 'notAsked');
  })();
  return checking;
}

let asking: Promise<void> | undefined;

/** At a save: asks the browser once per page load, unless it already promised or blocked the question. */
export function askPersistenceOnce(): Promise<void> {
  asking ??= (async () => {
    const { storage } = environment();
    if (!storage) return set('unsupported');
    if (await storage.persisted().catch(() => false)) return set('protected');
    if ((await permissionState()) === 'denied') return set('refused');
    set((await storage.persist().catch(() => false)) ? 'protected' : 'refused');
  })();
  return asking;
}
