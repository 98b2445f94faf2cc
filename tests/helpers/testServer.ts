/**
 * A real sync server over HTTP on 127.0.0.1 (random port) with its own
 * SQLite file in a temporary directory, for server, replication and browser
 * tests. Always `close()` it: that also removes the directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../sync-server/src/app';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import type { Store } from '../../sync-server/src/store/types';
import { deriveHousehold } from '../../src/domain/household';
import { derivePerson } from '../../src/domain/person';

export interface TestServer {
  url: string;
  store: Store;
  close(): Promise<void>;
}

export async function startTestServer(opts: { staticDir?: string } = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'waystation-test-'));
  const store = openSqliteStore(join(dir, 'waystation.sqlite'));
  await store.migrate();
  const app = buildApp({ store, ...(opts.staticDir ? { staticDir: opts.staticDir } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    async close() {
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------
// Helpers for tests that talk to the sync server over HTTP.

export type Doc = { id: string; _deleted: boolean } & Record<string, unknown>;

export interface PushRowInput {
  assumedMasterState: Doc | null;
  newDocumentState: Doc;
}

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

async function readJson<T>(response: Response): Promise<HttpResult<T>> {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

export async function pushRows(
  url: string,
  collection: string,
  rows: PushRowInput[],
  deviceId = 'test-device',
): Promise<HttpResult<Doc[]>> {
  const response = await fetch(`${url}/api/sync/${collection}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-id': deviceId },
    body: JSON.stringify(rows),
  });
  return readJson<Doc[]>(response);
}

export async function pullPage(
  url: string,
  collection: string,
  checkpoint?: { seq: number },
  limit = 100,
): Promise<{ documents: Doc[]; checkpoint: { seq: number } }> {
  const params = new URLSearchParams({ limit: String(limit) });
  if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint));
  const result = await readJson<{ documents: Doc[]; checkpoint: { seq: number } }>(
    await fetch(`${url}/api/sync/${collection}/pull?${params.toString()}`),
  );
  if (result.status !== 200) throw new Error(`pull ${collection} answered ${result.status}`);
  return result.body;
}

/** Every document of a collection, following checkpoints page by page. */
export async function pullAll(url: string, collection: string, limit = 100): Promise<Doc[]> {
  const all: Doc[] = [];
  let checkpoint: { seq: number } | undefined;
  for (;;) {
    const page = await pullPage(url, collection, checkpoint, limit);
    all.push(...page.documents);
    if (page.documents.length === 0) return all;
    checkpoint = page.checkpoint;
  }
}

const BASE_TIME = '2025-03-01T10:00:00.000Z';

function meta(id: string, overrides: Record<string, unknown>) {
  return {
    id,
    siteId: 'site-a',
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    updatedBy: 'volunteer-1',
    deviceId: 'tablet-1',
    _deleted: false,
    ...overrides,
  };
}

/** A valid household as a device would push it. Derived fields computed as the device would. */
export function householdDoc(id: string, overrides: Record<string, unknown> = {}): Doc {
  const doc: Record<string, unknown> = {
    ...meta(id, {}),
    familyName: 'Mensah',
    arrivalDate: '2025-03-01',
    arrivalMode: 'bus',
    needs: {
      food: true,
      shelter: true,
      clothing: false,
      hygiene: false,
      medicalScreening: false,
      legalOrientation: false,
    },
    destination: { city: 'Denver', country: 'US' },
    sponsor: { name: 'Ama Mensah', phone: '+1 303 555 0100' },
    consent: { dataSharing: true, photo: false },
    status: 'active',
    nameKey: '',
    ...overrides,
  };
  return deriveHousehold(doc as Doc & { familyName: string });
}

export function personDoc(id: string, householdId: string, overrides: Record<string, unknown> = {}): Doc {
  const doc: Record<string, unknown> = {
    ...meta(id, {}),
    householdId,
    givenName: 'Kofi',
    familyName: 'Mensah',
    sex: 'male',
    relationship: 'head',
    languages: ['en'],
    interpreterNeeded: false,
    nameKey: '',
    familyKey: '',
    ...overrides,
  };
  return derivePerson(doc as Doc & { givenName: string; familyName: string });
}

/** The same document as a later write by `who` on `device` at `at`. */
export function edited(
  doc: Doc,
  changes: Record<string, unknown>,
  by = { userId: 'volunteer-2', deviceId: 'tablet-2', at: '2025-03-01T11:00:00.000Z' },
): Doc {
  return { ...doc, ...changes, updatedBy: by.userId, deviceId: by.deviceId, updatedAt: by.at };
}
