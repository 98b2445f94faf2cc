/**
 * Verifiers after the push (issue 18), over real HTTP as a device and a
 * helpline agent's device call the server:
 *  - a push of people is answered without waiting for their verifier hashes
 *    (PBKDF2): with the follower held, the push succeeds and the agent's
 *    device finds no verifier yet; once it runs, the agent's pull has them;
 *  - what it writes comes from the records as they stand when it runs, not
 *    from a version since replaced or deleted;
 *  - its cursor lives in the store: a follower that was not running when the
 *    records were pushed (a server restarted, another process) catches up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashAnswer } from '../../src/domain/verifiers';
import { buildApp } from '../../sync-server/src/app';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import {
  createUser,
  householdDoc,
  personDoc,
  pullAll,
  pushRows,
  serversClosedAfterEach,
  startTestServer,
  type Doc,
} from '../helpers/testServer';

const startServer = serversClosedAfterEach();

const agentPull = (agent: Parameters<typeof pullAll>[0]) => pullAll(agent, 'verifiers');
const byId = (docs: Doc[]) => Object.fromEntries(docs.map((doc) => [doc.id, doc]));

describe('verifiers follow a push of people', () => {
  it('the push is answered before they are hashed; the agent’s device receives them once they are', async () => {
    const server = await startServer();
    const agent = await createUser(server, { roles: ['helpline_agent'], siteIds: ['site-a'] });
    await server.verifiers.stop();

    expect(
      (
        await pushRows(server, 'households', [
          { assumedMasterState: null, newDocumentState: householdDoc('h1') },
        ])
      ).status,
    ).toBe(200);
    const pushed = await pushRows(server, 'people', [
      { assumedMasterState: null, newDocumentState: personDoc('p1', 'h1', { dateOfBirth: '1990-04-03' }) },
      {
        assumedMasterState: null,
        newDocumentState: personDoc('p2', 'h1', { givenName: 'Esi', dateOfBirth: '2015-01-09' }),
      },
    ]);
    expect(pushed.status).toBe(200);
    expect(await agentPull(agent)).toEqual([]);

    server.verifiers.start();
    await expect.poll(async () => (await agentPull(agent)).length, { timeout: 20_000 }).toBe(2);
    const verifiers = byId(await agentPull(agent));
    expect(verifiers.p1).toMatchObject({
      subjectType: 'person',
      householdId: 'h1',
      dateOfBirth: await hashAnswer('dateOfBirth', '1990-04-03', 'h1'),
      updatedBy: 'server',
    });
    expect(verifiers.p2?.dateOfBirth).toBe(await hashAnswer('dateOfBirth', '2015-01-09', 'h1'));
    // Nothing of the answers themselves reaches the agent.
    expect(JSON.stringify(verifiers)).not.toContain('1990-04-03');
  });

  it('hashes the date of birth as it stands, and writes none for a record deleted before it ran', async () => {
    const server = await startServer();
    const agent = await createUser(server, { roles: ['helpline_agent'], siteIds: ['site-a'] });
    await server.verifiers.stop();

    await pushRows(server, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h1') },
    ]);
    const first = personDoc('p1', 'h1', { dateOfBirth: '1990-04-03' });
    const gone = personDoc('p2', 'h1', { givenName: 'Esi', dateOfBirth: '2015-01-09' });
    await pushRows(server, 'people', [
      { assumedMasterState: null, newDocumentState: first },
      { assumedMasterState: null, newDocumentState: gone },
    ]);
    const corrected = { ...first, dateOfBirth: '1990-03-04', updatedAt: '2025-03-02T10:00:00.000Z' };
    const removed = { ...gone, _deleted: true, updatedAt: '2025-03-02T10:00:00.000Z' };
    const second = await pushRows(server, 'people', [
      { assumedMasterState: first, newDocumentState: corrected },
      { assumedMasterState: gone, newDocumentState: removed },
    ]);
    expect(second.status).toBe(200);

    server.verifiers.start();
    await server.verifiers.settle();
    const verifiers = await agentPull(agent);
    expect(verifiers.map((v) => v.id)).toEqual(['p1']);
    expect(verifiers[0]?.dateOfBirth).toBe(await hashAnswer('dateOfBirth', '1990-03-04', 'h1'));
  });

  it('keeps up with later pushes once running, each written once', async () => {
    const server = await startServer();
    const agent = await createUser(server, { roles: ['helpline_agent'], siteIds: ['site-a'] });
    await pushRows(server, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h1') },
    ]);
    const person = personDoc('p1', 'h1', { dateOfBirth: '1990-04-03' });
    await pushRows(server, 'people', [{ assumedMasterState: null, newDocumentState: person }]);
    await expect.poll(async () => (await agentPull(agent)).length, { timeout: 20_000 }).toBe(1);

    const changed = { ...person, dateOfBirth: '1991-04-03', updatedAt: '2025-03-02T10:00:00.000Z' };
    await pushRows(server, 'people', [{ assumedMasterState: person, newDocumentState: changed }]);
    const expected = await hashAnswer('dateOfBirth', '1991-04-03', 'h1');
    await expect
      .poll(async () => (await agentPull(agent))[0]?.dateOfBirth, { timeout: 20_000 })
      .toBe(expected);
    // A later round over the same records writes nothing again.
    const before = await server.store.getDocument('verifiers', 'p1');
    await server.verifiers.settle();
    expect((await server.store.getDocument('verifiers', 'p1'))?.seq).toBe(before?.seq);
  });

  it('a server stopped before it made them makes them when it starts again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'waystation-verifier-restart-'));
    const file = join(dir, 'waystation.sqlite');
    try {
      const first = await startTestServer({ store: openSqliteStore(file) });
      await first.verifiers.stop();
      await pushRows(first, 'households', [
        { assumedMasterState: null, newDocumentState: householdDoc('h1') },
      ]);
      const pushed = await pushRows(first, 'people', [
        { assumedMasterState: null, newDocumentState: personDoc('p1', 'h1', { dateOfBirth: '1990-04-03' }) },
      ]);
      expect(pushed.status).toBe(200);
      await first.close();

      // The same database opened again by a new server (the test helper's default user already exists).
      const store = openSqliteStore(file);
      const second = buildApp({ store });
      try {
        await second.ready();
        const expected = await hashAnswer('dateOfBirth', '1990-04-03', 'h1');
        await expect
          .poll(async () => (await store.getDocument('verifiers', 'p1'))?.doc.dateOfBirth, {
            timeout: 20_000,
          })
          .toBe(expected);
      } finally {
        await second.close();
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
