/**
 * A fresh collection's snapshot pages written straight into the device store
 * and RxDB's replication meta, as RxDB's downstream would write them, without
 * the downstream's reads.
 *
 * Why: for every batch the downstream reads the fork (`findDocumentsById`) and
 * the meta (`getAssumedMasterState`) before writing both, and compares each
 * document twice with the conflict handler. For a document the device has
 * never held both reads miss and both comparisons are false, so the rows it
 * writes are fully determined: this module writes those rows (the fork
 * document with `_meta.o` naming this replication, the meta row with the
 * server's version) through the same storage instances, with the
 * downstream's own write context so the upstream knows they came from the
 * server and pushes nothing back.
 *
 * A document the device already holds (an offline record the upstream pushed
 * while the device was bootstrapping, or a fork row left by a bootstrap cut
 * short before its meta was written) is refused by the store as a conflict
 * (an insert of an existing id) and handed back: the caller returns it to
 * RxDB's downstream, which decides it as for any pull.
 * `tests/sync/snapshotBootstrap.test.ts` checks that a bootstrapped device
 * ends row for row as one that pulled page by page.
 */
import {
  createRevision,
  getDefaultRevision,
  getMetaWriteRow,
  now,
  setCheckpoint,
  type BulkWriteRow,
  type RxDocumentData,
  type RxStorageInstanceReplicationState,
  type RxStorageReplicationMeta,
  type WithDeleted,
} from 'rxdb';

/** The part of RxDB's replication state (`RxReplicationState`) this module reads. */
export interface BootstrapTarget<D> {
  readonly internalReplicationState?: RxStorageInstanceReplicationState<D>;
}

/** Writes one page of documents new to this device; answers those it must leave to RxDB's downstream. */
export async function writeBootstrapPage<D>(
  target: BootstrapTarget<D>,
  documents: readonly WithDeleted<D>[],
): Promise<WithDeleted<D>[]> {
  const state = target.internalReplicationState;
  // Not started, or a server document carrying a revision (RxDB then keeps more meta): the ordinary path.
  if (!state || documents.some((doc) => '_rev' in (doc as object))) return [...documents];
  if (documents.length === 0) return [];
  const primaryPath = state.primaryPath as string;
  const idOf = (doc: WithDeleted<D>) => String((doc as Record<string, unknown>)[primaryPath]);
  const identifierHash = await state.input.hashFunction(state.input.identifier);
  const context = await state.downstreamBulkWriteFlag;

  const forkRows: BulkWriteRow<D>[] = documents.map((doc) => {
    const document = {
      ...doc,
      _meta: { lwt: now(), o: { _rev: 1, hash: identifierHash } },
      _rev: getDefaultRevision(),
      _attachments: {},
    } as unknown as RxDocumentData<D>;
    document._rev = createRevision(identifierHash);
    return { document };
  });
  const written = await state.input.forkInstance.bulkWrite(forkRows, context);
  const refused = new Set<string>();
  for (const error of written.error) {
    if (error.status !== 409) throw new Error(`Bootstrap write refused ${error.documentId}: ${error.status}`);
    refused.add(error.documentId);
  }

  const metaRows: BulkWriteRow<RxStorageReplicationMeta<D, unknown>>[] = [];
  for (const doc of documents) {
    if (!refused.has(idOf(doc))) metaRows.push(await getMetaWriteRow(state, doc));
  }
  if (metaRows.length > 0) {
    const meta = await state.input.metaInstance.bulkWrite(metaRows, 'replication-down-write-meta');
    const failed = meta.error[0];
    if (failed) throw new Error(`Bootstrap meta write refused ${failed.documentId}: ${failed.status}`);
  }
  for (const row of forkRows) {
    if (!refused.has(idOf(row.document as WithDeleted<D>))) state.events.processed.down.next(row as never);
  }
  return documents.filter((doc) => refused.has(idOf(doc)));
}

/** Saves the pull checkpoint after the last page, as the downstream does after a batch it wrote. */
export async function saveBootstrapCheckpoint<D, C>(
  target: BootstrapTarget<D>,
  checkpoint: C,
): Promise<void> {
  const state = target.internalReplicationState;
  if (!state) throw new Error('The replication has not started');
  await setCheckpoint(state, 'down', checkpoint);
  await state.checkpointQueue;
}
