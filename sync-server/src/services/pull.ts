/**
 * Reads one page of a collection in server commit order. The checkpoint is
 * the server's sequence number, never a device clock, so a device with a
 * wrong clock can neither hide its writes nor skip anyone else's.
 *
 * A checkpoint from another epoch (the server was restored from a backup
 * since the device last pulled) is answered from the start: its sequence
 * number belongs to a history this database no longer has, and trusting it
 * would skip every document committed below it after the restore.
 */
import { z } from 'zod';
import type { CollectionName } from '@waystation/domain/collections';
import {
  DEFAULT_PULL_LIMIT,
  MAX_PULL_LIMIT,
  checkpointSchema,
  type Checkpoint,
  type PullResponse,
} from '@waystation/protocol';
import type { Store } from '../store/types';
import { InputError } from './errors';

export interface PullQuery {
  checkpoint: Checkpoint | undefined;
  limit: number;
  /** Answer how many documents remain after the page (`count=1`). */
  count: boolean;
}

function limitSchema(max: number) {
  return z
    .string()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max));
}

function firstValue(value: unknown): unknown {
  return Array.isArray(value) ? value.at(-1) : value;
}

/**
 * Parses `?checkpoint=<json>&limit=<n>&count=1`; all optional. `maxLimit` is
 * MAX_PULL_LIMIT for a pull, MAX_SNAPSHOT_LIMIT for a snapshot page.
 */
export function parsePullQuery(query: Record<string, unknown>, maxLimit = MAX_PULL_LIMIT): PullQuery {
  const rawCheckpoint = firstValue(query.checkpoint);
  const rawLimit = firstValue(query.limit);
  const rawCount = firstValue(query.count);
  if (rawCount !== undefined && rawCount !== '0' && rawCount !== '1') {
    throw new InputError('invalid_query', 'count must be 1 (or 0)', [{ path: 'count', message: 'not 0 or 1' }]);
  }

  let checkpoint: Checkpoint | undefined;
  if (rawCheckpoint !== undefined && rawCheckpoint !== '') {
    let decoded: unknown;
    try {
      decoded = JSON.parse(String(rawCheckpoint));
    } catch {
      throw new InputError('invalid_query', 'checkpoint must be JSON, e.g. {"seq":42}', [
        { path: 'checkpoint', message: 'not JSON' },
      ]);
    }
    // RxDB sends null for "from the beginning".
    if (decoded !== null) {
      const parsed = checkpointSchema.safeParse(decoded);
      if (!parsed.success) {
        throw new InputError('invalid_query', 'checkpoint must look like {"seq":42,"epoch":"…"}', [
          { path: 'checkpoint', message: parsed.error.issues[0]?.message ?? 'invalid' },
        ]);
      }
      checkpoint = parsed.data;
    }
  }

  let limit = DEFAULT_PULL_LIMIT;
  if (rawLimit !== undefined) {
    const parsed = limitSchema(maxLimit).safeParse(String(rawLimit));
    if (!parsed.success) {
      throw new InputError('invalid_query', `limit must be a whole number from 1 to ${maxLimit}`, [
        { path: 'limit', message: parsed.error.issues[0]?.message ?? 'invalid' },
      ]);
    }
    limit = parsed.data;
  }
  return { checkpoint, limit, count: rawCount === '1' };
}

/**
 * Where a pull resumes, and the history tag its answer carries. The tag is
 * the epoch, followed by `-h<seq>` once the collection has a purge horizon
 * (services/retention.ts): a checkpoint below the horizon that was handed
 * out before that horizon existed may have skipped a deletion that is now
 * gone, so it starts again from the beginning, as a checkpoint from another
 * epoch does; a device that has pulled since then continues.
 */
export async function resumePoint(
  store: Store,
  collection: string,
  checkpoint: Checkpoint | undefined,
): Promise<{ afterSeq: number; epoch: string }> {
  const [epoch, horizon] = await Promise.all([store.epoch(), store.purgeHorizon(collection)]);
  const tag = horizon > 0 ? `${epoch}-h${horizon}` : epoch;
  if (!checkpoint) return { afterSeq: 0, epoch: tag };
  // A checkpoint without an epoch predates epochs and is trusted.
  const [base, seen] = (checkpoint.epoch ?? epoch).split('-h');
  const otherHistory = base !== epoch;
  const seenHorizon = Number(seen ?? 0);
  const beforePurge = checkpoint.seq > 0 && checkpoint.seq < horizon && !(seenHorizon >= horizon);
  return { afterSeq: otherHistory || beforePurge ? 0 : checkpoint.seq, epoch: tag };
}

export async function pull(
  store: Store,
  collection: CollectionName,
  checkpoint: Checkpoint | undefined,
  limit: number,
  count = false,
): Promise<PullResponse> {
  const { afterSeq, epoch } = await resumePoint(store, collection, checkpoint);
  const page = await store.pull(collection, afterSeq, limit);
  const seq = page.documents.length > 0 ? page.lastSeq : afterSeq;
  return {
    documents: page.documents.map((stored) => stored.doc),
    checkpoint: { seq, epoch },
    ...(count ? { remaining: await store.countAfter(collection, seq) } : {}),
  };
}
