/**
 * The server is authoritative. When a push is answered with the server's
 * current document, the server has already run its field-level three-way merge
 * (src/domain/merge.ts) and recorded real clashes as `conflicts` documents, so
 * the device takes the server's state as is. Resolving on the device as well
 * would merge twice and could diverge from what other devices receive.
 */
import type { RxConflictHandler } from 'rxdb';
import { deepEqual } from '../domain/merge';

export function serverAuthoritativeConflictHandler<T>(): RxConflictHandler<T> {
  return {
    // Called very often (every upstream/downstream comparison): synchronous and
    // structural, so key order and absent-vs-undefined optional fields do not matter.
    isEqual: (a, b) => deepEqual(a, b),
    resolve: (input) => Promise.resolve(input.realMasterState),
  };
}
