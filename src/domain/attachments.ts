/**
 * Documents and photos attached to a record (issue 19): a release form on a
 * family, a ticket on a travel leg, a notice to appear on a milestone.
 *
 * The record holds each attachment's metadata in its `attachments` field, a
 * map keyed by a fresh attachment id (like a leg's status history, never an
 * array): the three-way merge (merge.ts) merges plain objects key by key, so
 * two devices that each added a document offline both keep theirs, and a
 * deletion on one side meets a note edited on the other as two different
 * fields. No merge can therefore drop an attachment. A deletion is a flag,
 * never a removed key: the content stays on the server until retention says
 * otherwise. The content itself (the bytes, content-addressed by `sha256`)
 * never lives in a record: the device keeps it encrypted beside the database
 * (src/attachments/), the server in its blob store.
 *
 * Who receives which attachment (`attachmentVisibleTo`) is decided here for
 * the server's pull and download alike: a driver only the tickets of the legs
 * they drive, a volunteer no medical documents, the call desk no medical and
 * no identity documents.
 */
import { z } from 'zod';
import type { Role } from './access';
import { boundedRecord, isoDateTime } from './common';

export const ATTACHMENT_KINDS = [
  'release_form',
  'notice_to_appear',
  'ticket',
  'id_document',
  'medical',
  'letter',
  'other',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The only types stored and served; checked by content (magic bytes) on the server. */
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

/** More documents than a family, a leg or a call ever gathers; bounds what a forged record can hold. */
export const MAX_ATTACHMENTS_PER_RECORD = 60;
/** The hard ceiling of one file (the server's configurable cap is at most this). */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
export const ATTACHMENT_NOTE_MAX_LENGTH = 500;

export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 in lower-case hex');

export const attachmentSchema = z
  .object({
    kind: z.enum(ATTACHMENT_KINDS),
    note: z.string().trim().max(ATTACHMENT_NOTE_MAX_LENGTH).optional(),
    mime: z.enum(ATTACHMENT_MIME_TYPES),
    /** Bytes of the file the person chose, before downscaling. */
    originalSize: z
      .number()
      .int()
      .min(0)
      .max(1024 * 1024 * 1024),
    /** Bytes of the content as stored and uploaded. */
    size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
    sha256: sha256Hex,
    createdBy: z.string().min(1).max(64),
    createdAt: isoDateTime,
    deleted: z.boolean(),
  })
  .strict();
export type Attachment = z.infer<typeof attachmentSchema>;

/** The field every record that may carry documents adds (absent: none). */
export const attachmentsField = boundedRecord(attachmentSchema, MAX_ATTACHMENTS_PER_RECORD).optional();
export type Attachments = Record<string, Attachment>;

/**
 * The schema version that added `attachments` to a collection. Absent means
 * "no attachments", so a document of the previous version is already valid
 * in the new one and the migration fills nothing (collections.ts's rule: only
 * additive fields whose value follows from the old document).
 */
export function migrateAddingAttachments<T extends Record<string, unknown>>(doc: T): T {
  return doc;
}

/** The collections whose records carry attachments. */
export const ATTACHMENT_COLLECTIONS = ['households', 'people', 'travelLegs', 'milestones', 'calls'] as const;
export type AttachmentCollection = (typeof ATTACHMENT_COLLECTIONS)[number];

export function isAttachmentCollection(name: string): name is AttachmentCollection {
  return (ATTACHMENT_COLLECTIONS as readonly string[]).includes(name);
}

/** Kinds a role never receives, wherever they are attached. */
const WITHHELD_KINDS: Record<Role, readonly AttachmentKind[] | 'all'> = {
  volunteer: ['medical'],
  // A driver's only documents are the tickets of their own legs (see attachmentVisibleTo).
  driver: 'all',
  caseworker: [],
  helpline_agent: ['medical', 'id_document'],
  case_officer: [],
  coordinator: [],
  admin: 'all',
};

export interface AttachmentReader {
  userId: string;
  roles: readonly Role[];
}

/**
 * Whether `reader` may receive (see, download) attachment `attachment` of a
 * record of `collection`; the record's own read grant and site are checked
 * besides. Several roles add up.
 */
export function attachmentVisibleTo(
  reader: AttachmentReader,
  collection: string,
  record: Record<string, unknown>,
  attachment: Pick<Attachment, 'kind'>,
): boolean {
  return reader.roles.some((role) => {
    if (role === 'driver') {
      return collection === 'travelLegs' && attachment.kind === 'ticket' && record.driverId === reader.userId;
    }
    const withheld = WITHHELD_KINDS[role];
    return withheld !== 'all' && !withheld.includes(attachment.kind);
  });
}

/** `record` with only the attachments `reader` may receive (unchanged when it has none). */
export function withVisibleAttachments<T extends Record<string, unknown>>(
  reader: AttachmentReader,
  collection: string,
  record: T,
): T {
  const attachments = record.attachments;
  if (!isAttachmentCollection(collection) || typeof attachments !== 'object' || attachments === null) {
    return record;
  }
  const visible = Object.fromEntries(
    Object.entries(attachments as Attachments).filter(([, attachment]) =>
      attachmentVisibleTo(reader, collection, record, attachment),
    ),
  );
  return { ...record, attachments: visible };
}

/** The attachments of a record that are not deleted, newest first, with their ids. */
export function listAttachments(record: {
  attachments?: Attachments | undefined;
}): Array<Attachment & { id: string }> {
  return Object.entries(record.attachments ?? {})
    .filter(([, attachment]) => !attachment.deleted)
    .map(([id, attachment]) => ({ ...attachment, id }))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
}

/** The household a record belongs to (the household itself, or its `householdId`); a call's may be absent. */
export function householdIdOf(collection: string, record: Record<string, unknown>): string | undefined {
  if (collection === 'households') return typeof record.id === 'string' ? record.id : undefined;
  return typeof record.householdId === 'string' ? record.householdId : undefined;
}

/**
 * Which file type `bytes` is, from its first bytes (never from a name or a
 * header a sender chose); undefined for anything else (HTML, SVG, scripts…).
 */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentMime | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  ) {
    return 'image/webp';
  }
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return undefined;
}

/** How long after its departure a leg's tickets are still kept on its driver's device. */
export const KEEP_TICKETS_AFTER_DEPARTURE_MS = 24 * 60 * 60 * 1000;

/**
 * The documents a driver's device keeps for offline use without being asked:
 * the tickets of the legs `driverId` drives that have not departed more than
 * a day ago (a van has no signal at the bus station).
 */
export function driverTicketsToKeep<
  L extends {
    id: string;
    driverId?: string | undefined;
    departureAt: string;
    attachments?: Attachments | undefined;
  },
>(
  legs: readonly L[],
  driverId: string,
  now: Date,
): Array<{ leg: L; attachment: Attachment & { id: string } }> {
  const since = now.getTime() - KEEP_TICKETS_AFTER_DEPARTURE_MS;
  return legs
    .filter((leg) => leg.driverId === driverId && Date.parse(leg.departureAt) >= since)
    .flatMap((leg) =>
      listAttachments(leg)
        .filter((attachment) => attachment.kind === 'ticket')
        .map((attachment) => ({ leg, attachment })),
    );
}

/**
 * Why a device holds a document's content (db/attachmentStore.ts): added on
 * this device (it waited to upload), kept by the driver's tickets keeper
 * without being asked, or kept for offline use because the person marked it
 * so. Entries written before the mark existed have none.
 */
export type KeptFor = 'added' | 'driverTicket' | 'person';

/**
 * Which documents held on a driver's device the keeper lets go of: every one
 * it kept without being asked that `driverTicketsToKeep` no longer names (the
 * leg departed more than the window ago, is now another driver's, is gone, or
 * the attachment was deleted or is no longer a ticket). A document the person
 * kept, or added on this device, stays. An entry without a mark (an earlier
 * release) counts as kept without being asked only when it is a ticket on a
 * leg this driver drives; otherwise nobody can tell, and it stays.
 */
export function driverTicketsToLetGo<
  L extends {
    id: string;
    driverId?: string | undefined;
    departureAt: string;
    attachments?: Attachments | undefined;
  },
>(
  held: ReadonlyArray<{
    id: string;
    keptFor?: KeptFor | undefined;
    waiting?: 0 | 1;
    refused?: string | undefined;
  }>,
  legs: readonly L[],
  driverId: string,
  now: Date,
): string[] {
  const keep = new Set(driverTicketsToKeep(legs, driverId, now).map(({ attachment }) => attachment.id));
  const unmarkedTickets = new Set(
    legs
      .filter((leg) => leg.driverId === driverId)
      .flatMap((leg) =>
        Object.entries(leg.attachments ?? {})
          .filter(([, attachment]) => attachment.kind === 'ticket')
          .map(([id]) => id),
      ),
  );
  return held
    .filter((entry) => {
      if (keep.has(entry.id)) return false;
      if (entry.keptFor === 'driverTicket') return true;
      if (entry.keptFor !== undefined || entry.waiting === 1 || entry.refused !== undefined) return false;
      return unmarkedTickets.has(entry.id);
    })
    .map((entry) => entry.id);
}
