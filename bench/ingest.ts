/**
 * Server ingest: many devices pushing at once over loopback HTTP, as after a
 * network outage ends at a busy site. Each device pushes rounds of new
 * households and people; 10% of its rows edit one of a small set of shared
 * households that every device also edits (same field, so the server must
 * merge, keep one value and record the other as a conflict).
 *
 * Afterwards every accepted write is accounted for: a new record must be on
 * the server exactly as sent; an edit's value must be the record's current
 * value, or be in a conflict record, or have been replaced by a later write
 * whose author had seen it (its assumedMasterState held that value).
 */
import { COLLECTIONS, upgradeDocument, type CollectionName } from '../src/domain/collections';
import { deepEqual } from '../src/domain/merge';
import { SCHEMA_VERSION_HEADER, type PushRow, type WireDocument } from '../src/sync/protocol';
import { generateDataset } from './dataset';
import { startBenchServer } from './serverProcess';

export interface IngestOptions {
  devices: number;
  rounds: number;
  rowsPerPush: number;
  /** Share of rows that edit the shared households. */
  sharedShare: number;
  sharedRecords: number;
  sites: readonly string[];
  postgres?: { url: string; schema: string };
  seedFile: (dataset: Record<string, WireDocument[]>) => string;
}

export interface IngestResult {
  docsPerSecond: number;
  p95Ms: number;
  p50Ms: number;
  accepted: number;
  failedRequests: number;
  lost: number;
  conflicts: number;
  seconds: number;
  /**
   * Seconds from the last push's answer until every person pushed with a date
   * of birth had a verifier (the follower hashes after the pushes are
   * answered: sync-server/src/services/verifierFollower.ts).
   */
  verifiersDoneSecondsAfter: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * How many documents of a collection the bench user reads on the server, from
 * one pull of one document that also asks how many remain (cheap enough to
 * poll while the server works, unlike pulling them all).
 */
export async function serverCount(url: string, token: string, collection: string): Promise<number> {
  const response = await fetch(`${url}/api/sync/${collection}/pull?limit=1&count=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`count ${collection}: ${response.status}`);
  const page = (await response.json()) as { documents: unknown[]; remaining?: number };
  return page.documents.length + (page.remaining ?? 0);
}

async function pullAll(url: string, token: string, collection: string): Promise<WireDocument[]> {
  const all: WireDocument[] = [];
  let checkpoint: unknown;
  for (;;) {
    const params = new URLSearchParams({ limit: '1000' });
    if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint));
    const response = await fetch(`${url}/api/sync/${collection}/pull?${params}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`pull ${collection}: ${response.status}`);
    const page = (await response.json()) as { documents: WireDocument[]; checkpoint: unknown };
    all.push(...page.documents);
    if (page.documents.length === 0) return all;
    checkpoint = page.checkpoint;
  }
}

interface Edit {
  id: string;
  value: string;
  assumedValue: unknown;
}

export async function measureIngest(options: IngestOptions): Promise<IngestResult> {
  const shared = generateDataset({
    seed: 7,
    documents: options.sharedRecords,
    siteIds: options.sites,
    idPrefix: 'shared',
  }).households.slice(0, options.sharedRecords);
  const server = await startBenchServer({
    sites: options.sites,
    sessions: options.devices,
    seedFile: options.seedFile({ households: shared }),
    ...(options.postgres ? { postgres: options.postgres } : {}),
  });
  try {
    const perDevice = options.rounds * options.rowsPerPush;
    const latencies: number[] = [];
    const newDocs: { collection: CollectionName; doc: WireDocument }[] = [];
    const edits: Edit[] = [];
    let accepted = 0;
    let failedRequests = 0;

    const device = async (index: number) => {
      const token = server.tokens[index]!;
      const own = generateDataset({
        seed: 1000 + index,
        documents: perDevice,
        siteIds: options.sites,
        idPrefix: `d${index}`,
      });
      const queues: Record<string, WireDocument[]> = {
        households: [...own.households],
        people: [...own.people],
      };
      const masters = new Map(shared.map((doc) => [doc.id, doc]));
      let editSerial = 0;
      for (let round = 0; round < options.rounds; round++) {
        // Alternate collections so both tables take writes; shared edits ride on household pushes.
        const collection: CollectionName = round % 2 === 0 ? 'households' : 'people';
        const rows: PushRow[] = [];
        const sharedRows =
          collection === 'households' ? Math.round(options.rowsPerPush * options.sharedShare) : 0;
        const roundEdits: Edit[] = [];
        const roundNew: { collection: CollectionName; doc: WireDocument }[] = [];
        for (let i = 0; i < sharedRows; i++) {
          const target = shared[(index * 7 + round * 13 + i * 31) % shared.length]!;
          const master = masters.get(target.id)!;
          const value = `+1 555 ${index}-${editSerial++}`;
          const at = new Date(
            Date.parse('2026-06-02T00:00:00.000Z') + index * 1000 + editSerial,
          ).toISOString();
          rows.push({
            assumedMasterState: master,
            newDocumentState: {
              ...master,
              contactPhone: value,
              updatedAt: at,
              deviceId: `bench-device-${index}`,
              updatedBy: 'bench',
            },
          });
          roundEdits.push({ id: target.id, value, assumedValue: master.contactPhone });
        }
        const queue = queues[collection]!;
        while (rows.length < options.rowsPerPush && queue.length > 0) {
          const doc = queue.shift()!;
          rows.push({ assumedMasterState: null, newDocumentState: doc });
          roundNew.push({ collection, doc });
        }
        const started = performance.now();
        const response = await fetch(`${server.url}/api/sync/${collection}/push`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'x-device-id': `bench-device-${index}`,
            // As the app sends it: rows in the current schema version, stored as sent.
            [SCHEMA_VERSION_HEADER]: String(COLLECTIONS[collection].version),
          },
          body: JSON.stringify(rows),
        });
        const body = (await response.json()) as WireDocument[];
        latencies.push(performance.now() - started);
        if (!response.ok) {
          failedRequests += 1;
          continue;
        }
        accepted += rows.length;
        const returned = new Map(body.map((doc) => [doc.id, doc]));
        edits.push(...roundEdits);
        newDocs.push(...roundNew);
        for (const row of rows) {
          if (masters.has(row.newDocumentState.id)) {
            masters.set(
              row.newDocumentState.id,
              returned.get(row.newDocumentState.id) ?? row.newDocumentState,
            );
          }
        }
      }
    };

    const started = performance.now();
    await Promise.all(Array.from({ length: options.devices }, (_, index) => device(index)));
    const ended = performance.now();
    const seconds = (ended - started) / 1000;

    // Account for every accepted write.
    const token = server.tokens[0]!;
    const [households, people, conflicts] = await Promise.all(
      ['households', 'people', 'conflicts'].map((c) => pullAll(server.url, token, c)),
    );
    const onServer = new Map<string, WireDocument>();
    for (const doc of households!) onServer.set(`households/${doc.id}`, doc);
    for (const doc of people!) onServer.set(`people/${doc.id}`, doc);
    let lost = 0;
    for (const { collection, doc } of newDocs) {
      // The server reads every document in the current schema shape (fields a later version added are filled in).
      if (!deepEqual(onServer.get(`${collection}/${doc.id}`), upgradeDocument(collection, doc))) lost += 1;
    }
    const inConflicts = new Set<string>();
    for (const conflict of conflicts!) {
      const c = conflict as unknown as {
        recordId: string;
        kept: { valueJson: string };
        rejected: { valueJson: string };
      };
      inConflicts.add(`${c.recordId}/${c.kept.valueJson}`);
      inConflicts.add(`${c.recordId}/${c.rejected.valueJson}`);
    }
    // The verifiers come after the answers: how long after the last one the follower had made them all.
    const subjects = new Set(
      newDocs.filter(({ collection, doc }) => collection === 'people' && doc.dateOfBirth).map(({ doc }) => doc.id),
    ).size;
    while ((await serverCount(server.url, token, 'verifiers')) < subjects) {
      if (performance.now() - ended > 600_000) throw new Error('the verifiers were not all made in 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const verifiersDoneSecondsAfter = (performance.now() - ended) / 1000;
    const seen = new Set(edits.map((edit) => `${edit.id}/${JSON.stringify(edit.assumedValue)}`));
    for (const edit of edits) {
      const current = onServer.get(`households/${edit.id}`)?.contactPhone;
      const key = `${edit.id}/${JSON.stringify(edit.value)}`;
      if (current !== edit.value && !inConflicts.has(key) && !seen.has(key)) lost += 1;
    }
    return {
      docsPerSecond: accepted / seconds,
      p95Ms: percentile(latencies, 95),
      p50Ms: percentile(latencies, 50),
      accepted,
      failedRequests,
      lost,
      conflicts: conflicts!.length,
      seconds,
      verifiersDoneSecondsAfter,
    };
  } finally {
    await server.stop();
  }
}
