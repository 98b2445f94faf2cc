import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KEEP_DAYS,
  deviceScopeSiteSchema,
  isInScope,
  keepDaysForRoles,
  keepDaysOf,
  recordLeftAt,
  scopeEndsAt,
  scopeHouseholdId,
  scopeSettings,
  type DeviceScopeRule,
} from './deviceScope';

const departed = { id: 'h1', status: 'departed', updatedAt: '2026-03-01T10:00:00.000Z' };
const active = { id: 'h2', status: 'active', updatedAt: '2026-03-01T10:00:00.000Z' };
const rules: DeviceScopeRule[] = [
  { siteId: 'welcome-center', role: 'volunteer', keepDays: 3 },
  { siteId: 'welcome-center', role: 'driver', keepDays: null },
];

describe('device scope rules', () => {
  it('takes the administrator’s rule for the site and role, else the default', () => {
    expect(keepDaysOf(rules, 'welcome-center', 'volunteer')).toBe(3);
    expect(keepDaysOf(rules, 'other-site', 'volunteer')).toBe(DEFAULT_KEEP_DAYS.volunteer);
    expect(keepDaysOf(rules, 'welcome-center', 'coordinator')).toBeNull();
  });

  it('gives a person with several roles the most generous one', () => {
    expect(keepDaysForRoles(rules, 'welcome-center', ['volunteer', 'caseworker'])).toBe(90);
    expect(keepDaysForRoles(rules, 'welcome-center', ['volunteer', 'driver'])).toBeNull();
    expect(keepDaysForRoles(rules, 'welcome-center', [])).toBe(0);
  });

  it('says a family left when its household is no longer active, and its records follow it', () => {
    expect(recordLeftAt('households', departed, undefined)).toBe(departed.updatedAt);
    expect(recordLeftAt('households', { ...departed, status: 'merged' }, undefined)).toBe(departed.updatedAt);
    expect(recordLeftAt('households', active, undefined)).toBeUndefined();
    const person = { id: 'p1', householdId: 'h1' };
    expect(scopeHouseholdId('people', person)).toBe('h1');
    expect(recordLeftAt('people', person, departed)).toBe(departed.updatedAt);
    expect(recordLeftAt('travelLegs', { householdId: 'h2' }, active)).toBeUndefined();
    // A record whose household the server does not know stays.
    expect(recordLeftAt('people', person, undefined)).toBeUndefined();
  });

  it('closes a call when its status is closed; tasks and conflicts never leave', () => {
    expect(recordLeftAt('calls', { status: 'closed', updatedAt: '2026-03-02T00:00:00.000Z' }, undefined)).toBe(
      '2026-03-02T00:00:00.000Z',
    );
    expect(recordLeftAt('calls', { status: 'open', updatedAt: '2026-03-02T00:00:00.000Z' }, undefined)).toBeUndefined();
    expect(scopeHouseholdId('tasks', { householdId: 'h1' })).toBeUndefined();
    expect(recordLeftAt('tasks', { householdId: 'h1' }, departed)).toBeUndefined();
    expect(recordLeftAt('conflicts', { recordId: 'h1' }, departed)).toBeUndefined();
  });

  it('keeps a record until the window after it left has passed', () => {
    const ends = scopeEndsAt(departed.updatedAt, 14);
    expect(ends?.toISOString()).toBe('2026-03-15T10:00:00.000Z');
    expect(isInScope(ends, new Date('2026-03-15T09:59:59.999Z'))).toBe(true);
    expect(isInScope(ends, new Date('2026-03-15T10:00:00.000Z'))).toBe(false);
    expect(scopeEndsAt(departed.updatedAt, null)).toBeUndefined();
    expect(scopeEndsAt(undefined, 14)).toBeUndefined();
    expect(isInScope(undefined, new Date('2100-01-01T00:00:00.000Z'))).toBe(true);
    // 0 days: gone as soon as the family left.
    expect(isInScope(scopeEndsAt(departed.updatedAt, 0), new Date(departed.updatedAt))).toBe(false);
  });

  it('fills every role of every site for the settings screen', () => {
    const settings = scopeSettings(rules, ['welcome-center']);
    expect(settings.sites[0]?.keepDays.volunteer).toBe(3);
    expect(settings.sites[0]?.keepDays.caseworker).toBe(90);
    expect(settings.sites[0]?.keepDays.driver).toBeNull();
  });

  it('refuses negative, fractional or absurd windows and unknown roles', () => {
    expect(deviceScopeSiteSchema.safeParse({ siteId: 's', keepDays: { volunteer: -1 } }).success).toBe(false);
    expect(deviceScopeSiteSchema.safeParse({ siteId: 's', keepDays: { volunteer: 1.5 } }).success).toBe(false);
    expect(deviceScopeSiteSchema.safeParse({ siteId: 's', keepDays: { volunteer: 100_000 } }).success).toBe(false);
    expect(deviceScopeSiteSchema.safeParse({ siteId: 's', keepDays: { pilot: 3 } }).success).toBe(false);
    expect(deviceScopeSiteSchema.safeParse({ siteId: 's', keepDays: { volunteer: 3, driver: null } }).success).toBe(true);
  });
});
