import { describe, expect, it } from 'vitest';
import { toTimeline } from './historyTimeline';

describe('record history timeline', () => {
  it('orders newest first and lists field changes old → new', () => {
    const timeline = toTimeline([
      { id: 1, at: '2026-03-01T10:00:00.000Z', userId: 'u1', deviceId: 'tab-1', action: 'create', details: { familyName: [null, 'Quispe'] } },
      {
        id: 2,
        at: '2026-03-02T10:00:00.000Z',
        userId: 'u2',
        deviceId: 'tab-2',
        action: 'change',
        details: { 'sponsor.phone': ['+1 555 0100', '+1 555 0199'], contactPhone: [null, '+1 555'] },
      },
      { id: 3, at: '2026-03-02T11:00:00.000Z', userId: 'u3', deviceId: 'pc', action: 'read', details: { receivedAt: 'x' } },
    ]);
    expect(timeline.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(timeline[0]?.changes).toEqual([]);
    expect(timeline[1]?.changes).toEqual([
      { field: 'contactPhone', before: null, after: '+1 555' },
      { field: 'sponsor.phone', before: '+1 555 0100', after: '+1 555 0199' },
    ]);
    expect(timeline[2]).toMatchObject({ userId: 'u1', deviceId: 'tab-1', action: 'create' });
  });
});
