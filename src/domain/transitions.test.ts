import { describe, expect, it } from 'vitest';
import {
  LEG_STATUSES,
  LEG_TRANSITIONS,
  canChangeLegStatus,
  legHistory,
  nextLegStatus,
  legDestinationText,
  withLegStatus,
  withLegStatusUndone,
  type TravelLeg,
} from './travel';
import { threeWayMerge } from './merge';
import { withMilestoneStatus } from './milestones';
import { withTaskStatus } from './tasks';
import { StatusTransitionError } from './transitions';

const at = new Date('2026-05-01T07:15:00.000Z');

describe('travel leg status', () => {
  const ticketed: Pick<TravelLeg, 'status' | 'statusHistory'> = {
    status: 'ticketed',
    statusHistory: { e1: { status: 'ticketed', by: 'u-coord', at: '2026-04-30T12:00:00.000Z' } },
  };

  it('a change adds to the history and never rewrites it', () => {
    const picked = withLegStatus(ticketed, 'picked_up', 'u-driver', at, 'e2');
    expect(picked.status).toBe('picked_up');
    expect(legHistory(picked)).toEqual([
      { id: 'e1', status: 'ticketed', by: 'u-coord', at: '2026-04-30T12:00:00.000Z' },
      { id: 'e2', status: 'picked_up', by: 'u-driver', at: '2026-05-01T07:15:00.000Z' },
    ]);
    expect(Object.keys(ticketed.statusHistory)).toEqual(['e1']);
  });

  it('changes made offline on two devices keep both history entries through the sync merge', () => {
    const driver = withLegStatus(ticketed, 'picked_up', 'u-driver', at, 'e-driver');
    const sameStatus = withLegStatus(ticketed, 'picked_up', 'u-volunteer', new Date('2026-05-01T07:16:00.000Z'), 'e-vol');
    const merged = threeWayMerge({ ...ticketed }, { ...driver }, { ...sameStatus });
    expect(merged.clashes).toEqual([]);
    expect(legHistory(merged.merged).map((h) => h.by)).toEqual(['u-coord', 'u-driver', 'u-volunteer']);

    // Different statuses are a real clash (a conflict to resolve), but the history still keeps both.
    const cancelled = withLegStatus(ticketed, 'cancelled', 'u-coord', new Date('2026-05-01T07:20:00.000Z'), 'e-cancel');
    const clash = threeWayMerge({ ...ticketed }, { ...driver }, { ...cancelled });
    expect(clash.clashes.map((c) => c.path)).toEqual(['status']);
    expect(legHistory(clash.merged).map((h) => h.status)).toEqual(['ticketed', 'picked_up', 'cancelled']);
  });

  it('refuses a change the table does not allow', () => {
    expect(() => withLegStatus({ status: 'boarded', statusHistory: {} }, 'planned', 'u', at)).toThrow(StatusTransitionError);
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
    // A no-show offers no "Mark picked up": the driver undoes a mistaken tap instead.
    expect(nextLegStatus('no_show')).toBeUndefined();
  });

  it('an undone tap writes the earlier status back as a new entry, even where the table has no step back', () => {
    const planned: Pick<TravelLeg, 'status' | 'statusHistory'> = {
      status: 'planned',
      statusHistory: { e1: { status: 'planned', by: 'u-coord', at: '2026-04-30T12:00:00.000Z' } },
    };
    const picked = withLegStatus(planned, 'picked_up', 'u-driver', at, 'e2');
    expect(canChangeLegStatus('picked_up', 'planned')).toBe(false);
    const undone = withLegStatusUndone(picked, 'picked_up', 'planned', 'u-driver', new Date('2026-05-01T07:15:30.000Z'), 'e3');
    expect(undone.status).toBe('planned');
    expect(legHistory(undone).map((h) => [h.id, h.status])).toEqual([
      ['e1', 'planned'],
      ['e2', 'picked_up'],
      ['e3', 'planned'],
    ]);
    // Changed since the tap (here or by sync): the undo is refused rather than overwrite the newer status.
    const moved = withLegStatus(picked, 'at_station', 'u-coord', at, 'e4');
    expect(() => withLegStatusUndone(moved, 'picked_up', 'planned', 'u-driver', at)).toThrow(StatusTransitionError);
  });

  it('names the destination once', () => {
    expect(legDestinationText('New York, NY', 'New York')).toBe('New York, NY');
    expect(legDestinationText('Denver bus center', 'Denver')).toBe('Denver bus center');
    expect(legDestinationText('Houston Hobby', 'Dallas')).toBe('Houston Hobby, Dallas');
    expect(legDestinationText('Bogotá, CO', 'bogota')).toBe('Bogotá, CO');
    expect(legDestinationText('PHX Terminal 4', undefined)).toBe('PHX Terminal 4');
  });

  it('every status can be reached from planned', () => {
    const seen = new Set(['planned']);
    const queue = ['planned'] as (typeof LEG_STATUSES)[number][];
    for (let status = queue.shift(); status; status = queue.shift()) {
      for (const next of LEG_TRANSITIONS[status]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
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
