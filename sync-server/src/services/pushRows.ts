/**
 * Parses a push body. All rows are checked before anything is stored: one
 * invalid row rejects the whole push, with every problem listed by row index
 * and field, so the device can fix its data and the server holds no half-push.
 */
import { z } from 'zod';
import type { CollectionName } from '../../../src/domain/collections';
import { MAX_PUSH_ROWS, type PushRow, type WireDocument } from '../../../src/sync/protocol';
import { InputError, zodIssues } from './errors';
import { wireSchema } from './wireSchema';

function buildRowsSchema(collection: CollectionName) {
  const doc = wireSchema(collection);
  const row = z
    .object({
      // RxDB leaves assumedMasterState out (rather than null) for a record it believes new.
      assumedMasterState: doc.nullable().optional(),
      newDocumentState: doc,
    })
    .strict()
    .superRefine((value, ctx) => {
      if (value.assumedMasterState && value.assumedMasterState.id !== value.newDocumentState.id) {
        ctx.addIssue({
          code: 'custom',
          path: ['assumedMasterState', 'id'],
          message: 'assumedMasterState and newDocumentState must be the same record',
        });
      }
    });
  return z.array(row);
}

const cache = new Map<CollectionName, ReturnType<typeof buildRowsSchema>>();

export function parsePushRows(collection: CollectionName, body: unknown): PushRow[] {
  if (Array.isArray(body) && body.length > MAX_PUSH_ROWS) {
    throw new InputError(
      'invalid_document',
      `A push holds at most ${MAX_PUSH_ROWS} rows; this one has ${body.length}`,
      [{ path: '', message: `at most ${MAX_PUSH_ROWS} rows` }],
    );
  }
  let schema = cache.get(collection);
  if (!schema) {
    schema = buildRowsSchema(collection);
    cache.set(collection, schema);
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new InputError(
      'invalid_document',
      `The push to ${collection} has invalid rows; nothing was stored`,
      zodIssues(result.error),
    );
  }
  return result.data.map((row) => ({
    assumedMasterState: (row.assumedMasterState ?? null) as WireDocument | null,
    newDocumentState: row.newDocumentState as WireDocument,
  }));
}
