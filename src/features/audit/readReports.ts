/**
 * Reports of sensitive reads (a household's detail opened by a role that can
 * see sensitive data), sent to POST /api/audit/reads. Opening a record offline
 * must still leave a trace, so reports wait in a small queue that is sealed
 * under the user's data key in localStorage (which records someone opened is
 * itself sensitive) and sent when a connection and a live session exist.
 */
import type { SealedBox } from '../../db/keyring';
import { MAX_READ_REPORTS, readReportSchema, type ReadReport } from '../../domain/accounts';
import { api } from '../../sync/apiClient';
import { currentToken, currentUser, readReportItem, sealForUser, unsealForUser } from '../auth';

const PURPOSE = 'waystation/read-reports';
/** Enough for weeks offline; the oldest go first if a device somehow exceeds it. */
const MAX_QUEUED = 5000;

let queue: ReadReport[] = [];
let loadedFor: string | undefined;
let flushing: Promise<void> | undefined;

async function load(userId: string): Promise<void> {
  if (loadedFor === userId) return;
  queue = [];
  loadedFor = userId;
  const text = localStorage.getItem(readReportItem(userId));
  if (!text) return;
  try {
    const stored = await unsealForUser(PURPOSE, JSON.parse(text) as SealedBox);
    if (Array.isArray(stored)) {
      queue = stored.flatMap((item) => {
        const parsed = readReportSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      });
    }
  } catch {
    // A box that does not open belongs to nobody we know; it is replaced on the next save.
  }
}

async function save(userId: string): Promise<void> {
  if (queue.length === 0) {
    localStorage.removeItem(readReportItem(userId));
    return;
  }
  const box = await sealForUser(PURPOSE, queue);
  if (box) localStorage.setItem(readReportItem(userId), JSON.stringify(box));
}

/** Sends what is queued, in chunks the server accepts. Quietly waits when offline or signed out. */
export function flushReadReports(): Promise<void> {
  flushing ??= (async () => {
    try {
      const user = currentUser();
      const token = currentToken();
      if (!user || !token) return;
      await load(user.id);
      while (queue.length > 0) {
        const chunk = queue.slice(0, MAX_READ_REPORTS);
        await api.audit.reads(chunk);
        queue = queue.slice(chunk.length);
        await save(user.id);
      }
    } catch {
      // Offline, or the session ended: the reports stay queued.
    } finally {
      flushing = undefined;
    }
  })();
  return flushing;
}

/** Queues a report that the unlocked user opened a sensitive record, then tries to send it. */
export async function reportSensitiveRead(collection: string, recordId: string): Promise<void> {
  const user = currentUser();
  if (!user) return;
  await load(user.id);
  queue = [...queue, { collection, recordId, at: new Date().toISOString() }].slice(-MAX_QUEUED);
  await save(user.id);
  void flushReadReports();
}

/** How many reports wait (for tests and diagnostics). */
export function queuedReadReports(): number {
  return queue.length;
}

/** Forgets the in-memory copy (on lock); the sealed copy stays for the next unlock. */
export function dropReadReportsFromMemory(): void {
  queue = [];
  loadedFor = undefined;
}
