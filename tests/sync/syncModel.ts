/**
 * A simulated device that follows RxDB's replication semantics closely enough
 * to test the server's merge under many devices:
 *  - the device keeps, per document, its local state and the master state it
 *    last saw (the "assumed master");
 *  - push sends {assumedMasterState, newDocumentState} for every document whose
 *    local state differs from the assumed master; rows the server returns are
 *    taken as the new local and assumed state (the server is authoritative),
 *    the others are now the assumed state;
 *  - pull overwrites a document only when it has no unpushed local change
 *    (RxDB keeps the fork's change and lets the next push resolve it).
 */
import { deepEqual } from '../../src/domain/merge';
import type { Checkpoint, PullResponse, PushRow, WireDocument } from '../../src/sync/protocol';

export interface SyncServer {
  push(collection: string, rows: PushRow[]): Promise<WireDocument[]>;
  pull(collection: string, checkpoint: Checkpoint | undefined, limit: number): Promise<PullResponse>;
}

interface Entry {
  local: WireDocument;
  assumed: WireDocument | null;
}

export class SimulatedDevice {
  readonly docs = new Map<string, Map<string, Entry>>();
  private readonly checkpoints = new Map<string, Checkpoint>();

  /** `pullPageSize`: documents per pull request (the app's replication asks for 200). */
  constructor(
    readonly deviceId: string,
    private readonly pullPageSize = 50,
  ) {}

  private collection(name: string): Map<string, Entry> {
    let map = this.docs.get(name);
    if (!map) {
      map = new Map();
      this.docs.set(name, map);
    }
    return map;
  }

  get(collection: string, id: string): WireDocument | undefined {
    return this.collection(collection).get(id)?.local;
  }

  ids(collection: string): string[] {
    return [...this.collection(collection).keys()];
  }

  /** A local write, as an operation in the app would make it. */
  write(collection: string, doc: WireDocument): void {
    const map = this.collection(collection);
    const entry = map.get(doc.id);
    if (entry) entry.local = doc;
    else map.set(doc.id, { local: doc, assumed: null });
  }

  pendingCount(): number {
    let count = 0;
    for (const map of this.docs.values()) {
      for (const entry of map.values()) if (!deepEqual(entry.local, entry.assumed)) count++;
    }
    return count;
  }

  async push(server: SyncServer, collection: string): Promise<void> {
    const map = this.collection(collection);
    const rows: PushRow[] = [];
    for (const entry of map.values()) {
      if (!deepEqual(entry.local, entry.assumed)) {
        rows.push({ assumedMasterState: entry.assumed, newDocumentState: entry.local });
      }
    }
    if (rows.length === 0) return;
    const returned = await server.push(collection, rows);
    const byId = new Map(returned.map((doc) => [doc.id, doc]));
    for (const row of rows) {
      const entry = map.get(row.newDocumentState.id);
      if (!entry) continue;
      const master = byId.get(row.newDocumentState.id);
      if (master) {
        entry.local = master;
        entry.assumed = master;
      } else {
        entry.assumed = row.newDocumentState;
      }
    }
  }

  async pull(server: SyncServer, collection: string): Promise<void> {
    const map = this.collection(collection);
    for (;;) {
      const page = await server.pull(collection, this.checkpoints.get(collection), this.pullPageSize);
      for (const master of page.documents) {
        const entry = map.get(master.id);
        if (!entry) map.set(master.id, { local: master, assumed: master });
        else if (deepEqual(entry.local, entry.assumed)) {
          entry.local = master;
          entry.assumed = master;
        }
        // else: an unpushed local change — keep it; the next push carries the old assumed master.
      }
      this.checkpoints.set(collection, page.checkpoint);
      if (page.documents.length === 0) return;
    }
  }
}
