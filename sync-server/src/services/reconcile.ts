/**
 * The decision for one pushed row, as a pure function: given what the device
 * assumed the server had, what the server has, and what the device sent,
 * which version should the server store, and which same-field clashes must
 * become conflict records. No storage, no HTTP: the push service applies it.
 */
import type { CollectionSpec } from '../../../src/domain/collections';
import { deepEqual, threeWayMerge, type FieldClash } from '../../../src/domain/merge';
import type { WireDocument } from '../../../src/sync/protocol';

export interface Reconciliation {
  /** The version to store, or null when the stored version stays as it is. */
  next: WireDocument | null;
  clashes: FieldClash[];
}

/** The version as stored: fields the collection computes (search keys) recomputed. */
export function derived(spec: CollectionSpec, doc: WireDocument): WireDocument {
  return spec.derive ? (spec.derive(doc) as WireDocument) : doc;
}

/**
 * A field the collection recomputes from other fields (e.g. a search key) is
 * not a real clash: it follows the fields it is computed from. We detect it
 * by planting a marker in the field and seeing whether `derive` overwrites it.
 */
const MARKER = '\u0000waystation-derived-probe';

function isDerivedField(spec: CollectionSpec, doc: WireDocument, path: string): boolean {
  if (!spec.derive || path.includes('.')) return false;
  return spec.derive({ ...doc, [path]: MARKER })[path] !== MARKER;
}

export function reconcile(
  spec: CollectionSpec,
  assumed: WireDocument | null,
  current: WireDocument | undefined,
  incoming: WireDocument,
): Reconciliation {
  if (current === undefined) {
    return { next: derived(spec, incoming), clashes: [] };
  }
  if (deepEqual(current, assumed)) {
    // The device saw exactly what the server has: its write simply goes next.
    const next = derived(spec, incoming);
    return { next: deepEqual(next, current) ? null : next, clashes: [] };
  }
  const merge = threeWayMerge<WireDocument>(assumed, current, incoming);
  const clashes = merge.clashes.filter((clash) => !isDerivedField(spec, merge.merged, clash.path));
  const next = merge.changed ? derived(spec, merge.merged) : null;
  return { next: next && !deepEqual(next, current) ? next : null, clashes };
}
