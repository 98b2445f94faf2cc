/**
 * The server is authoritative. When a push is answered with the server's
 * current document, the server has already run its field-level three-way merge
 * (src/domain/merge.ts) and recorded real clashes as `conflicts` documents, so
 * the device takes the server's state as is. Resolving on the device as well
 * would merge twice and could diverge from what other devices receive.
 */
import type { RxConflictHandler } from 'rxdb';
import { isScopeTombstone } from '../domain/deviceScope';
import { deepEqual } from '../domain/merge';

/**
 * A record this device let go of because it left its scope
 * (deviceScopePurge.ts) is a tombstone written on the device alone: the
 * server keeps the record. Compared with what the server last sent, it is
 * "the same", so the upstream never pushes it as a deletion and the
 * downstream does not take it for an unpushed local write; only the
 * downstream's check of a newly pulled version against it tells the truth,
 * so a version the server sends again (the record back in scope) is stored.
 */
function isEqualForSync(a: unknown, b: unknown, context: string): boolean {
  if (context !== 'downstream-check-if-equal-1' && isScopeTombstone(b as { _deleted?: unknown; deviceId?: unknown })) {
    return true;
  }
  return deepEqual(a, b);
}

export function serverAuthoritativeConflictHandler<T>(): RxConflictHandler<T> {
  return {
    // Called very often (every upstream/downstream comparison): synchronous and
    // structural, so key order and absent-vs-undefined optional fields do not matter.
    isEqual: (a, b, context) => isEqualForSync(a, b, context),
    resolve: (input) => Promise.resolve(input.realMasterState),
  };
}
