import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  attachmentVisibleTo,
  driverTicketsToKeep,
  driverTicketsToLetGo,
  KEEP_TICKETS_AFTER_DEPARTURE_MS,
  listAttachments,
  sniffAttachmentType,
  withVisibleAttachments,
  type Attachment,
  type AttachmentKind,
  type Attachments,
} from './attachments';
import { householdSchema } from './household';
import { threeWayMerge } from './merge';
import { planEdits, type StoredRecord } from './recordEdit';

const sha = (n: number) => n.toString(16).padStart(64, '0');

function attachment(kind: AttachmentKind, n: number, extra: Partial<Attachment> = {}): Attachment {
  return {
    kind,
    mime: 'image/jpeg',
    originalSize: 4_000_000,
    size: 300_000 + n,
    sha256: sha(n),
    createdBy: 'u1',
    createdAt: `2026-12-07T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
    deleted: false,
    ...extra,
  };
}

const household = (attachments?: Attachments) => ({
  id: 'h1',
  siteId: 's1',
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  updatedBy: 'u1',
  deviceId: 'd1',
  familyName: 'Mensah',
  nameKey: 'mensah',
  arrivalDate: '2026-12-01',
  arrivalMode: 'bus' as const,
  needs: {
    food: false,
    shelter: false,
    clothing: false,
    hygiene: false,
    medicalScreening: false,
    legalOrientation: false,
  },
  destination: {},
  sponsor: {},
  consent: { dataSharing: true, photo: false },
  status: 'active' as const,
  ...(attachments ? { attachments } : {}),
});

describe('attachments on a record', () => {
  it('a household of the previous version (no attachments) and one with attachments are both valid', () => {
    expect(householdSchema.safeParse(household()).success).toBe(true);
    expect(householdSchema.safeParse(household({ a1: attachment('release_form', 1) })).success).toBe(true);
    const bad = householdSchema.safeParse(
      household({ a1: { ...attachment('release_form', 1), sha256: 'x' } }),
    );
    expect(bad.success).toBe(false);
  });

  it('documents added offline on several devices are all kept by the server merge (seeded)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...(['ticket', 'letter', 'medical'] as const)), { maxLength: 4 }), {
          minLength: 2,
          maxLength: 5,
        }),
        fc.boolean(),
        (devices, deleteFirstOnLast) => {
          const baseAttachments: Attachments = { a0: attachment('release_form', 0) };
          let current: Record<string, unknown> = household(baseAttachments);
          const added: string[] = [];
          devices.forEach((kinds, d) => {
            const mine: Attachments = { ...baseAttachments };
            kinds.forEach((kind, k) => {
              const id = `d${d}-a${k}`;
              mine[id] = attachment(kind, d * 10 + k + 1);
              added.push(id);
            });
            if (deleteFirstOnLast && d === devices.length - 1) mine.a0 = { ...mine.a0!, deleted: true };
            else if (d === 0) mine.a0 = { ...mine.a0!, note: 'from device 0' };
            const result = threeWayMerge(household(baseAttachments), current, household(mine));
            expect(result.clashes).toEqual([]);
            current = result.merged;
          });
          const merged = current.attachments as Attachments;
          for (const id of ['a0', ...added]) expect(merged[id], id).toBeDefined();
          // A deletion on one device and a note on another are two fields: both survive.
          if (deleteFirstOnLast && devices.length > 1)
            expect(merged.a0).toMatchObject({ deleted: true, note: 'from device 0' });
        },
      ),
      { seed: 1907, numRuns: 200 },
    );
  });

  it("a device's save adds its document beside one that synced in meanwhile (the one write path)", () => {
    const loaded = household({ a0: attachment('letter', 0) }) as unknown as StoredRecord;
    const now = household({
      a0: attachment('letter', 0),
      other: attachment('ticket', 2),
    }) as unknown as StoredRecord;
    const planned = planEdits(
      () => now,
      [
        {
          kind: 'update',
          collection: 'households',
          id: 'h1',
          base: { attachments: loaded.attachments },
          next: { attachments: { ...(loaded.attachments as Attachments), mine: attachment('medical', 3) } },
        },
      ],
      { userId: 'u2', deviceId: 'd2', siteId: 's1' },
      { now: new Date('2026-12-07T11:00:00Z') },
    );
    expect(Object.keys(planned[0]!.doc.attachments as Attachments).sort()).toEqual(['a0', 'mine', 'other']);
  });

  it('lists documents not deleted, newest first', () => {
    const list = listAttachments({
      attachments: {
        a: attachment('letter', 1),
        b: attachment('ticket', 2),
        c: attachment('other', 3, { deleted: true }),
      },
    });
    expect(list.map((a) => a.id)).toEqual(['b', 'a']);
  });
});

describe('who receives which document', () => {
  const leg = { id: 'l1', driverId: 'driver-1' };
  it('a driver receives the ticket of a leg they drive and nothing else', () => {
    const driver = { userId: 'driver-1', roles: ['driver' as const] };
    expect(attachmentVisibleTo(driver, 'travelLegs', leg, { kind: 'ticket' })).toBe(true);
    expect(attachmentVisibleTo(driver, 'travelLegs', leg, { kind: 'letter' })).toBe(false);
    expect(
      attachmentVisibleTo({ ...driver, userId: 'driver-2' }, 'travelLegs', leg, { kind: 'ticket' }),
    ).toBe(false);
    expect(attachmentVisibleTo(driver, 'households', { id: 'h1' }, { kind: 'ticket' })).toBe(false);
  });

  it('a volunteer receives no medical document; a coordinator receives all', () => {
    const record = household({ m: attachment('medical', 1), r: attachment('release_form', 2) });
    const volunteers = withVisibleAttachments({ userId: 'v', roles: ['volunteer'] }, 'households', record);
    expect(Object.keys(volunteers.attachments!)).toEqual(['r']);
    const coordinators = withVisibleAttachments(
      { userId: 'c', roles: ['coordinator'] },
      'households',
      record,
    );
    expect(Object.keys(coordinators.attachments!).sort()).toEqual(['m', 'r']);
    // Roles add up: a volunteer who is also a case worker sees the medical slip.
    expect(
      attachmentVisibleTo({ userId: 'v', roles: ['volunteer', 'caseworker'] }, 'households', record, {
        kind: 'medical',
      }),
    ).toBe(true);
  });
});

describe('file type by content', () => {
  it('knows JPEG, PNG, WebP and PDF by their first bytes and nothing else', () => {
    expect(sniffAttachmentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffAttachmentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    expect(sniffAttachmentType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffAttachmentType(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffAttachmentType(new TextEncoder().encode('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(
      sniffAttachmentType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBeUndefined();
  });
});

describe('what a driver keeps for offline use', () => {
  const now = new Date('2026-12-07T12:00:00.000Z');
  const leg = (id: string, driverId: string | undefined, departureAt: string, attachments: Attachments) => ({
    id,
    driverId,
    departureAt,
    attachments,
  });

  it('the tickets of their own legs from a day ago on, nothing else', () => {
    const legs = [
      leg('today', 'd1', '2026-12-07T15:00:00.000Z', {
        t1: attachment('ticket', 1),
        letter: attachment('letter', 2),
        gone: attachment('ticket', 3, { deleted: true }),
      }),
      leg('tomorrow', 'd1', '2026-12-08T09:00:00.000Z', { t2: attachment('ticket', 4) }),
      leg('last week', 'd1', '2026-11-30T09:00:00.000Z', { old: attachment('ticket', 5) }),
      leg('theirs', 'd2', '2026-12-07T15:00:00.000Z', { other: attachment('ticket', 6) }),
      leg('nobody', undefined, '2026-12-07T15:00:00.000Z', { none: attachment('ticket', 7) }),
    ];
    const kept = driverTicketsToKeep(legs, 'd1', now).map(({ leg, attachment }) => [leg.id, attachment.id]);
    expect(kept.sort()).toEqual([
      ['today', 't1'],
      ['tomorrow', 't2'],
    ]);
  });
});

describe('what a driver\u2019s device lets go of', () => {
  const now = new Date('2026-12-07T12:00:00.000Z');
  const at = (ms: number) => new Date(ms).toISOString();
  const leg = (id: string, driverId: string | undefined, departureAt: string, attachments: Attachments) => ({
    id,
    driverId,
    departureAt,
    attachments,
  });
  const auto = (id: string) => ({ id, keptFor: 'driverTicket' as const, waiting: 0 as const });

  it('keeps a ticket of their leg still inside the window', () => {
    const legs = [leg('today', 'd1', '2026-12-07T15:00:00.000Z', { t1: attachment('ticket', 1) })];
    expect(driverTicketsToLetGo([auto('t1')], legs, 'd1', now)).toEqual([]);
  });

  it('lets go once the leg departed more than the window ago, to the millisecond', () => {
    const edge = now.getTime() - KEEP_TICKETS_AFTER_DEPARTURE_MS;
    const onEdge = [leg('l', 'd1', at(edge), { t1: attachment('ticket', 1) })];
    const pastEdge = [leg('l', 'd1', at(edge - 1), { t1: attachment('ticket', 1) })];
    expect(driverTicketsToLetGo([auto('t1')], onEdge, 'd1', now)).toEqual([]);
    expect(driverTicketsToLetGo([auto('t1')], pastEdge, 'd1', now)).toEqual(['t1']);
  });

  it('lets go when the leg is now another driver\u2019s, or nobody\u2019s', () => {
    const other = [leg('l', 'd2', '2026-12-07T15:00:00.000Z', { t1: attachment('ticket', 1) })];
    const nobody = [leg('l', undefined, '2026-12-07T15:00:00.000Z', { t1: attachment('ticket', 1) })];
    expect(driverTicketsToLetGo([auto('t1')], other, 'd1', now)).toEqual(['t1']);
    expect(driverTicketsToLetGo([auto('t1')], nobody, 'd1', now)).toEqual(['t1']);
  });

  it('lets go when the attachment was deleted or is no longer a ticket', () => {
    const deleted = [
      leg('l', 'd1', '2026-12-07T15:00:00.000Z', { t1: attachment('ticket', 1, { deleted: true }) }),
    ];
    const letter = [leg('l', 'd1', '2026-12-07T15:00:00.000Z', { t1: attachment('letter', 1) })];
    expect(driverTicketsToLetGo([auto('t1')], deleted, 'd1', now)).toEqual(['t1']);
    expect(driverTicketsToLetGo([auto('t1')], letter, 'd1', now)).toEqual(['t1']);
  });

  it('lets go when the leg is gone from the device (deleted or purged)', () => {
    expect(driverTicketsToLetGo([auto('t1')], [], 'd1', now)).toEqual(['t1']);
  });

  it('never lets go of what the person kept or added on this device', () => {
    const old = [
      leg('l', 'd1', '2026-11-01T15:00:00.000Z', {
        t1: attachment('ticket', 1),
        t2: attachment('ticket', 2),
      }),
    ];
    const held = [
      { id: 't1', keptFor: 'person' as const, waiting: 0 as const },
      { id: 't2', keptFor: 'added' as const, waiting: 0 as const },
      { id: 'elsewhere', keptFor: 'person' as const, waiting: 0 as const },
    ];
    expect(driverTicketsToLetGo(held, old, 'd1', now)).toEqual([]);
  });

  it('an unmarked entry from an earlier release goes only as a ticket of a leg this driver drives', () => {
    const legs = [
      leg('old', 'd1', '2026-11-01T15:00:00.000Z', {
        mine: attachment('ticket', 1),
        note: attachment('letter', 2),
      }),
      leg('today', 'd1', '2026-12-07T15:00:00.000Z', { current: attachment('ticket', 3) }),
      leg('theirs', 'd2', '2026-11-01T15:00:00.000Z', { other: attachment('ticket', 4) }),
    ];
    const held = [
      { id: 'mine', waiting: 0 as const },
      { id: 'note', waiting: 0 as const },
      { id: 'current', waiting: 0 as const },
      { id: 'other', waiting: 0 as const },
      { id: 'unknown', waiting: 0 as const },
    ];
    expect(driverTicketsToLetGo(held, legs, 'd1', now)).toEqual(['mine']);
  });

  it('an unmarked entry still waiting to upload, or refused, stays', () => {
    const legs = [
      leg('old', 'd1', '2026-11-01T15:00:00.000Z', {
        a: attachment('ticket', 1),
        b: attachment('ticket', 2),
      }),
    ];
    const held = [
      { id: 'a', waiting: 1 as const },
      { id: 'b', waiting: 0 as const, refused: 'tooLarge' },
    ];
    expect(driverTicketsToLetGo(held, legs, 'd1', now)).toEqual([]);
  });
});
