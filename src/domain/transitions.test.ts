import { describe, expect, it } from 'vitest';
import { LEG_STATUSES, LEG_TRANSITIONS, canChangeLegStatus, nextLegStatus, withLegStatus, type TravelLeg } from './travel';
import { withMilestoneStatus } from './milestones';
import { withTaskStatus } from './tasks';
import { StatusTransitionError } from './transitions';

const at = new Date('2026-05-01T07:15:00.000Z');

describe('travel leg status', () => {
  it('a change appends to the history and never rewrites it', () => {
    const leg: Pick<TravelLeg, 'status' | 'statusHistory'> = {
      status: 'ticketed',
      statusHistory: [{ status: 'ticketed', by: 'u-coord', at: '2026-04-30T12:00:00.000Z' }],
    };
    const picked = withLegStatus(leg, 'picked_up', 'u-driver', at);
    expect(picked.status).toBe('picked_up');
    expect(picked.statusHistory).toEqual([
      { status: 'ticketed', by: 'u-coord', at: '2026-04-30T12:00:00.000Z' },
      { status: 'picked_up', by: 'u-driver', at: '2026-05-01T07:15:00.000Z' },
    ]);
    expect(leg.statusHistory).toHaveLength(1);
  });

  it('refuses a change the table does not allow', () => {
    expect(() => withLegStatus({ status: 'boarded', statusHistory: [] }, 'planned', 'u', at)).toThrow(StatusTransitionError);
    expect(canChangeLegStatus('cancelled', 'boarded')).toBe(false);
    expect(canChangeLegStatus('at_station', 'boarded')).toBe(true);
  });

  it('the one-tap next step is always an allowed change, and the day ends at boarded', () => {
    for (const status of LEG_STATUSES) {
      const next = nextLegStatus(status);
      if (next) expect(LEG_TRANSITIONS[status]).toContain(next);
    }
    expect(nextLegStatus('ticketed')).toBe('picked_up');
    expect(nextLegStatus('boarded')).toBeUndefined();
  });

  it('every status can be reached from planned', () => {
    const seen = new Set(['planned']);
    const queue = ['planned'] as (typeof LEG_STATUSES)[number][];
    while (queue.length) for (const next of LEG_TRANSITIONS[queue.shift()!]) if (!seen.has(next)) (seen.add(next), queue.push(next));
    expect([...seen].sort()).toEqual([...LEG_STATUSES].sort());
  });
});

describe('milestone and task status', () => {
  it('a missed filing can still be done late; a done one can be reopened', () => {
    expect(withMilestoneStatus({ status: 'missed' }, 'done').status).toBe('done');
    expect(withMilestoneStatus({ status: 'done' }, 'upcoming').status).toBe('upcoming');
    expect(() => withMilestoneStatus({ status: 'cancelled' }, 'done')).toThrow(StatusTransitionError);
  });
  it('tasks open, complete and reopen', () => {
    expect(withTaskStatus({ status: 'open' }, 'done').status).toBe('done');
    expect(withTaskStatus({ status: 'done' }, 'open').status).toBe('open');
    expect(() => withTaskStatus({ status: 'done' }, 'cancelled')).toThrow(StatusTransitionError);
  });
});
