import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * ESLint keeps a feature to another's index.ts (eslint.config.js, FEATURE_IMPORTS); this keeps the features out
 * of circles, which no lint rule here sees: a page made of several features is composed in src/app's routes.
 */
const FEATURES = dirname(fileURLToPath(import.meta.url));
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.[^']+)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Feature → the other features its production files import (statically or lazily). */
function featureImports(features: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(features)) {
    const [from = ''] = relative(features, file).split('/');
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const [, specifier = ''] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = relative(features, resolve(dirname(file), specifier));
      const [to = ''] = target.split('/');
      if (!target.startsWith('..') && to !== from) targets.add(to);
    }
  }
  return graph;
}

/** Each circle once, as the features along it, starting from the first in alphabetical order. */
function circles(graph: Map<string, Set<string>>): string[][] {
  const found = new Map<string, string[]>();
  const walk = (path: string[]) => {
    for (const next of graph.get(path[path.length - 1] ?? '') ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const circle = path.slice(at);
        const first = circle.indexOf([...circle].sort()[0] ?? '');
        const rotated = [...circle.slice(first), ...circle.slice(0, first)];
        found.set(rotated.join(' → '), rotated);
      } else walk([...path, next]);
    }
  };
  for (const feature of [...graph.keys()].sort()) walk([feature]);
  return [...found.values()];
}

describe('features', () => {
  it('import one another in no circle', () => {
    expect(circles(featureImports(FEATURES)).map((circle) => circle.join(' → '))).toEqual([]);
  });

  it('would show a circle such as intake and the welcome center importing each other', () => {
    const graph = new Map([
      ['intake', new Set(['welcomeCenter'])],
      ['welcomeCenter', new Set(['cases'])],
      ['cases', new Set(['intake'])],
      ['travel', new Set(['intake'])],
    ]);
    expect(circles(graph)).toEqual([['cases', 'intake', 'welcomeCenter']]);
  });
});
