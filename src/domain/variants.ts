/**
 * Where a record holds a variant object (a zod union, such as a call's
 * `outcome`: resolved on the call | escalated to a unit | voicemail), read
 * from the collection's own schema so that no list has to be kept in step.
 *
 * The three-way merge (merge.ts) takes such a value as ONE value: merging
 * two variants field by field mixes them ({kind: voicemail_followup, unitId})
 * into an object no variant allows. Two different variants are a clash of
 * the whole object.
 */
import { z } from 'zod';

/** A dotted path pattern; `*` stands for any key of a record (map) field. */
export type PathPattern = string;

function unwrapped(schema: z.ZodType): z.ZodType {
  let node = schema;
  for (;;) {
    if (node instanceof z.ZodOptional || node instanceof z.ZodNullable || node instanceof z.ZodDefault) {
      node = node.unwrap() as z.ZodType;
    } else if (node instanceof z.ZodReadonly) {
      node = node.unwrap() as z.ZodType;
    } else {
      return node;
    }
  }
}

function collect(schema: z.ZodType, prefix: string, out: PathPattern[]): void {
  const node = unwrapped(schema);
  if (node instanceof z.ZodUnion) {
    if (prefix) out.push(prefix);
    return;
  }
  if (node instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(node.shape as Record<string, z.ZodType>)) {
      collect(child, prefix ? `${prefix}.${key}` : key, out);
    }
    return;
  }
  if (node instanceof z.ZodRecord) {
    collect(node.valueType as z.ZodType, prefix ? `${prefix}.*` : '*', out);
  }
}

/** The paths of every union-typed value in `schema` (records' keys as `*`), outermost only. */
export function variantPaths(schema: z.ZodType): PathPattern[] {
  const out: PathPattern[] = [];
  collect(schema, '', out);
  return out;
}

/** Whether a concrete dotted path (e.g. "outcome", "log.e1.outcome") matches one of the patterns. */
export function matchesPath(patterns: readonly PathPattern[], path: string): boolean {
  const parts = path.split('.');
  return patterns.some((pattern) => {
    const wanted = pattern.split('.');
    return (
      wanted.length === parts.length && wanted.every((part, index) => part === '*' || part === parts[index])
    );
  });
}
