/**
 * The real sync server serving a production build, for browser tests. Unlike
 * the API test helper it can be restarted on the same port and data
 * directory with another build: that is how a deployment looks to a device
 * (same origin, same service-worker scope, new files).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../sync-server/src/app';
import type { VerifierFollower } from '../../sync-server/src/services/verifierFollower';
import type { ProtocolOptions } from '../../sync-server/src/routes/protocolVersion';
import { attachmentKey, DirectoryBlobStore } from '../../sync-server/src/attachments/blobStore';
import type { AttachmentLimits } from '../../sync-server/src/attachments/attachmentService';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import type { Store } from '../../sync-server/src/store/types';
import { hashPassword } from '../../sync-server/src/services/passwords';
import { DEFAULT_AUTH_SETTINGS } from '../../sync-server/src/services/auth';
import type { Role } from '../../src/domain/access';

export interface E2eServer {
  url: string;
  port: number;
  dataDir: string;
  store: Store;
  /** Writes verifiers after pushes; `settle()` once records were stored around a push. */
  verifiers: VerifierFollower;
  /** Stops serving; keeps the data directory. */
  stop(): Promise<void>;
  /** Stops serving and removes the data directory. */
  close(): Promise<void>;
}

export async function startE2eServer(options: {
  staticDir: string;
  port?: number;
  dataDir?: string;
  /** Pretend to be another release of the server (see AppOptions.protocol). */
  protocol?: ProtocolOptions;
  /** Documents' caps (per file, per household); the server's defaults otherwise. */
  attachmentLimits?: Partial<AttachmentLimits>;
  /** The server's clock (default the real one); tests move it forward. */
  clock?: () => Date;
  /** Session lifetime in ms (default the server's), e.g. to outlive a clock moved by weeks. */
  sessionTtlMs?: number;
}): Promise<E2eServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'waystation-e2e-'));
  const store = openSqliteStore(path.join(dataDir, 'waystation.sqlite'));
  await store.migrate();
  const attachmentsDir = path.join(dataDir, 'attachments');
  const blobs = new DirectoryBlobStore(
    attachmentsDir,
    await attachmentKey(path.join(attachmentsDir, 'server.key')),
  );
  const app = buildApp({
    store,
    staticDir: options.staticDir,
    attachments: { blobs, ...(options.attachmentLimits ? { limits: options.attachmentLimits } : {}) },
    ...(options.protocol ? { protocol: options.protocol } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.sessionTtlMs
      ? { auth: { ...DEFAULT_AUTH_SETTINGS, sessionTtlMs: options.sessionTtlMs } }
      : {}),
  });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await store.close();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    store,
    verifiers: app.verifiers,
    stop,
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------
// Accounts for browser tests (sign-in is required for every screen).

export interface E2eUser {
  id: string;
  username: string;
  password: string;
  roles: Role[];
  siteIds: string[];
}

let e2eUserCounter = 0;

/** The administrator the admin screens' tests sign in as. */
export function seedAdmin(server: Pick<E2eServer, 'store'>, siteIds: string[]): Promise<E2eUser> {
  return seedUser(server, {
    username: 'admin.asha',
    password: 'admin password 1',
    roles: ['admin'],
    siteIds,
  });
}

/** Stores a site (if new) and a user who can sign in through the app with `password`. */
export async function seedUser(
  server: Pick<E2eServer, 'store'>,
  input: { username: string; password: string; roles: Role[]; siteIds?: string[]; displayName?: string },
): Promise<E2eUser> {
  e2eUserCounter += 1;
  const at = new Date().toISOString();
  const siteIds = input.siteIds ?? ['main'];
  const known = new Set((await server.store.listSites()).map((site) => site.id));
  const user = {
    id: `e2e-user-${e2eUserCounter}-${Math.random().toString(36).slice(2, 8)}`,
    username: input.username,
    displayName: input.displayName ?? input.username,
    passwordHash: await hashPassword(input.password),
    roles: input.roles,
    siteIds,
    disabled: false,
    createdAt: at,
    updatedAt: at,
  };
  await server.store.transaction(async (tx) => {
    for (const id of siteIds) {
      if (!known.has(id))
        await tx.putSite({ id, name: `Site ${id}`, kind: 'welcome_center', createdAt: at, updatedAt: at });
    }
    if (!(await tx.insertUser(user))) throw new Error(`username ${input.username} is taken`);
  });
  return { id: user.id, username: user.username, password: input.password, roles: input.roles, siteIds };
}
