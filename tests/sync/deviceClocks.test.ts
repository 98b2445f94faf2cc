/**
 * Device clocks are not to be trusted: a tablet hours ahead or behind still
 * syncs correctly, because order comes from the server's sequence and merges
 * from what each device had seen (its assumed master), never from updatedAt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WireDocument } from '../../src/sync/protocol';
import { householdDoc, personDoc } from '../helpers/testServer';
import { openTestSyncServer, type TestSyncServer } from './inProcessServer';
import { SimulatedDevice } from './syncModel';

const HOUR = 60 * 60 * 1000;
const TRUE_NOW = Date.parse('2026-11-01T12:00:00.000Z');

let server: TestSyncServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A device whose clock is `offsetMs` off: every write it makes carries that time. */
function deviceWithClock(id: string, offsetMs: number) {
  const device = new SimulatedDevice(id);
  let tick = 0;
  const stamp = () => new Date(TRUE_NOW + offsetMs + ++tick * 1000).toISOString();
  const edit = (collection: string, id: string, changes: Record<string, unknown>) => {
    const current = device.get(collection, id);
    if (!current) throw new Error(`${device.deviceId} has no ${collection}/${id}`);
    device.write(collection, { ...current, ...changes, updatedAt: stamp(), updatedBy: device.deviceId, deviceId: device.deviceId });
  };
  const create = (collection: string, doc: WireDocument) =>
    device.write(collection, { ...doc, createdAt: stamp(), updatedAt: stamp(), deviceId: device.deviceId });
  return { device, edit, create };
}

async function sync(devices: SimulatedDevice[], s: TestSyncServer) {
  for (const d of devices) {
    for (const c of ['households', 'people']) await d.push(s, c);
  }
  for (const d of devices) {
    for (const c of ['households', 'people', 'conflicts']) await d.pull(s, c);
  }
}

describe.each([
  ['hours ahead', 9 * HOUR],
  ['hours behind', -9 * HOUR],
])('a device whose clock is %s', (_label, offset) => {
  it('wins with an edit made after seeing the other device’s, whatever the timestamps say', async () => {
    server = await openTestSyncServer();
    const wrong = deviceWithClock('wrong-clock', offset);
    const right = deviceWithClock('right-clock', 0);
    right.create('households', householdDoc('h1'));
    await sync([right.device, wrong.device], server);

    // The correct device edits first; the wrong one sees that and edits after it.
    right.edit('households', 'h1', { contactPhone: '+1 555 0001' });
    await sync([right.device, wrong.device], server);
    wrong.edit('households', 'h1', { contactPhone: '+1 555 0002' });
    await sync([wrong.device, right.device], server);
    for (const d of [right.device, wrong.device]) expect(d.get('households', 'h1')?.contactPhone).toBe('+1 555 0002');

    // And the other way round: the wrong clock first, the correct one after it.
    right.edit('households', 'h1', { familyName: 'Okafor' });
    wrong.edit('households', 'h1', { familyName: 'Okoro' }); // unsynced: a clash follows
    await sync([wrong.device, right.device], server);
    await sync([wrong.device, right.device], server);
    const conflicts = right.device.ids('conflicts').map((id) => right.device.get('conflicts', id)!);
    expect(conflicts).toHaveLength(1);
    const values = [conflicts[0]!.kept, conflicts[0]!.rejected].map((side) => JSON.parse((side as { valueJson: string }).valueJson) as unknown);
    expect(values.sort()).toEqual(['Okafor', 'Okoro']);
    expect(right.device.get('households', 'h1')).toEqual(wrong.device.get('households', 'h1'));
  });

  it('has its records pulled by a device whose checkpoint is past them in time', async () => {
    server = await openTestSyncServer();
    const wrong = deviceWithClock('wrong-clock', offset);
    const right = deviceWithClock('right-clock', 0);
    right.create('households', householdDoc('h1'));
    await sync([right.device, wrong.device], server);
    // Created after the right device's last pull, stamped hours off.
    wrong.create('people', personDoc('p1', 'h1'));
    wrong.edit('households', 'h1', { destination: { city: 'Tucson' } });
    await sync([wrong.device, right.device], server);
    expect(right.device.get('people', 'p1')?.id).toBe('p1');
    expect(right.device.get('households', 'h1')?.destination).toEqual({ city: 'Tucson' });
    expect(wrong.device.pendingCount()).toBe(0);
  });
});
