/**
 * Enforces the access matrix (src/domain/access.ts) on sync: what a signed-in
 * user may pull and push. Every grant is also limited to the user's sites.
 *
 * Pull: the store filters by site; this module drops what the role may not
 * see (conflicts about collections it cannot read) and projects the rest
 * (a driver gets DRIVER_HOUSEHOLD_FIELDS of a household). RxDB stops pulling
 * when a page holds fewer documents than it asked for, so a page is filled up
 * to `limit` visible documents by scanning on, or ends at the end of the
 * collection; the checkpoint is the last document scanned. Epochs work as in
 * services/pull.ts: a checkpoint of another epoch pulls from the start.
 *
 * Push: a collection the roles may not write, or any row whose site (as sent,
 * or as the server has it now) is not one of the user's, refuses the whole
 * push with 403 before anything is written.
 */
import { canRead, grantFor, mayResolveConflictsOn, projectForRead } from '@waystation/domain/access';
import { withVisibleAttachments } from '@waystation/domain/attachments';
import type { CollectionName } from '@waystation/domain/collections';
import type { Checkpoint, PullResponse, PushRow, WireDocument } from '@waystation/protocol';
import type { Store, StoredDocument } from '../store/types';
import type { Principal } from './actor';
import type { ChangeNotifier } from './changes';
import { CONFLICTS_COLLECTION } from './conflicts';
import { InputError } from './errors';
import { pullScope, type PullScope } from './deviceScope';
import { resumePoint } from './pull';
import { push, type PushOutcome } from './push';

/** Ends the epoch of a checkpoint handed out during a device's first pass (see visiblePage). */
const FIRST_PASS = '-f';

export function forbidden(message: string): InputError {
  return new InputError('forbidden', message);
}

export function assertCanRead(principal: Principal, collection: CollectionName): void {
  if (!canRead(principal.roles, collection)) {
    throw forbidden(`Your role may not read ${collection}`);
  }
}

/** Whether a stored document is one this user may receive at all (its site is checked by the store). */
function isVisible(principal: Principal, collection: CollectionName, stored: StoredDocument): boolean {
  if (collection !== CONFLICTS_COLLECTION) return true;
  // A conflict goes to those who may resolve it (write the record): who resolves what is in the domain.
  const about = stored.doc.recordCollection ?? stored.doc.collection;
  return typeof about === 'string' && mayResolveConflictsOn(principal.roles, about);
}

export async function pullVisible(
  store: Store,
  principal: Principal,
  collection: CollectionName,
  checkpoint: Checkpoint | undefined,
  limit: number,
  count = false,
  now: Date = new Date(),
): Promise<PullResponse> {
  assertCanRead(principal, collection);
  const scope = await pullScope(store, principal, collection, now);
  const page = await visiblePage(store, principal, collection, checkpoint, limit, scope);
  // Counted once per page asked for it (a device's first pull of a session), never on every pull.
  return count
    ? { ...page, remaining: await store.countAfter(collection, page.checkpoint.seq, principal.siteIds) }
    : page;
}

async function visiblePage(
  store: Store,
  principal: Principal,
  collection: CollectionName,
  checkpoint: Checkpoint | undefined,
  limit: number,
  scope: PullScope | undefined,
): Promise<PullResponse> {
  const grant = grantFor(principal.roles, collection).read;
  const documents: WireDocument[] = [];
  // A device's first pass through the collection (from no checkpoint to the end) holds nothing older:
  // its checkpoints say so (FIRST_PASS), and it gets no tombstones for records out of its scope.
  const firstPass = !checkpoint || (checkpoint.epoch ?? '').endsWith(FIRST_PASS);
  const incoming =
    checkpoint?.epoch?.endsWith(FIRST_PASS) ? { ...checkpoint, epoch: checkpoint.epoch.slice(0, -FIRST_PASS.length) } : checkpoint;
  // As in services/pull.ts: another epoch, or a checkpoint from before a purge, starts from the beginning.
  const resume = await resumePoint(store, collection, incoming);
  const epoch = resume.epoch;
  // A full page: more may follow, still in the first pass.
  const full = (seq: number) => ({ documents, checkpoint: { seq, epoch: scope && firstPass ? `${epoch}${FIRST_PASS}` : epoch } });
  let cursor = resume.afterSeq;

  for (;;) {
    const page = await store.pull(collection, cursor, limit, principal.siteIds);
    for (const stored of page.documents) {
      cursor = stored.seq;
      if (!isVisible(principal, collection, stored)) continue;
      if (scope && !(await scope.includes(stored))) {
        // Out of the user's scope (deviceScope.ts): a device in its first pass never held it; one
        // pulling on may hold an older version, which this content-free tombstone removes.
        if (firstPass) continue;
        documents.push(scope.tombstone(stored.doc));
        if (documents.length === limit) return full(cursor);
        continue;
      }
      const projected = projectForRead(stored.doc, grant);
      if (projected) documents.push(withVisibleAttachments(principal, collection, projected as WireDocument));
      if (documents.length === limit) return full(cursor);
    }
    cursor = Math.max(cursor, page.lastSeq);
    if (page.documents.length < limit) return { documents, checkpoint: { seq: cursor, epoch } };
  }
}

function siteOf(doc: WireDocument): string {
  return typeof doc.siteId === 'string' ? doc.siteId : '';
}

/** A conflict's record collection, when the document is a conflict (else undefined). */
function conflictAbout(collection: CollectionName, doc: WireDocument | undefined): string | undefined {
  if (collection !== CONFLICTS_COLLECTION || !doc) return undefined;
  return typeof doc.recordCollection === 'string' ? doc.recordCollection : '';
}

/**
 * Refuses the push unless every row and every current version is in the
 * user's sites, and, for conflicts, is about a collection the user may
 * resolve (as sent and as the server has it).
 */
export function sitesAuthorizer(principal: Principal, collection: CollectionName) {
  const sites = new Set(principal.siteIds);
  return (rows: readonly PushRow[], current: ReadonlyMap<string, WireDocument>) => {
    for (const row of rows) {
      const id = row.newDocumentState.id;
      for (const about of [
        conflictAbout(collection, row.newDocumentState),
        conflictAbout(collection, current.get(id)),
      ]) {
        if (about !== undefined && !mayResolveConflictsOn(principal.roles, about)) {
          throw forbidden(
            `You may not resolve conflicts about ${about || 'that collection'} (conflict ${id}); nothing was stored`,
          );
        }
      }
      const sent = siteOf(row.newDocumentState);
      if (!sites.has(sent)) {
        throw forbidden(
          `You may not write ${collection} of site "${sent}" (record ${id}); nothing was stored`,
        );
      }
      const existing = current.get(id);
      if (existing && !sites.has(siteOf(existing))) {
        throw forbidden(
          `Record ${id} of ${collection} belongs to site "${siteOf(existing)}", which is not yours; nothing was stored`,
        );
      }
    }
  };
}

export async function pushAuthorized(
  deps: { store: Store; notifier?: ChangeNotifier; now?: () => string },
  principal: Principal,
  collection: CollectionName,
  body: unknown,
  schemaVersion?: number,
): Promise<PushOutcome> {
  if (!grantFor(principal.roles, collection).write) {
    throw forbidden(`Your role may not change ${collection}; nothing was stored`);
  }
  const outcome = await push(
    deps,
    collection,
    body,
    principal,
    sitesAuthorizer(principal, collection),
    schemaVersion,
  );
  // The answer is what the device stores: the documents it may not receive stay off it (attachments.ts).
  const documents = outcome.response.map((doc) => withVisibleAttachments(principal, collection, doc));
  return { ...outcome, response: documents };
}
