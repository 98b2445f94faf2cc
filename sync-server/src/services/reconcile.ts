/**
 * The decision for one pushed row, as a pure function: given what the device
 * assumed the server had, what the server has, and what the device sent,
 * which version should the server store, and which clashes must become
 * conflict records. No storage, no HTTP: the push service applies it.
 *
 * Three rules on top of the field-by-field merge (src/domain/merge.ts):
 *  - Delete versus edit. When one side deleted the record (relative to the
 *    assumed version) and the other changed what it says, the record is
 *    stored deleted and the edit becomes a conflict of field '_deleted'
 *    (encoding: src/domain/conflict.ts, DELETED_FIELD). A deletion whose
 *    other side changed no content is a plain deletion.
 *  - Variant objects (zod unions, e.g. a call's outcome) merge as one value.
 *  - The merged record must pass the collection's schema. If it would not,
 *    the committed record stays as it is and every top-level field the
 *    device changed and did not get becomes an ordinary field conflict
 *    (kept: the committed value, rejected: the device's value), each of
 *    which a coordinator resolves like any clash.
 */
import { COLLECTIONS, type CollectionName } from '@waystation/domain/collections';
import { DELETED_FIELD, recordContent } from '@waystation/domain/conflict';
import { deepEqual, threeWayMerge, type FieldClash } from '@waystation/domain/merge';
import { matchesPath, variantPaths } from '@waystation/domain/variants';
import { WRITE_META_KEYS } from '@waystation/domain/common';
import type { WireDocument } from '@waystation/protocol';
import { wireSchema } from './wireSchema';

export interface Clash extends FieldClash {
  /** The kept value is the pushed row's (a deletion arriving after an edit); otherwise the stored one's. */
  keptFromIncoming?: true;
}

export interface Reconciliation {
  /** The version to store, or null when the stored version stays as it is. */
  next: WireDocument | null;
  clashes: Clash[];
}

/** What reconcile needs to know of a collection. */
export interface MergeRules {
  /** Recomputes derived fields (search keys, queue fields). */
  derive?: (doc: Record<string, unknown>) => Record<string, unknown>;
  /** Whether a path holds a variant object, merged as one value. */
  atomic: (path: string) => boolean;
  /** Whether a version may be stored (the collection's wire schema). */
  isValid: (doc: WireDocument) => boolean;
}

const rulesCache = new Map<CollectionName, MergeRules>();

export function rulesFor(collection: CollectionName): MergeRules {
  let rules = rulesCache.get(collection);
  if (!rules) {
    const spec = COLLECTIONS[collection];
    const variants = variantPaths(spec.schema);
    const schema = wireSchema(collection);
    rules = {
      ...('derive' in spec ? { derive: spec.derive } : {}),
      atomic: (path) => matchesPath(variants, path),
      isValid: (doc) => schema.safeParse(doc).success,
    };
    rulesCache.set(collection, rules);
  }
  return rules;
}

/** The version as stored: fields the collection computes (search keys) recomputed. */
export function derived(rules: Pick<MergeRules, 'derive'>, doc: WireDocument): WireDocument {
  return rules.derive ? (rules.derive(doc) as WireDocument) : doc;
}

/**
 * A field the collection recomputes from other fields (e.g. a search key) is
 * not a real clash: it follows the fields it is computed from. We detect it
 * by planting a marker in the field and seeing whether `derive` overwrites it.
 */
const MARKER = '\u0000waystation-derived-probe';

function isDerivedField(rules: MergeRules, doc: WireDocument, path: string): boolean {
  if (!rules.derive || path.includes('.')) return false;
  return rules.derive({ ...doc, [path]: MARKER })[path] !== MARKER;
}

function contentChanged(base: WireDocument | null, doc: WireDocument): boolean {
  return !deepEqual(recordContent(base ?? {}), recordContent(doc));
}

/** The '_deleted' clash: the deletion is kept, the edit's whole content is what was set aside. */
function deletionClash(base: WireDocument | null, edit: WireDocument, keptFromIncoming: boolean): Clash {
  return {
    path: DELETED_FIELD,
    base: base ? recordContent(base) : undefined,
    kept: true,
    rejected: recordContent(edit),
    ...(keptFromIncoming ? { keptFromIncoming: true as const } : {}),
  };
}

const META = new Set<string>([...WRITE_META_KEYS, 'id', 'siteId', 'createdAt', DELETED_FIELD]);

/**
 * A merge the schema refuses: the committed record stays, and each top-level
 * field the device changed that the committed record does not hold becomes
 * a clash, so nothing the device wrote is dropped unseen.
 */
function refusedMergeClashes(
  rules: MergeRules,
  base: WireDocument | null,
  current: WireDocument,
  incoming: WireDocument,
): Clash[] {
  const keys = new Set([...Object.keys(current), ...Object.keys(incoming)]);
  const clashes: Clash[] = [];
  for (const key of keys) {
    if (META.has(key) || isDerivedField(rules, current, key)) continue;
    const b = base?.[key];
    if (deepEqual(incoming[key], b) || deepEqual(incoming[key], current[key])) continue;
    clashes.push({ path: key, base: b, kept: current[key], rejected: incoming[key] });
  }
  return clashes;
}

/** The committed record, deleted by the pushed row's writer (when the merged deletion would not be valid). */
function deletedAsIs(rules: MergeRules, current: WireDocument, incoming: WireDocument): WireDocument {
  const meta = Object.fromEntries(WRITE_META_KEYS.map((key) => [key, incoming[key]]));
  return derived(rules, { ...current, ...meta, _deleted: true });
}

export function reconcileWith(
  rules: MergeRules,
  assumed: WireDocument | null,
  current: WireDocument | undefined,
  incoming: WireDocument,
): Reconciliation {
  if (current === undefined) {
    return { next: derived(rules, incoming), clashes: [] };
  }
  if (deepEqual(current, assumed)) {
    // The device saw exactly what the server has: its write simply goes next.
    const next = derived(rules, incoming);
    return { next: deepEqual(next, current) ? null : next, clashes: [] };
  }

  const baseDeleted = assumed?._deleted === true;
  if (!baseDeleted && current._deleted === true && incoming._deleted !== true) {
    // Deleted meanwhile. The deletion stands either way; an edit is set aside for someone to decide.
    return {
      next: null,
      clashes: contentChanged(assumed, incoming) ? [deletionClash(assumed, incoming, false)] : [],
    };
  }
  const deletesEdited =
    !baseDeleted &&
    incoming._deleted === true &&
    current._deleted !== true &&
    contentChanged(assumed, current);

  const merge = threeWayMerge<WireDocument>(assumed, current, incoming, { atomic: rules.atomic });
  const next = merge.changed ? derived(rules, merge.merged) : null;
  if (deletesEdited) {
    // The deletion is stored, holding the edited content (never shown as live); only the
    // deletion-versus-edit question is raised, not each field the two sides touched.
    const deletion = next && rules.isValid(next) ? next : deletedAsIs(rules, current, incoming);
    return { next: deletion, clashes: [deletionClash(assumed, current, true)] };
  }
  if (next && !rules.isValid(next)) {
    return { next: null, clashes: refusedMergeClashes(rules, assumed, current, incoming) };
  }
  const clashes = merge.clashes.filter((clash) => !isDerivedField(rules, merge.merged, clash.path));
  return { next: next && !deepEqual(next, current) ? next : null, clashes };
}

export function reconcile(
  collection: CollectionName,
  assumed: WireDocument | null,
  current: WireDocument | undefined,
  incoming: WireDocument,
): Reconciliation {
  return reconcileWith(rulesFor(collection), assumed, current, incoming);
}
