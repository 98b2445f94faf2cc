/**
 * The protocol handshake over HTTP, as an app of another release would meet
 * it: a server that no longer serves the app's protocol, or does not know it
 * yet, answers 426 with a typed reason before doing anything; the current
 * protocol and clients that do not name one are served as before.
 */
import { describe, expect, it } from 'vitest';
import {
  incompatibleClientErrorSchema,
  PROTOCOL_VERSION,
  PROTOCOL_VERSION_HEADER,
} from '../../src/sync/protocol';
import { householdDoc, pullAll, serversClosedAfterEach, type TestServer } from '../helpers/testServer';

let server: TestServer;
const startServer = serversClosedAfterEach();

async function call(path: string, version: string | undefined, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${server.token}`);
  if (version !== undefined) headers.set(PROTOCOL_VERSION_HEADER, version);
  const response = await fetch(`${server.url}${path}`, { ...init, headers });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as unknown };
}

describe('protocol version', () => {
  it('serves the current protocol, and a client that does not name one', async () => {
    server = await startServer();
    expect((await call('/api/auth/me', String(PROTOCOL_VERSION))).status).toBe(200);
    expect((await call('/api/auth/me', undefined)).status).toBe(200);
    const health = await call('/api/health', undefined);
    expect(health.body).toMatchObject({ protocol: PROTOCOL_VERSION });
  });

  it('tells an app older than it serves to update, and changes nothing it sent', async () => {
    server = await startServer({ protocol: { serverProtocol: 3, minClientProtocol: 2 } });
    const push = await call('/api/sync/households/push', '1', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([{ assumedMasterState: null, newDocumentState: householdDoc('h-old-app') }]),
    });
    expect(push.status).toBe(426);
    const answer = incompatibleClientErrorSchema.parse(push.body);
    expect(answer).toMatchObject({ reason: 'client_too_old', serverProtocol: 3, minClientProtocol: 2 });
    expect((await pullAll(server.url, 'households')).map((doc) => doc.id)).not.toContain('h-old-app');
    // Sign-in too: the app learns it before anything else.
    const login = await call('/api/auth/login', '1', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(login.status).toBe(426);
  });

  it('tells an app newer than the server that the server must be updated', async () => {
    server = await startServer();
    const answer = await call('/api/auth/me', String(PROTOCOL_VERSION + 1));
    expect(answer.status).toBe(426);
    expect(incompatibleClientErrorSchema.parse(answer.body).reason).toBe('client_too_new');
    // Health still answers, so any client can learn the server's version.
    expect((await call('/api/health', String(PROTOCOL_VERSION + 1))).status).toBe(200);
  });

  it('refuses a version that is not a whole number, with a clear error', async () => {
    server = await startServer();
    const answer = await call('/api/auth/me', 'latest');
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_protocol_version' });
  });
});
