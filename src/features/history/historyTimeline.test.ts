import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../sync/api';
import { toTimeline } from './historyTimeline';

describe('record history timeline', () => {
  it('orders newest first by the server’s time and lists field changes old → new', () => {
    const timeline = toTimeline([
      { id: 1, at: '2026-03-01T10:00:00.000Z', userId: 'u1', deviceId: 'tab-1', action: 'create', details: { familyName: [null, 'Quispe'] } },
      {
        id: 2,
        at: '2026-03-02T10:00:00.000Z',
        userId: 'u2',
        deviceId: 'tab-2',
        deviceName: 'Front desk tablet 2',
        action: 'change',
        details: { 'sponsor.phone': ['+1 555 0100', '+1 555 0199'], contactPhone: [null, '+1 555'] },
      },
      // Opened offline on the 1st, reported on the 3rd: the server's time orders it.
      { id: 3, at: '2026-03-01T09:00:00.000Z', userId: 'u3', deviceId: 'pc', action: 'read', details: { receivedAt: '2026-03-03T08:00:00.000Z' } },
    ]);
    expect(timeline.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(timeline[0]).toMatchObject({ at: '2026-03-03T08:00:00.000Z', kind: 'other', changes: [] });
    expect(timeline[1]).toMatchObject({ kind: 'change', deviceName: 'Front desk tablet 2' });
    expect(timeline[1]?.changes).toEqual([
      { field: 'contactPhone', before: null, after: '+1 555' },
      { field: 'sponsor.phone', before: '+1 555 0100', after: '+1 555 0199' },
    ]);
    expect(timeline[2]).toMatchObject({ userId: 'u1', deviceId: 'tab-1', kind: 'create' });
  });

  it('leaves out internal fields, and a change of nothing else', () => {
    const timeline = toTimeline([
      {
        id: 1,
        at: '2026-03-01T10:00:00.000Z',
        userId: 'u1',
        deviceId: 'd',
        action: 'create',
        details: {
          id: [null, 'h1'],
          siteId: [null, 'main'],
          createdAt: [null, '2026-03-01T10:00:00.000Z'],
          _deleted: [null, false],
          nameKey: [null, 'quispe'],
          familyName: [null, 'Quispe'],
          arrivalMode: [null, 'detention_release'],
        },
      },
      { id: 2, at: '2026-03-01T11:00:00.000Z', userId: 'u1', deviceId: 'd', action: 'change', details: { nameKey: ['a', 'b'] } },
      { id: 3, at: '2026-03-01T12:00:00.000Z', userId: 'u1', deviceId: 'd', action: 'change', details: { _deleted: [false, true] } },
    ]);
    expect(timeline.map((e) => e.kind)).toEqual(['delete', 'create']);
    expect(timeline[1]?.changes.map((c) => c.field)).toEqual(['arrivalMode', 'familyName']);
  });

  it('tells a conflict and its resolution with both values', () => {
    const record: AuditEntry[] = [
      { id: 5, at: '2026-03-02T10:00:00.000Z', userId: 'u2', deviceId: 'd2', action: 'conflict', details: { field: 'contactPhone', conflictId: 'c1' } },
    ];
    const side = (valueJson: string) => ({ valueJson, userId: 'u', deviceId: 'd', at: '2026-03-02T09:00:00.000Z' });
    const conflict: AuditEntry[] = [
      {
        id: 6,
        at: '2026-03-02T10:00:00.000Z',
        userId: 'u2',
        deviceId: 'd2',
        action: 'create',
        details: { kept: [null, side('"+1 555 0101"')], rejected: [null, side('"+1 555 0202"')], status: [null, 'open'] },
      },
      {
        id: 9,
        at: '2026-03-04T10:00:00.000Z',
        userId: 'coord',
        deviceId: 'office',
        deviceName: 'Office laptop',
        action: 'change',
        details: { status: ['open', 'resolved'], resolution: [null, { valueJson: '"+1 555 0202"', by: 'coord', at: '2026-03-04T09:59:00.000Z' }] },
      },
    ];
    const timeline = toTimeline(record, new Map([['c1', conflict]]));
    expect(timeline.map((e) => e.kind)).toEqual(['conflictResolved', 'conflict']);
    expect(timeline[0]).toMatchObject({
      at: '2026-03-04T10:00:00.000Z',
      deviceName: 'Office laptop',
      conflict: { field: 'contactPhone', kept: '+1 555 0202', setAside: ['+1 555 0101'] },
    });
    expect(timeline[1]?.conflict).toEqual({ field: 'contactPhone', kept: '+1 555 0101', setAside: ['+1 555 0202'] });
  });
});
