/**
 * Documents' content from the server (issue 19): one fetch for opening a
 * document and for keeping it for offline use, checked against the SHA-256
 * its record names; and the keeper that holds a driver's tickets on their
 * device (domain/attachments.ts `driverTicketsToKeep`), encrypted in the
 * device's document store (db/attachmentStore.ts), so a ticket opens in the
 * van without signal; and lets go of each ticket it kept once it no longer
 * qualifies (`driverTicketsToLetGo`: the day is over, the leg is another
 * driver's or gone, the ticket deleted), on each run and with no network, so
 * a family's papers do not linger on a phone. Every download is audited by
 * the server.
 */
import type { Subscription } from 'rxjs';
import type { AttachmentStore } from '../db/attachmentStore';
import { sha256Hex } from '../db/attachmentStore';
import type { WaystationDatabase } from '../db/database';
import {
  driverTicketsToKeep,
  driverTicketsToLetGo,
  type Attachment,
  type AttachmentCollection,
} from '../domain/attachments';
import type { TravelLeg } from '../domain/travel';
import { downloadPath } from './attachmentProtocol';
import { protocolFetch } from './protocolFetch';

export class DocumentUnavailableError extends Error {
  constructor(readonly reason: 'offline' | 'forbidden' | 'notUploaded') {
    super(reason);
  }
}

/** The content of `attachment` from the server, in memory, checked against its SHA-256. */
export async function fetchAttachment(
  server: { baseUrl: string; headers: Record<string, string> },
  target: { collection: AttachmentCollection; recordId: string },
  attachment: Pick<Attachment, 'sha256'> & { id: string },
): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    response = await protocolFetch(
      `${server.baseUrl}${downloadPath(target.collection, target.recordId, attachment.id)}`,
      { headers: server.headers },
    );
  } catch {
    throw new DocumentUnavailableError('offline');
  }
  if (response.status === 403) throw new DocumentUnavailableError('forbidden');
  if (!response.ok) throw new DocumentUnavailableError('notUploaded');
  const bytes = new Uint8Array(await response.arrayBuffer());
  if ((await sha256Hex(bytes)) !== attachment.sha256) throw new DocumentUnavailableError('notUploaded');
  return bytes;
}

const RETRY_MS = 30_000;

/**
 * Keeps the tickets of the legs `userId` drives on this device as the legs
 * arrive or change, trying again while offline, and lets go of those that no
 * longer qualify; returns the stop function.
 */
export function startKeepingDriverTickets(options: {
  db: WaystationDatabase;
  store: AttachmentStore;
  baseUrl: string;
  userId: string;
  getHeaders: () => Record<string, string>;
  now?: () => Date;
}): () => void {
  const now = options.now ?? (() => new Date());
  let legs: TravelLeg[] = [];
  let running = false;
  let again = false;
  let stopped = false;
  let legsKnown = false;

  const keepAll = async () => {
    const at = now();
    const held = await options.store.entries();
    if (stopped) return;
    // Letting go needs no network, so it comes first.
    await options.store.letGo(driverTicketsToLetGo(held, legs, options.userId, at));
    const toKeep = driverTicketsToKeep(legs, options.userId, at);
    const heldById = new Map(held.map((entry) => [entry.id, entry]));
    for (const { attachment } of toKeep) {
      const entry = heldById.get(attachment.id);
      // A ticket of their own leg kept by a release before the mark: the keeper's own, from now on.
      if (entry && !entry.keptFor && entry.waiting === 0 && !entry.refused) {
        await options.store.markKeptFor(attachment.id, 'driverTicket');
      }
    }
    for (const { leg, attachment } of toKeep) {
      if (stopped) return;
      if (await options.store.has(attachment.id)) continue;
      const bytes = await fetchAttachment(
        { baseUrl: options.baseUrl, headers: options.getHeaders() },
        { collection: 'travelLegs', recordId: leg.id },
        attachment,
      );
      await options.store.keep(
        {
          id: attachment.id,
          bytes,
          sha256: attachment.sha256,
          mime: attachment.mime,
          siteId: leg.siteId,
          householdId: leg.householdId,
        },
        'driverTicket',
      );
    }
  };

  const kick = () => {
    // Before the first answer of the query the legs are unknown, not none: nothing is let go of.
    if (stopped || !legsKnown) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    keepAll()
      // Offline, or not uploaded yet: the next change, the timer or coming online tries again.
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          kick();
        }
      });
  };

  const subscription: Subscription = options.db.travelLegs
    .find({ selector: { driverId: options.userId } })
    .$.subscribe((docs) => {
      legs = docs.map((doc) => doc.toJSON() as TravelLeg);
      legsKnown = true;
      kick();
    });
  const timer = setInterval(kick, RETRY_MS);
  const onOnline = () => kick();
  window.addEventListener('online', onOnline);
  return () => {
    stopped = true;
    subscription.unsubscribe();
    clearInterval(timer);
    window.removeEventListener('online', onOnline);
  };
}
