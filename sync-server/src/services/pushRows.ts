/**
 * Parses a push body. All rows are checked before anything is stored: one
 * invalid row rejects the whole push, with every problem listed by row index
 * and field, so the device can fix its data and the server holds no half-push.
 *
 * Rows of a device still on an older schema version are first migrated to
 * the current one with the registry's migrations (src/domain/collections.ts),
 * the assumed state as well as the new one: a field the device does not know
 * then reads as unchanged by it, and the merge keeps the server's value.
 */
import { z } from 'zod';
import { COLLECTIONS, upgradeDocument, type CollectionName } from '@waystation/domain/collections';
import {
  MAX_PUSH_ROWS,
  SCHEMA_VERSION_HEADER,
  type PushRow,
  type WireDocument,
} from '@waystation/protocol';
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

/**
 * The schema version a push declares (its X-Schema-Version header; absent
 * means 0, as sent by every device before the header existed).
 * @throws InputError invalid_query for a malformed value, schema_version_ahead for a version this server does not know yet
 */
export function parseSchemaVersion(collection: CollectionName, header: unknown): number {
  const raw = Array.isArray(header) ? header.at(-1) : header;
  if (raw === undefined) return 0;
  if (typeof raw !== 'string' || !/^\d{1,6}$/.test(raw.trim())) {
    throw new InputError('invalid_query', `${SCHEMA_VERSION_HEADER} must be a whole number`, [
      { path: SCHEMA_VERSION_HEADER, message: 'not a whole number' },
    ]);
  }
  const version = Number(raw.trim());
  const current = COLLECTIONS[collection].version;
  if (version > current) {
    throw new InputError(
      'schema_version_ahead',
      `This server knows ${collection} up to schema version ${current}, the push is shaped for version ${version}; ` +
        'nothing was stored, try again once the server is updated',
      [{ path: SCHEMA_VERSION_HEADER, message: `at most ${current}` }],
    );
  }
  return version;
}

/** The rows of `body` migrated from schema version `from`, anything malformed left for validation to name. */
function upgradeRows(collection: CollectionName, body: unknown, from: number): unknown {
  if (from >= COLLECTIONS[collection].version || !Array.isArray(body)) return body;
  return body.map((row: unknown) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
    const { assumedMasterState, newDocumentState, ...rest } = row as Record<string, unknown>;
    return {
      ...rest,
      ...(assumedMasterState === undefined
        ? {}
        : { assumedMasterState: upgradeDocument(collection, assumedMasterState, from) }),
      ...(newDocumentState === undefined
        ? {}
        : { newDocumentState: upgradeDocument(collection, newDocumentState, from) }),
    };
  });
}

/**
 * @param schemaVersion the version the rows are shaped for (parseSchemaVersion); default the current one
 */
export function parsePushRows(
  collection: CollectionName,
  body: unknown,
  schemaVersion: number = COLLECTIONS[collection].version,
): PushRow[] {
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
  const result = schema.safeParse(upgradeRows(collection, body, schemaVersion));
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
