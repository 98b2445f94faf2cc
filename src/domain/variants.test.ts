import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { threeWayMerge } from './merge';
import { matchesPath, variantPaths } from './variants';

const outcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('a'), x: z.string() }).strict(),
  z.object({ kind: z.literal('b'), y: z.string() }).strict(),
]);

describe('variant paths', () => {
  it('finds unions at any depth, under optional wrappers and inside maps', () => {
    const schema = z.object({
      id: z.string(),
      outcome: outcome.optional(),
      nested: z.object({ choice: z.union([z.string(), z.number()]) }),
      log: z.record(z.string(), z.object({ result: outcome })),
    });
    expect(variantPaths(schema)).toEqual(['outcome', 'nested.choice', 'log.*.result']);
    expect(matchesPath(variantPaths(schema), 'log.e1.result')).toBe(true);
    expect(matchesPath(variantPaths(schema), 'log.e1')).toBe(false);
    expect(matchesPath(variantPaths(schema), 'outcome.kind')).toBe(false);
  });

  it('makes the merge take a variant object as one value', () => {
    const base = { id: '1' };
    const current = { id: '1', outcome: { kind: 'a', x: 'one' } };
    const incoming = { id: '1', outcome: { kind: 'b', y: 'two' } };
    const fieldByField = threeWayMerge<Record<string, unknown>>(base, current, incoming);
    expect(outcome.safeParse(fieldByField.merged.outcome).success).toBe(false);
    const whole = threeWayMerge<Record<string, unknown>>(base, current, incoming, {
      atomic: (path) => matchesPath(['outcome'], path),
    });
    expect(whole.merged.outcome).toEqual({ kind: 'a', x: 'one' });
    expect(whole.clashes).toEqual([
      { path: 'outcome', base: undefined, kept: current.outcome, rejected: incoming.outcome },
    ]);
  });
});
