import { describe, expect, it } from 'vitest';
import { homePathFor } from './access';

describe("each role's first screen", () => {
  it('is the role’s own work', () => {
    expect(homePathFor(['driver'])).toBe('/driver');
    expect(homePathFor(['helpline_agent'])).toBe('/helpline');
    expect(homePathFor(['case_officer'])).toBe('/queue');
    expect(homePathFor(['volunteer'])).toBe('/');
    expect(homePathFor(['caseworker'])).toBe('/');
    expect(homePathFor(['coordinator'])).toBe('/dashboard');
    expect(homePathFor(['admin'])).toBe('/admin');
    expect(homePathFor([])).toBe('/account');
  });

  it('is the broadest one for a person with several roles', () => {
    expect(homePathFor(['driver', 'volunteer'])).toBe('/');
    expect(homePathFor(['admin', 'coordinator'])).toBe('/dashboard');
  });
});
