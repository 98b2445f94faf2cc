/**
 * Documents' content on the device (issue 19): kept beside the user's
 * database, in an IndexedDB database of its own (not an RxDB collection: the
 * ten synced collections are the limit, and content never syncs as records
 * do), encrypted with AES-GCM under a key derived from the user's data key
 * (the same chain as the encrypted fields: data key → database password →
 * HKDF), a random IV per document and its SHA-256 as additional data.
 * Nothing is ever written unencrypted; content is decrypted in memory only.
 *
 * An entry waits (`waiting: 1`) until the upload queue (sync/attachmentUploads.ts)
 * has sent it; then it stays as the device's offline copy. One the server
 * refused for good (too large, not an image or PDF, the family's room used
 * up) stops waiting and keeps the reason (`refused`), so the person is told
 * and the rest of the queue goes on. A document fetched to be kept for offline
 * use is stored the same way, never waiting, with why it is kept (`keptFor`):
 * the driver's tickets keeper (sync/attachmentDownloads.ts) lets go of what it
 * kept itself once it no longer qualifies, never of what a person kept or
 * added. Entries from before the mark have none (see domain/attachments.ts
 * `driverTicketsToLetGo`); it is indexed (version 3 of this IndexedDB database,
 * an added index only) so the documents list finds what a person kept. The
 * record's metadata (domain/attachments.ts) goes through the one write path
 * as usual.
 */
import { Dexie, type Table } from 'dexie';
import type { KeptFor } from '../domain/attachments';
import { aesKeyFromPassword } from './cryptoHelpers';
import { asStorageFull } from './storageFull';

/** Why the server refused a document for good (sending it again would be refused again). */
export const UPLOAD_REFUSALS = [
  'tooLarge',
  'householdFull',
  'unsupportedType',
  'notAllowed',
  'invalid',
] as const;
export type UploadRefusal = (typeof UPLOAD_REFUSALS)[number];

export interface StoredContent {
  /** The attachment id (the key in the record's `attachments`). */
  id: string;
  sha256: string;
  mime: string;
  size: number;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  siteId: string;
  householdId?: string;
  /** 1 while the content waits to upload, 0 once the server has it (IndexedDB cannot index booleans). */
  waiting: 0 | 1;
  /** Set when the server refused the upload for good; such an entry no longer waits. */
  refused?: UploadRefusal;
  /** Why the device holds it; absent on entries written by a release before the mark. */
  keptFor?: KeptFor;
  createdAt: string;
}

/** What the device holds of one document, without its content. */
export type HeldEntry = Pick<StoredContent, 'id' | 'waiting' | 'refused' | 'keptFor'>;

interface ContentInput {
  id: string;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
  mime: string;
  siteId: string;
  householdId?: string;
}

export interface WaitingUploads {
  count: number;
  bytes: number;
}

const encoder = new TextEncoder();

export function attachmentDatabaseName(databaseName: string): string {
  return `waystation-attachments-${databaseName}`;
}

/** The AES-GCM key of a database password (see file comment), non-extractable. */
export async function attachmentKeyFor(password: string): Promise<CryptoKey> {
  return aesKeyFromPassword(password, 'waystation/attachments/v1');
}

export async function sha256Hex(bytes: BufferSource): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const aad = (sha256: string) => encoder.encode(`waystation/attachment/v1\u0000${sha256}`);

class ContentDatabase extends Dexie {
  contents!: Table<StoredContent, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ contents: 'id, waiting' });
    // `refused` is indexed so the few refused entries are found without reading every document.
    this.version(2).stores({ contents: 'id, waiting, refused' });
    // `keptFor` is indexed so the list finds what the person kept without reading any content.
    this.version(3).stores({ contents: 'id, waiting, refused, keptFor' });
  }
}

export class AttachmentStore {
  private readonly db: ContentDatabase;
  private readonly listeners = new Set<() => void>();

  constructor(
    name: string,
    private readonly key: CryptoKey,
  ) {
    this.db = new ContentDatabase(name);
  }

  /** Encrypts and keeps `bytes` as waiting to upload. */
  async add(input: ContentInput): Promise<void> {
    await this.put(input, 1, 'added');
  }

  /**
   * Encrypts and keeps content fetched from the server for offline use (not
   * waiting to upload), saying why (`keptFor`); when this device already holds
   * it, only a person's keep is recorded over an automatic one (the keeper
   * then leaves it alone).
   */
  async keep(input: ContentInput, keptFor: Exclude<KeptFor, 'added'>): Promise<void> {
    const entry = await this.db.contents.get(input.id);
    if (!entry) {
      await this.put(input, 0, keptFor);
      return;
    }
    if (keptFor === 'person' && entry.keptFor === 'driverTicket') {
      await this.db.contents.update(input.id, { keptFor });
      this.changed();
    }
  }

  /** Every document this device holds, without content (for deciding what to let go of). */
  async entries(): Promise<HeldEntry[]> {
    const held: HeldEntry[] = [];
    await this.db.contents.each((entry) => {
      held.push({
        id: entry.id,
        waiting: entry.waiting,
        ...(entry.refused ? { refused: entry.refused } : {}),
        ...(entry.keptFor ? { keptFor: entry.keptFor } : {}),
      });
    });
    return held;
  }

  /** Records why an entry written before the mark is held (the keeper adopting its own tickets). */
  async markKeptFor(id: string, keptFor: KeptFor): Promise<void> {
    await this.db.contents.update(id, { keptFor });
    this.changed();
  }

  /** Removes these documents' content from the device (never one still waiting to upload). */
  async letGo(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.transaction('rw', this.db.contents, async () => {
      const entries = await this.db.contents.bulkGet([...ids]);
      const removable = entries.flatMap((entry) => (entry && entry.waiting === 0 ? [entry.id] : []));
      await this.db.contents.bulkDelete(removable);
    });
    this.changed();
  }

  async has(id: string): Promise<boolean> {
    return (await this.db.contents.where('id').equals(id).count()) > 0;
  }

  private async put(input: ContentInput, waiting: 0 | 1, keptFor: KeptFor): Promise<void> {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: aad(input.sha256) },
      this.key,
      input.bytes,
    );
    const entry: StoredContent = {
      id: input.id,
      sha256: input.sha256,
      mime: input.mime,
      size: input.bytes.length,
      iv,
      data,
      siteId: input.siteId,
      ...(input.householdId ? { householdId: input.householdId } : {}),
      waiting,
      keptFor,
      createdAt: new Date().toISOString(),
    };
    try {
      await this.db.contents.put(entry);
    } catch (error) {
      throw asStorageFull(error);
    }
    this.changed();
  }

  /** The content of an attachment kept on this device, decrypted in memory; undefined when not here. */
  async read(
    id: string,
  ): Promise<{ bytes: Uint8Array<ArrayBuffer>; mime: string; sha256: string } | undefined> {
    const entry = await this.db.contents.get(id);
    if (!entry) return undefined;
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: entry.iv, additionalData: aad(entry.sha256) },
      this.key,
      entry.data,
    );
    return { bytes: new Uint8Array(plain), mime: entry.mime, sha256: entry.sha256 };
  }

  async waiting(): Promise<StoredContent[]> {
    return this.db.contents.where('waiting').equals(1).sortBy('createdAt');
  }

  async waitingTotals(): Promise<WaitingUploads> {
    const entries = await this.waiting();
    return { count: entries.length, bytes: entries.reduce((sum, entry) => sum + entry.size, 0) };
  }

  async markUploaded(id: string): Promise<void> {
    await this.db.contents.update(id, { waiting: 0 });
    this.changed();
  }

  /** The server refused this document for good: it stops waiting and keeps why. */
  async markRefused(id: string, reason: UploadRefusal): Promise<void> {
    await this.db.contents.update(id, { waiting: 0, refused: reason });
    this.changed();
  }

  /** Attachment id → why the server refused it, for every refused document on this device. */
  async refusals(): Promise<Record<string, UploadRefusal>> {
    const refused = await this.db.contents.orderBy('refused').toArray();
    return Object.fromEntries(
      refused.flatMap((entry) => (entry.refused ? [[entry.id, entry.refused] as const] : [])),
    );
  }

  /** The ids of the documents a person asked this device to keep. */
  async personKeptIds(): Promise<string[]> {
    return this.db.contents.where('keptFor').equals('person').primaryKeys();
  }

  /** The ids of every document whose content this device holds. */
  async heldIds(): Promise<string[]> {
    return this.db.contents.toCollection().primaryKeys();
  }

  /** Called after each change of what waits. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }

  close(): void {
    this.db.close();
  }
}

/** Deletes a user's document contents from this device (sign-out), without the key. */
export async function removeAttachmentDatabase(databaseName: string): Promise<void> {
  await Dexie.delete(attachmentDatabaseName(databaseName));
}
