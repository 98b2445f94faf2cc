/**
 * A device that comes back after a long absence. The server never hard-deletes
 * (Store invariant, sync-server/src/store/types.ts): a deletion is a version
 * with `_deleted: true`, kept for good, so a device away for more than 90 days
 * still learns of every deletion. A device whose checkpoint belongs to another
 * history (the server was restored, epoch changed) is brought up to date by a
 * full resync, and its own unsynced changes survive and reach the server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Checkpoint, PullResponse } from '../../src/sync/protocol';
import { householdDoc } from '../helpers/testServer';
import { openTestSyncServer, type TestSyncServer } from './inProcessServer';
import { SimulatedDevice, type SyncServer } from './syncModel';

let server: TestSyncServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The device's stored checkpoints as a long-gone history would have left them. */
function fromAnotherHistory(base: SyncServer): SyncServer {
  return {
    push: (collection, rows) => base.push(collection, rows),
    pull: (collection, checkpoint: Checkpoint | undefined, limit): Promise<PullResponse> =>
      base.pull(collection, checkpoint?.epoch === 'lost-history' || !checkpoint ? { seq: 10_000_000, epoch: 'lost-history' } : checkpoint, limit),
  };
}

describe('a device back after a long absence', () => {
  it('learns of deletions made long ago: the server keeps them', async () => {
    server = await openTestSyncServer();
    const office = new SimulatedDevice('office');
    const away = new SimulatedDevice('away');
    for (const id of ['h1', 'h2']) office.write('households', householdDoc(id));
    await office.push(server, 'households');
    await away.pull(server, 'households');
    // "Months" of activity: the record is deleted and many others come and go.
    office.write('households', { ...office.get('households', 'h1')!, _deleted: true, updatedAt: '2026-06-01T00:00:00.000Z' });
    for (let i = 0; i < 300; i++) office.write('households', householdDoc(`later-${i}`));
    await office.push(server, 'households');
    await away.pull(server, 'households');
    expect(away.get('households', 'h1')?._deleted).toBe(true);
    // And from scratch: the deletion is still there to be pulled.
    const fresh = new SimulatedDevice('fresh');
    await fresh.pull(server, 'households');
    expect(fresh.get('households', 'h1')?._deleted).toBe(true);
  });

  it('is resynced in full when its checkpoint is from another history, keeping its unsynced changes', async () => {
    server = await openTestSyncServer();
    const office = new SimulatedDevice('office');
    for (const id of ['h1', 'h2', 'h3']) office.write('households', householdDoc(id));
    await office.push(server, 'households');

    const away = new SimulatedDevice('away');
    const stale = fromAnotherHistory(server);
    // Its checkpoint says it has everything up to a sequence this server never reached.
    await away.pull(stale, 'households');
    away.write('households', householdDoc('made-offline', { familyName: 'Haddad' }));
    await away.pull(stale, 'households');
    expect(away.ids('households').sort()).toEqual(['h1', 'h2', 'h3', 'made-offline']);

    await away.push(server, 'households');
    await office.pull(server, 'households');
    expect(office.get('households', 'made-offline')?.familyName).toBe('Haddad');
    expect(away.pendingCount()).toBe(0);
  });
});
