/**
 * The organisation's directory (GET /api/directory: sites, units, people),
 * held once for every screen: names on histories and reports, drivers for a
 * leg, units and focal points for an escalation. The last answer is kept in
 * localStorage so all of these work offline; it is read back with the
 * contract's own schema, and forgotten at sign-out like every other key.
 */
import { create } from '../state';
import { directoryEndpoints, directoryResponseSchema, type DirectoryResponse } from './api/directory';
import { callApi, type ApiConnection } from './apiClient';

const CACHE_KEY = 'waystation.directory';
/** Caches of earlier versions (one per screen that needed names): removed, their data is in CACHE_KEY now. */
const LEGACY_CACHE_KEYS = ['waystation.coordination.directory', 'waystation.travel.drivers', 'waystation.helpline.directory'];

interface DirectoryState {
  /** The last answer, from the server or the cache; undefined when neither is there. */
  answer: DirectoryResponse | undefined;
}

function readCache(): DirectoryResponse | undefined {
  try {
    const storage = globalThis.localStorage;
    for (const key of LEGACY_CACHE_KEYS) storage?.removeItem(key);
    const raw = storage?.getItem(CACHE_KEY);
    const parsed = raw ? directoryResponseSchema.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  } catch {
    return undefined; // an unreadable cache: start empty
  }
}

export const directoryStore = create<DirectoryState>()(() => ({ answer: readCache() }));

let loading: Promise<void> | undefined;

/**
 * Asks the server for the directory (one request at a time, however many
 * screens ask) and keeps the answer. Offline or signed out: the cached answer stays.
 */
export function refreshDirectory(connection?: ApiConnection): Promise<void> {
  loading ??= callApi(directoryEndpoints.directory, {}, connection)
    .then((answer) => {
      directoryStore.setState({ answer });
      try {
        localStorage.setItem(CACHE_KEY, JSON.stringify(answer));
      } catch {
        // storage full or blocked: the names still show for this visit
      }
    })
    .catch(() => undefined)
    .finally(() => {
      loading = undefined;
    });
  return loading;
}

/** At sign-out: the next person must not see this one's directory (the stored copy goes with forgetLocalData). */
export function forgetDirectory(): void {
  directoryStore.setState({ answer: undefined });
}

/** Tests start from a given answer (or none). */
export function setDirectoryForTests(answer: DirectoryResponse | undefined): void {
  directoryStore.setState({ answer });
}
