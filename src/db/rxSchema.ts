/**
 * RxDB JSON schemas derived from the zod schemas in the domain registry, so
 * the device store, the form and the server validate against one definition.
 *
 * zod's JSON Schema is close to what RxDB wants; the differences handled here:
 *  - RxDB rejects keywords it does not know at the top level ($schema), and
 *    wants `primaryKey`, `version`, `indexes` and `encrypted` beside `properties`;
 *  - every indexed string needs a `maxLength` (Dexie pads index keys to it) and
 *    every indexed number a range, which zod does not always emit (ISO dates, enums);
 *  - `format` is dropped: zod already emits an equivalent `pattern`, and RxDB's
 *    dev-mode validator (ajv, strict) would otherwise need every format known.
 */
import { z } from 'zod';
import type { RxJsonSchema } from 'rxdb';
import { COLLECTIONS, type CollectionName, type CollectionSpec } from '../domain/collections';

type JsonSchemaNode = Record<string, unknown>;

/** Longest ISO 8601 date-time we index: "2024-01-01T00:00:00.123456789+05:30" is 35 characters. */
const DATE_TIME_MAX_LENGTH = 40;
const DATE_MAX_LENGTH = 10;
/** Fallback for indexed strings the domain schema leaves unbounded. */
const INDEXED_STRING_MAX_LENGTH = 255;

function isNode(value: unknown): value is JsonSchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Removes `format` everywhere (see the note at the top of the file). */
function stripFormats(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripFormats);
  if (!isNode(node)) return node;
  const out: JsonSchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'format') continue;
    if (key === 'properties' && isNode(value)) {
      // A map of field names to schemas: a field may itself be called "format".
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, stripFormats(sub)]));
    } else out[key] = stripFormats(value);
  }
  return out;
}

/** Gives an indexed field the bounds RxDB needs to build a fixed-width index key. */
function boundForIndex(field: string, property: JsonSchemaNode, format: unknown): JsonSchemaNode {
  const type = property.type;
  if (type === 'string') {
    if (typeof property.maxLength === 'number') return property;
    let maxLength = INDEXED_STRING_MAX_LENGTH;
    if (Array.isArray(property.enum)) {
      maxLength = Math.max(...property.enum.map((value) => String(value).length));
    } else if (format === 'date-time') maxLength = DATE_TIME_MAX_LENGTH;
    else if (format === 'date') maxLength = DATE_MAX_LENGTH;
    return { ...property, maxLength };
  }
  if (type === 'number' || type === 'integer') {
    return {
      minimum: Number.MIN_SAFE_INTEGER,
      maximum: Number.MAX_SAFE_INTEGER,
      multipleOf: 1,
      ...property,
    };
  }
  if (type === 'boolean') return property;
  throw new Error(`Field "${field}" of type ${String(type)} cannot be indexed`);
}

export function toRxJsonSchema<T>(spec: CollectionSpec): RxJsonSchema<T> {
  const json = z.toJSONSchema(spec.schema, { io: 'output' }) as JsonSchemaNode;
  const rawProperties = isNode(json.properties) ? json.properties : {};
  const properties = Object.fromEntries(
    Object.entries(rawProperties).map(([name, sub]) => [name, stripFormats(sub)]),
  ) as Record<string, JsonSchemaNode>;
  const required = Array.isArray(json.required) ? (json.required as string[]) : [];
  const indexes = spec.indexes.map((fields) => [...fields]);
  const encrypted = [...spec.encrypted];

  const indexedFields = new Set(indexes.flat());
  for (const field of indexedFields) {
    const property = properties[field];
    if (!property) throw new Error(`Index on unknown field "${field}"`);
    if (!required.includes(field)) {
      // RxDB cannot index a field that may be missing: the key would be undefined.
      throw new Error(`Indexed field "${field}" must be required`);
    }
    const format = isNode(rawProperties[field]) ? rawProperties[field].format : undefined;
    properties[field] = boundForIndex(field, property, format);
  }
  for (const field of encrypted) {
    if (!properties[field]) throw new Error(`Encrypted field "${field}" is not in the schema`);
    if (indexedFields.has(field)) throw new Error(`Encrypted field "${field}" cannot be indexed`);
  }

  const schema = {
    version: spec.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required,
    // RxDB adds its own meta fields (_rev, _meta, _deleted, _attachments) next to these.
    additionalProperties: false,
    indexes: indexes.map((fields) => (fields.length === 1 ? fields[0]! : fields)),
    ...(encrypted.length > 0 ? { encrypted } : {}),
  };
  return schema as unknown as RxJsonSchema<T>;
}

/** The RxDB schema of every synced collection, by name. */
export function rxSchemas(): Record<CollectionName, RxJsonSchema<Record<string, unknown>>> {
  const entries = (Object.keys(COLLECTIONS) as CollectionName[]).map(
    (name) => [name, toRxJsonSchema<Record<string, unknown>>(COLLECTIONS[name])] as const,
  );
  return Object.fromEntries(entries) as Record<CollectionName, RxJsonSchema<Record<string, unknown>>>;
}
