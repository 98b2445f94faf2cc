/**
 * Adding, opening and removing documents: the content goes to the device's
 * encrypted store (db/attachmentStore.ts), the metadata onto the record
 * through the one write path.
 */
import type { AttachmentStore } from '../../db/attachmentStore';
import { sha256Hex } from '../../db/attachmentStore';
import type { WaystationDatabase } from '../../db/database';
import { applyEdits, changeFrom } from '../../db/recordEdits';
import { contentOf, findRecord, RecordNotFoundError, type WriteActor } from '../../db/recordWrites';
import {
  householdIdOf,
  type Attachment,
  type AttachmentCollection,
  type AttachmentKind,
  type Attachments,
} from '../../domain/attachments';
import { newId } from '../../domain/common';
import { DocumentUnavailableError, fetchAttachment } from '../../sync/attachmentDownloads';
import type { PreparedFile } from './prepareFile';

export async function addDocument(
  db: WaystationDatabase,
  store: AttachmentStore,
  actor: WriteActor,
  target: { collection: AttachmentCollection; recordId: string },
  input: { file: PreparedFile; kind: AttachmentKind; note: string },
  now = new Date(),
): Promise<string> {
  const existing = await findRecord(db, target.collection, target.recordId);
  if (!existing) throw new RecordNotFoundError(target.collection, target.recordId);
  const id = newId();
  const sha256 = await sha256Hex(input.file.bytes);
  const record = existing as unknown as Record<string, unknown>;
  const householdId = householdIdOf(target.collection, record);
  // Content first: a record never names a document this device does not hold.
  await store.add({
    id,
    bytes: input.file.bytes,
    sha256,
    mime: input.file.mime,
    siteId: String(record.siteId),
    ...(householdId ? { householdId } : {}),
  });
  const attachment: Attachment = {
    kind: input.kind,
    mime: input.file.mime,
    originalSize: input.file.originalSize,
    size: input.file.bytes.length,
    sha256,
    createdBy: actor.userId,
    createdAt: now.toISOString(),
    deleted: false,
    ...(input.note.trim() ? { note: input.note.trim() } : {}),
  };
  const content = contentOf<typeof target.collection>(existing) as Record<string, unknown>;
  const attachments = { ...((content.attachments as Attachments | undefined) ?? {}), [id]: attachment };
  await applyEdits(
    db,
    actor,
    [changeFrom(target.collection, existing, { ...content, attachments } as never)],
    { now },
  );
  return id;
}

/** Marks a document deleted (a version of the record; the content stays on the server). */
export async function removeDocument(
  db: WaystationDatabase,
  actor: WriteActor,
  target: { collection: AttachmentCollection; recordId: string },
  attachmentId: string,
  now = new Date(),
): Promise<void> {
  const existing = await findRecord(db, target.collection, target.recordId);
  if (!existing) throw new RecordNotFoundError(target.collection, target.recordId);
  const content = contentOf<typeof target.collection>(existing) as Record<string, unknown>;
  const attachments = { ...((content.attachments as Attachments | undefined) ?? {}) };
  const found = attachments[attachmentId];
  if (!found) return;
  attachments[attachmentId] = { ...found, deleted: true };
  await applyEdits(
    db,
    actor,
    [changeFrom(target.collection, existing, { ...content, attachments } as never)],
    { now },
  );
}

export { DocumentUnavailableError };

const serverOf = (server: { baseUrl: string; token: string | undefined }) => ({
  baseUrl: server.baseUrl,
  headers: server.token ? { Authorization: `Bearer ${server.token}` } : ({} as Record<string, string>),
});

/**
 * The content of a document, in memory: this device's encrypted copy when it
 * has one, else fetched from the server (never written to the device).
 */
export async function openDocument(
  store: AttachmentStore | undefined,
  server: { baseUrl: string; token: string | undefined },
  target: { collection: AttachmentCollection; recordId: string },
  attachment: Attachment & { id: string },
): Promise<Blob> {
  const local = await store?.read(attachment.id).catch(() => undefined);
  if (local) return new Blob([local.bytes], { type: attachment.mime });
  const bytes = await fetchAttachment(serverOf(server), target, attachment);
  return new Blob([bytes], { type: attachment.mime });
}

/**
 * Keeps a document on this device because the person asked (issue 19): its
 * content fetched from the server (audited there, checked against its
 * SHA-256), encrypted into the device's store marked `person`, so it opens
 * offline and no automatic keeper lets go of it. Throws
 * DocumentUnavailableError when offline, forbidden or not uploaded yet.
 */
export async function keepDocument(
  store: AttachmentStore,
  server: { baseUrl: string; token: string | undefined },
  target: { collection: AttachmentCollection; recordId: string },
  record: Record<string, unknown>,
  attachment: Attachment & { id: string },
): Promise<void> {
  const bytes = await fetchAttachment(serverOf(server), target, attachment);
  const householdId = householdIdOf(target.collection, record);
  await store.keep(
    {
      id: attachment.id,
      bytes,
      sha256: attachment.sha256,
      mime: attachment.mime,
      siteId: String(record.siteId),
      ...(householdId ? { householdId } : {}),
    },
    'person',
  );
}

/** Removes a document the person kept from this device (the store never removes one waiting to upload). */
export async function letGoOfDocument(store: AttachmentStore, attachmentId: string): Promise<void> {
  await store.letGo([attachmentId]);
}
