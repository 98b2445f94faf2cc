/**
 * Two volunteers share one intake tablet (one device id, a session and a
 * device store each). The server recognises "this device sent exactly this
 * version and never heard back" to rebuild a retried write on it; that must
 * be this person's write on this device, or the second volunteer's edit,
 * made from the version before the first one's, silently reverts it.
 */
import { describe, expect, it } from 'vitest';
import {
  createUser,
  edited,
  householdDoc,
  pullAll,
  readJson,
  authFetch,
  serverPerTest,
  type Doc,
} from '../helpers/testServer';

const server = serverPerTest();

async function push(
  client: { url: string; token: string },
  rows: { assumedMasterState: Doc | null; newDocumentState: Doc }[],
) {
  return readJson<Doc[]>(
    await authFetch(client, '/api/sync/households/push', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rows),
    }),
  );
}

describe('a tablet shared by two volunteers', () => {
  it("merges the second volunteer's edit with the first's instead of reverting it", async () => {
    const amina = await createUser(server, { roles: ['volunteer'], deviceId: 'front-desk-tablet' });
    const bruno = await createUser(server, { roles: ['volunteer'], deviceId: 'front-desk-tablet' });
    const original = householdDoc('h-shared');
    expect((await push(amina, [{ assumedMasterState: null, newDocumentState: original }])).status).toBe(200);
    // Bruno's store pulled the original; then Amina, on the same tablet, changes the phone.
    const byAmina = edited(
      original,
      { contactPhone: '+1 602 555 0111' },
      {
        userId: amina.user.id,
        deviceId: 'front-desk-tablet',
        at: '2026-12-07T10:00:00.000Z',
      },
    );
    expect((await push(amina, [{ assumedMasterState: original, newDocumentState: byAmina }])).body).toEqual(
      [],
    );
    // Bruno, from the original, changes the destination.
    const byBruno = edited(
      original,
      { destination: { city: 'Chicago', country: 'US' } },
      {
        userId: bruno.user.id,
        deviceId: 'front-desk-tablet',
        at: '2026-12-07T10:05:00.000Z',
      },
    );
    const brunoPush = await push(bruno, [{ assumedMasterState: original, newDocumentState: byBruno }]);
    expect(brunoPush.status, JSON.stringify(brunoPush.body)).toBe(200);

    const stored = (await pullAll(server.url, 'households')).find((doc) => doc.id === 'h-shared');
    expect(stored).toMatchObject({
      contactPhone: '+1 602 555 0111',
      destination: { city: 'Chicago', country: 'US' },
    });
  });

  it("still takes one person's retry after a lost answer as the continuation of their own write", async () => {
    const amina = await createUser(server, { roles: ['volunteer'], deviceId: 'front-desk-tablet' });
    const original = householdDoc('h-retry');
    await push(amina, [{ assumedMasterState: null, newDocumentState: original }]);
    const by = { userId: amina.user.id, deviceId: 'front-desk-tablet', at: '2026-12-07T10:00:00.000Z' };
    const first = edited(original, { contactPhone: '+1 602 555 0111' }, by);
    // Stored, but the answer never reached the tablet: it still believes the original is current.
    await push(amina, [{ assumedMasterState: original, newDocumentState: first }]);
    const second = edited(
      first,
      { contactPhone: '+1 602 555 0122' },
      { ...by, at: '2026-12-07T10:01:00.000Z' },
    );
    const retry = await push(amina, [{ assumedMasterState: original, newDocumentState: second }]);
    expect(retry.body).toEqual([]);
    const stored = (await pullAll(server.url, 'households')).find((doc) => doc.id === 'h-retry');
    expect(stored).toMatchObject({ contactPhone: '+1 602 555 0122' });
    expect((await pullAll(server.url, 'conflicts')).filter((c) => c.recordId === 'h-retry')).toEqual([]);
  });
});
