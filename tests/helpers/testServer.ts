/**
 * A real sync server over HTTP on 127.0.0.1 (random port) with its own
 * SQLite file in a temporary directory, for server, replication and browser
 * tests. Always `close()` it: that also removes the directory.
 *
 * Every /api route except health and login needs a session, so the server
 * comes with a signed-in default user (`token`, `authHeaders`): a coordinator
 * in sites "site-a" and "site-1", who may read and write every collection.
 * `createUser(server, { roles, siteIds })` makes others, already signed in.
 * The request helpers below take the server (or any { url, token }); given a
 * bare URL they use that server's default user.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { afterEach, beforeEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Role } from '../../src/domain/access';
import type { SessionUser } from '../../src/domain/accounts';
import type { AttachmentLimits } from '../../sync-server/src/attachments/attachmentService';
import { DirectoryBlobStore, type BlobStore } from '../../sync-server/src/attachments/blobStore';
import { randomBytes } from 'node:crypto';
import { buildApp, type AppOptions } from '../../sync-server/src/app';
import type { VerifierFollower } from '../../sync-server/src/services/verifierFollower';
import type { ProtocolOptions } from '../../sync-server/src/routes/protocolVersion';
import {
  DEFAULT_AUTH_SETTINGS,
  openSession,
  sessionUserOf,
  type AuthSettings,
} from '../../sync-server/src/services/auth';
import type { ChangeNotifier } from '../../sync-server/src/services/changes';
import { hashPassword } from '../../sync-server/src/services/passwords';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import type { Store, UserRecord } from '../../sync-server/src/store/types';
import { deriveHousehold } from '../../src/domain/household';
import { derivePerson } from '../../src/domain/person';

export const DEFAULT_TEST_SITES = ['site-a', 'site-1'];

/** Where to send a request and as whom. */
export interface Client {
  url: string;
  token: string;
}

export interface TestServer extends Client {
  store: Store;
  /** The default user (coordinator of DEFAULT_TEST_SITES); `token` is their session. */
  user: SessionUser;
  /** `Authorization: Bearer <token>` of the default user, e.g. for startSync's getHeaders. */
  authHeaders: Record<string, string>;
  /** The default user's session on another device (the server takes the device from the session). */
  deviceHeaders(deviceId: string): Promise<Record<string, string>>;
  auth: AuthSettings;
  /** Where the server keeps documents' content (blobs/<2 hex>/<sha256>, encrypted). */
  attachmentsDir: string;
  /** The server's clock (see TestServerOptions.clock). */
  now(): Date;
  /** Writes verifiers after pushes of people and sensitive records; `settle()` waits for it to catch up. */
  verifiers: VerifierFollower;
  close(): Promise<void>;
}

export interface TestServerOptions {
  staticDir?: string;
  notifier?: ChangeNotifier;
  streamHeartbeatMs?: number;
  auth?: Partial<AuthSettings>;
  /** The server's clock; default the real one. Tests move it to expire sessions and locks. */
  clock?: () => Date;
  /** See AppOptions.requestTimeoutMs. */
  requestTimeoutMs?: number;
  /** See AppOptions.behindTls. */
  behindTls?: boolean;
  /** See AppOptions.protocol: pretend to be an older or newer release. */
  protocol?: ProtocolOptions;
  /** Caps of documents (default: the server's defaults). */
  attachmentLimits?: Partial<AttachmentLimits>;
  /** The documents' key at rest (default: a random one), so a test can open the same directory again. */
  attachmentKey?: Buffer;
  /** Another documents' store (e.g. the S3 one) instead of a directory in the server's temporary dir. */
  blobs?: BlobStore;
  /** See AppOptions.messaging: the message provider and Twilio's webhook settings. */
  messaging?: AppOptions['messaging'];
  /** Another store (e.g. PostgreSQL) instead of a fresh SQLite file; migrated and closed by the server. */
  store?: Store;
}

const defaultTokens = new Map<string, string>();
/** Per server: opens a session of the default user bound to another device (the server trusts the session's device). */
const deviceSessions = new Map<string, (deviceId: string) => Promise<string>>();

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'waystation-test-'));
  const store = opts.store ?? openSqliteStore(join(dir, 'waystation.sqlite'));
  await store.migrate();
  const now = opts.clock ?? (() => new Date());
  const auth = { ...DEFAULT_AUTH_SETTINGS, ...opts.auth };
  const app = buildApp({
    store,
    auth,
    clock: now,
    ...(opts.staticDir ? { staticDir: opts.staticDir } : {}),
    ...(opts.notifier ? { notifier: opts.notifier } : {}),
    ...(opts.streamHeartbeatMs === undefined ? {} : { streamHeartbeatMs: opts.streamHeartbeatMs }),
    ...(opts.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: opts.requestTimeoutMs }),
    ...(opts.behindTls === undefined ? {} : { behindTls: opts.behindTls }),
    ...(opts.protocol ? { protocol: opts.protocol } : {}),
    attachments: {
      blobs:
        opts.blobs ?? new DirectoryBlobStore(join(dir, 'attachments'), opts.attachmentKey ?? randomBytes(32)),
      ...(opts.attachmentLimits ? { limits: opts.attachmentLimits } : {}),
    },
    ...(opts.messaging ? { messaging: opts.messaging } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const base = { url, store, auth, now, attachmentsDir: join(dir, 'attachments'), verifiers: app.verifiers };
  // The sites test documents use; "site-b" is one the default user is not in.
  await store.transaction(async (tx) => {
    const at = now().toISOString();
    for (const id of [...DEFAULT_TEST_SITES, 'site-b']) {
      await tx.putSite({ id, name: `Site ${id}`, kind: 'welcome_center', createdAt: at, updatedAt: at });
    }
  });
  const { token, user } = await signedInUser(base, {
    username: 'tester',
    roles: ['coordinator'],
    siteIds: DEFAULT_TEST_SITES,
  });
  defaultTokens.set(url, token);
  const tokensByDevice = new Map<string, Promise<string>>();
  const openOnDevice = (deviceId: string): Promise<string> => {
    if (deviceId === 'test-device') return Promise.resolve(token);
    let opened = tokensByDevice.get(deviceId);
    if (!opened) {
      opened = store.getUser(user.id).then(async (record) => {
        if (!record) throw new Error('The default test user is gone');
        return (await openSession({ store, settings: auth, now }, record, deviceId)).token;
      });
      tokensByDevice.set(deviceId, opened);
    }
    return opened;
  };
  deviceSessions.set(url, openOnDevice);
  return {
    ...base,
    token,
    user,
    authHeaders: bearer(token),
    async deviceHeaders(deviceId) {
      return bearer(await openOnDevice(deviceId));
    },
    async close() {
      defaultTokens.delete(url);
      deviceSessions.delete(url);
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh server for each test of a file: started before the test, closed
 * after it. The object returned stands for the running test's server.
 */
export function serverPerTest(opts: TestServerOptions = {}): TestServer {
  let current: TestServer | undefined;
  beforeEach(async () => {
    current = await startTestServer(opts);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as TestServer, {
    get(_target, key) {
      if (!current) throw new Error('The test server runs only while a test runs');
      return Reflect.get(current, key);
    },
  });
}

/** For tests that start their own servers (with their own options): each is closed after its test. */
export function serversClosedAfterEach(): (opts?: TestServerOptions) => Promise<TestServer> {
  const started: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  return async (opts) => {
    const server = await startTestServer(opts);
    started.push(server);
    return server;
  };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export interface NewTestUser {
  roles: Role[];
  siteIds?: string[];
  username?: string;
  displayName?: string;
  /** Only needed to sign in over HTTP; hashing costs ~50 ms, so it is skipped when absent. */
  password?: string;
  unitId?: string;
  disabled?: boolean;
  deviceId?: string;
}

export interface TestUser extends Client {
  user: SessionUser;
  headers: Record<string, string>;
}

let userCounter = 0;

export async function signedInUser(
  server: Pick<TestServer, 'url' | 'store' | 'auth' | 'now'>,
  input: NewTestUser,
): Promise<TestUser> {
  userCounter += 1;
  const at = server.now().toISOString();
  const record: UserRecord = {
    id: `user-${userCounter}-${Math.random().toString(36).slice(2, 8)}`,
    username: input.username ?? `user${userCounter}`,
    displayName: input.displayName ?? `Test user ${userCounter}`,
    passwordHash: input.password ? await hashPassword(input.password) : 'no-password',
    roles: input.roles,
    siteIds: input.siteIds ?? DEFAULT_TEST_SITES,
    disabled: input.disabled ?? false,
    createdAt: at,
    updatedAt: at,
    ...(input.unitId ? { unitId: input.unitId } : {}),
  };
  const inserted = await server.store.transaction((tx) => tx.insertUser(record));
  if (!inserted) throw new Error(`username ${record.username} is taken`);
  const { token } = await openSession(
    { store: server.store, settings: server.auth, now: server.now },
    record,
    input.deviceId ?? 'test-device',
  );
  return { url: server.url, token, user: sessionUserOf(record), headers: bearer(token) };
}

/** A user with these roles and sites, stored directly and signed in (no HTTP, no password needed). */
export function createUser(server: TestServer, input: NewTestUser): Promise<TestUser> {
  return signedInUser(server, input);
}

function clientOf(target: string | Client): Client {
  if (typeof target !== 'string') return target;
  const token = defaultTokens.get(target);
  if (!token) throw new Error(`No test server at ${target}`);
  return { url: target, token };
}

/** fetch with the client's session. */
export function authFetch(target: string | Client, path: string, init: RequestInit = {}): Promise<Response> {
  const client = clientOf(target);
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${client.token}`);
  return fetch(`${client.url}${path}`, { ...init, headers });
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

export async function readJson<T>(response: Response): Promise<HttpResult<T>> {
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

export async function pushRows(
  target: string | Client,
  collection: string,
  rows: PushRowInput[],
  deviceId = 'test-device',
): Promise<HttpResult<Doc[]>> {
  // The server takes the device from the session, so another device of the default user needs its own session.
  const openForDevice =
    typeof target === 'string' && deviceId !== 'test-device' ? deviceSessions.get(target) : undefined;
  const client = openForDevice ? { url: target as string, token: await openForDevice(deviceId) } : target;
  const response = await authFetch(client, `/api/sync/${collection}/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-device-id': deviceId },
    body: JSON.stringify(rows),
  });
  return readJson<Doc[]>(response);
}

export async function pullPage(
  target: string | Client,
  collection: string,
  checkpoint?: { seq: number },
  limit = 100,
): Promise<{ documents: Doc[]; checkpoint: { seq: number } }> {
  const params = new URLSearchParams({ limit: String(limit) });
  if (checkpoint) params.set('checkpoint', JSON.stringify(checkpoint));
  const result = await readJson<{ documents: Doc[]; checkpoint: { seq: number } }>(
    await authFetch(target, `/api/sync/${collection}/pull?${params.toString()}`),
  );
  if (result.status !== 200) throw new Error(`pull ${collection} answered ${result.status}`);
  return result.body;
}

/** Every document of a collection, following checkpoints page by page. */
export async function pullAll(target: string | Client, collection: string, limit = 100): Promise<Doc[]> {
  const all: Doc[] = [];
  let checkpoint: { seq: number } | undefined;
  for (;;) {
    const page = await pullPage(target, collection, checkpoint, limit);
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
