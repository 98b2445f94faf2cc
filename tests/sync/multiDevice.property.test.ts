/**
 * Property: with many devices making random offline edits and syncing in a
 * random order, (1) all devices converge to the server's state, and (2) no
 * edit is lost: every edit is in the final record, or in a conflict document,
 * or was knowingly replaced by a later edit made on a device that had seen it.
 * Seeded, so a failure replays exactly.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SimulatedDevice } from './syncModel';
import { openTestSyncServer } from './inProcessServer';
import type { WireDocument } from '../../src/sync/protocol';

const DEVICES = 6;
const HOUSEHOLDS = 3;
const FIELDS = ['contactPhone', 'familyName', 'sponsor.name', 'sponsor.phone', 'destination.city'] as const;
type Field = (typeof FIELDS)[number];

type Op =
  | { kind: 'edit'; device: number; household: number; field: Field }
  | { kind: 'addMember'; device: number; household: number }
  | { kind: 'sync'; device: number }
  | { kind: 'pushOnly'; device: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('edit' as const), device: fc.nat(DEVICES - 1), household: fc.nat(HOUSEHOLDS - 1), field: fc.constantFrom(...FIELDS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('addMember' as const), device: fc.nat(DEVICES - 1), household: fc.nat(HOUSEHOLDS - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sync' as const), device: fc.nat(DEVICES - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pushOnly' as const), device: fc.nat(DEVICES - 1) }) },
);

const T0 = '2026-11-01T10:00:00.000Z';

function household(id: string): WireDocument {
  return {
    id,
    siteId: 'site-1',
    createdAt: T0,
    updatedAt: T0,
    updatedBy: 'seed',
    deviceId: 'seed',
    familyName: `Family ${id}`,
    contactPhone: '+100',
    arrivalDate: '2026-11-01',
    arrivalMode: 'bus',
    needs: { food: false, shelter: false, clothing: false, hygiene: false, medicalScreening: false, legalOrientation: false },
    destination: { city: 'Phoenix' },
    sponsor: { name: 'Sponsor', phone: '+200' },
    consent: { dataSharing: true, photo: false },
    status: 'active',
    nameKey: `family ${id}`,
    _deleted: false,
  };
}

function member(id: string, householdId: string, device: string): WireDocument {
  return {
    id,
    siteId: 'site-1',
    createdAt: T0,
    updatedAt: T0,
    updatedBy: device,
    deviceId: device,
    householdId,
    givenName: `Member ${id}`,
    familyName: 'X',
    sex: 'unknown',
    relationship: 'other_relative',
    languages: [],
    interpreterNeeded: false,
    nameKey: `member ${id.toLowerCase()} x`,
    familyKey: `x member ${id.toLowerCase()}`,
    _deleted: false,
  };
}

function getPath(doc: WireDocument, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);
}

function setPath(doc: WireDocument, path: string, value: unknown): WireDocument {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...doc, [head]: value };
  const inner = (doc[head] ?? {}) as WireDocument;
  return { ...doc, [head]: setPath(inner, rest.join('.'), value) };
}

interface Edit {
  household: string;
  field: Field;
  value: string;
  /** Set when a later edit was made on a device that saw this value: it was knowingly replaced. */
  replaced: boolean;
}

async function runScenario(ops: Op[]) {
  const server = await openTestSyncServer();
  try {
    const devices = Array.from({ length: DEVICES }, (_, i) => new SimulatedDevice(`device-${i}`));
    const householdIds = Array.from({ length: HOUSEHOLDS }, (_, i) => `hh-${i}`);
    // Device 0 registers the households; everyone syncs them before going offline.
    for (const id of householdIds) devices[0]!.write('households', household(id));
    await devices[0]!.push(server, 'households');
    for (const d of devices) await d.pull(server, 'households');

    const edits: Edit[] = [];
    const members: string[] = [];
    let counter = 0;
    let clock = Date.parse(T0);
    for (const op of ops) {
      const device = devices[op.device]!;
      clock += 1000;
      if (op.kind === 'edit') {
        const id = householdIds[op.household]!;
        const current = device.get('households', id)!;
        const value = `${device.deviceId}#${++counter}`;
        const seen = getPath(current, op.field);
        for (const e of edits) if (e.household === id && e.field === op.field && e.value === seen) e.replaced = true;
        let next = setPath(current, op.field, value);
        if (op.field === 'familyName') next = { ...next, nameKey: value.toLowerCase() };
        next = { ...next, updatedAt: new Date(clock).toISOString(), updatedBy: device.deviceId, deviceId: device.deviceId };
        device.write('households', next);
        edits.push({ household: id, field: op.field, value, replaced: false });
      } else if (op.kind === 'addMember') {
        const id = `m-${device.deviceId}-${++counter}`;
        device.write('people', member(id, householdIds[op.household]!, device.deviceId));
        members.push(id);
      } else {
        await device.push(server, 'households');
        await device.push(server, 'people');
        if (op.kind === 'sync') {
          await device.pull(server, 'households');
          await device.pull(server, 'people');
        }
      }
    }
    // Everyone comes back online: two full rounds settle every merge result.
    for (let round = 0; round < 2; round++) {
      for (const d of devices) {
        await d.push(server, 'households');
        await d.push(server, 'people');
      }
      for (const d of devices) {
        await d.pull(server, 'households');
        await d.pull(server, 'people');
        await d.pull(server, 'conflicts');
      }
    }
    const reference = devices[0]!;
    return { server, devices, reference, edits, members, householdIds };
  } catch (error) {
    await server.close();
    throw error;
  }
}

describe('many devices editing offline', () => {
  it('converge, and every edit survives in the record or a conflict', async () => {
    let totalConflicts = 0;
    let totalEdits = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 10, maxLength: 80 }), async (ops) => {
        const { server, devices, reference, edits, members, householdIds } = await runScenario(ops);
        try {
          for (const d of devices) expect(d.pendingCount()).toBe(0);
          // 1. Convergence: every device holds exactly the server's records.
          for (const collection of ['households', 'people', 'conflicts']) {
            const serverDocs = new Map((await server.pull(collection, undefined, 10_000)).documents.map((d) => [d.id, d]));
            for (const d of devices) {
              expect(d.ids(collection).sort()).toEqual([...serverDocs.keys()].sort());
              for (const [id, doc] of serverDocs) expect(d.get(collection, id)).toEqual(doc);
            }
          }
          // 2. Every member added on any device exists.
          for (const id of members) expect(reference.get('people', id)?._deleted).toBe(false);
          // 3. No edit lost.
          const conflicts = reference.ids('conflicts').map((id) => reference.get('conflicts', id)!);
          totalConflicts += conflicts.length;
          totalEdits += edits.length;
          for (const edit of edits) {
            if (edit.replaced) continue;
            const final = getPath(reference.get('households', edit.household)!, edit.field);
            if (final === edit.value) continue;
            const inConflict = conflicts.some(
              (c) =>
                c.recordId === edit.household &&
                c.field === edit.field &&
                [JSON.parse(String((c.kept as { valueJson: string }).valueJson)), JSON.parse(String((c.rejected as { valueJson: string }).valueJson))].includes(edit.value),
            );
            expect(inConflict, `edit ${edit.value} of ${edit.household}.${edit.field} lost`).toBe(true);
          }
          expect(householdIds.every((id) => reference.get('households', id) !== undefined)).toBe(true);
        } finally {
          await server.close();
        }
      }),
      { seed: 20261124, numRuns: 40 },
    );
    // The runs must actually exercise clashes, or the property proves little.
    expect(totalConflicts).toBeGreaterThan(0);
    expect(totalEdits).toBeGreaterThan(100);
  });
});
