import { describe, expect, it } from 'vitest';
import { API } from './api';
import { ApiCallError, callApi, type ApiConnection } from './apiClient';

function serving(answer: () => Response, seen: Request[] = []): ApiConnection {
  return {
    baseUrl: () => 'http://server',
    token: () => 'token-1',
    fetch: async (input, init) => {
      seen.push(new Request(input, init));
      return answer();
    },
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the API client', () => {
  it('sends the token, fills the path and query, and hands back the parsed answer', async () => {
    const seen: Request[] = [];
    const user = { id: 'u1', username: 'amina', displayName: 'Amina', roles: ['admin'], siteIds: [], disabled: false,
      failedLogins: 0, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    const updated = await callApi(
      API.admin.updateUser,
      { params: { id: 'u 1' }, body: { displayName: 'Amina' } },
      serving(() => json({ user }), seen),
    );
    expect(updated.user.displayName).toBe('Amina');
    expect(seen[0]?.url).toBe('http://server/api/admin/users/u%201');
    expect(seen[0]?.method).toBe('PATCH');
    expect(seen[0]?.headers.get('Authorization')).toBe('Bearer token-1');

    await callApi(API.audit.list, { query: { recordId: 'h1', limit: '10' } }, serving(() => json({ entries: [] }), seen));
    expect(seen[1]?.url).toBe('http://server/api/audit?recordId=h1&limit=10');
  });

  it('refuses an answer that is not what the contract says', async () => {
    const failure = await callApi(API.directory, {}, serving(() => json({ users: 'everyone' }))).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiCallError);
    expect((failure as ApiCallError).code).toBe('unreadable_answer');
  });

  it('names the server’s error code, and says offline when the server was not reached', async () => {
    const refused = await callApi(
      API.admin.createUser,
      { body: { username: 'amina', displayName: 'Amina', password: 'a long passphrase', roles: ['driver'], siteIds: [] } },
      serving(() => json({ error: 'username_taken', message: 'Taken' }, 409)),
    ).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 409, code: 'username_taken' });

    const offline: ApiConnection = { ...serving(() => json({})), fetch: () => Promise.reject(new TypeError('Failed to fetch')) };
    await expect(callApi(API.directory, {}, offline)).rejects.toMatchObject({ status: 0, code: 'offline' });
  });

  it('does not call the server without a session, unless the endpoint is public', async () => {
    const seen: Request[] = [];
    const signedOut = { ...serving(() => json({ demo: false }), seen), token: () => undefined };
    await expect(callApi(API.directory, {}, signedOut)).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
    expect(seen).toHaveLength(0);
    await expect(callApi(API.demo, { anonymous: true }, signedOut)).resolves.toEqual({ demo: false });
  });
});
