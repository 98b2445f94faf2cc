/**
 * The sync wire protocol: the one file the app and the sync server share
 * about how they talk. Per collection, RxDB's replication contract over HTTP:
 *
 *   GET  /api/sync/:collection/schema                  → JSON Schema of the record type
 *   GET  /api/sync/:collection/pull?checkpoint=&limit=[&count=1]
 *                                                      → PullResponse, in server commit order
 *                                                        (count=1 adds `remaining`, for first-sync progress)
 *   GET  /api/sync/:collection/snapshot?checkpoint=&limit=[&count=1]
 *                                                      → PullResponse: the same page as a pull (same order,
 *                                                        scoping and fields), up to MAX_SNAPSHOT_LIMIT documents,
 *                                                        gzip-compressed when accepted; a fresh device's bootstrap
 *   POST /api/sync/:collection/push   PushRow[]         → current server docs for rows not applied as sent
 *        X-Schema-Version: n                            the collection's schema version the rows are shaped for
 *                                                        (absent: 0, what every device before the header sent)
 *   GET  /api/sync/:collection/stream                  → Server-Sent Events: StreamEvent
 *   GET  /api/sync/stream                              → the same for every collection the user may read
 *                                                        (what the app uses: one connection per device)
 *   GET  /api/health                                   → HealthResponse
 *   GET  /api/demo                                     → DemoResponse (public: is this a demo, and its accounts)
 *
 * Every request of the app sends X-Protocol-Version; a server that cannot serve
 * it answers 426 IncompatibleClientError (see PROTOCOL_VERSION_HEADER).
 *
 * Order comes from a server-assigned sequence, never from device clocks.
 * Every error is an ApiError with a 4xx/5xx status (api/errors.ts); every
 * other endpoint's request and answer are defined in api/.
 */
import { z } from 'zod';

// The protocol handshake lives apart, without zod, so the app's first script can use it before
// zod is configured (src/app/zodConfig.ts): see protocolVersion.ts.
export * from './protocolVersion';

export const incompatibleClientErrorSchema = z.object({
  error: z.literal('incompatible_client'),
  reason: z.enum(['client_too_old', 'client_too_new']),
  message: z.string(),
  serverProtocol: z.number().int(),
  minClientProtocol: z.number().int(),
});

/**
 * Header of a push naming the schema version (src/domain/collections.ts) of
 * its rows. The server migrates rows of an older version to its own before
 * validating them, and refuses a newer one with `schema_version_ahead` (409),
 * which the device retries: the change waits until the server is updated.
 * Pulls need no version: versions only add fields, so an older device reads
 * the newer shape (see the rule in collections.ts).
 */
export const SCHEMA_VERSION_HEADER = 'X-Schema-Version';

/** Largest request body the server accepts. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Most rows in one push. */
export const MAX_PUSH_ROWS = 500;
/** Most documents in one pull page. */
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 200;
/**
 * Most documents in one snapshot page: a fresh device bootstraps in pages this
 * large (a few IndexedDB transactions per collection instead of one per pull page).
 */
export const MAX_SNAPSHOT_LIMIT = 10_000;

/**
 * Where a device is in the server's history. `seq` is the server sequence
 * number reached; `epoch` names the history it belongs to. Restoring a backup
 * starts a new epoch, and the server answers a checkpoint of another epoch
 * from the start (seq 0) with the new epoch. The server always sends `epoch`;
 * it is optional on input so checkpoints stored before epochs existed stay valid.
 * Once a collection's old deletions were purged (retention), `epoch` carries
 * `-h<seq>` too, and a checkpoint below that sequence handed out before the
 * purge is also answered from the start (sync-server/src/services/pull.ts).
 */
export const checkpointSchema = z
  .object({
    seq: z.number().int().min(0),
    epoch: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an epoch id').optional(),
  })
  .strict();
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** A record as it travels: its fields plus `_deleted`. */
export type WireDocument = { id: string; _deleted: boolean } & Record<string, unknown>;

export interface PullResponse<D extends WireDocument = WireDocument> {
  documents: D[];
  /** The position after the last document scanned; send it back to continue. */
  checkpoint: Checkpoint;
  /**
   * Only when asked (`count=1`): how many documents of the user's sites lie
   * after `checkpoint`. An upper bound where the role filters some out
   * (conflicts about a collection the role cannot read).
   */
  remaining?: number;
}

export interface PushRow<D extends WireDocument = WireDocument> {
  assumedMasterState: D | null;
  newDocumentState: D;
}

/** The current server state of every row that was not applied exactly as sent. */
export type PushResponse<D extends WireDocument = WireDocument> = D[];

/** Data line of an SSE `change` event on the stream. */
export interface StreamEvent {
  collection: string;
  seq: number;
}
export const STREAM_EVENT_CHANGE = 'change';

// The other HTTP contracts (sign-in, directory, audit, admin, devices, demo, health) and the
// error-code union live beside this file, in api/.
export type { ApiError, ApiErrorCode, ApiErrorIssue, DemoAccount, DemoResponse, HealthResponse } from './api';

export function pullUrl(
  base: string,
  collection: string,
  checkpoint: Checkpoint | undefined,
  limit: number,
  options: { count?: boolean } = {},
) {
  const params = new URLSearchParams({ limit: String(limit) });
  if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint));
  if (options.count) params.set('count', '1');
  return `${base}/api/sync/${collection}/pull?${params.toString()}`;
}

/** A snapshot page: a pull page of up to MAX_SNAPSHOT_LIMIT documents (same query). */
export function snapshotUrl(
  base: string,
  collection: string,
  checkpoint: Checkpoint | undefined,
  limit: number,
  options: { count?: boolean } = {},
) {
  return pullUrl(base, collection, checkpoint, limit, options).replace(
    `/api/sync/${collection}/pull?`,
    `/api/sync/${collection}/snapshot?`,
  );
}
