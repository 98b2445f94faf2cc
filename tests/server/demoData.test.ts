/**
 * The demo reads true to life (issue 17): nobody speaks "Spanish, Spanish",
 * a person's recorded sex matches the given name the generator chose for it,
 * every device has a name a person would give it ("Front desk tablet 1"),
 * and a record's history has its creation before its changes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEMALE_NAMES, MALE_NAMES } from '../../bench/dataset';
import { seedDemo } from '../../sync-server/src/services/demoSeed';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import type { Store } from '../../sync-server/src/store/types';

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waystation-demo-data-'));
  store = openSqliteStore(join(dir, 'demo.sqlite'));
  await store.migrate();
  await seedDemo(store, { size: 'small' });
}, 120_000);

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the demo data', () => {
  it('lists each language of a person once, and gives each sex a name of that sex', async () => {
    const people = (await store.pull('people', 0, 100_000)).documents.map((d) => d.doc);
    expect(people.length).toBeGreaterThan(50);
    const female = new Set(FEMALE_NAMES);
    const male = new Set(MALE_NAMES);
    for (const person of people) {
      const languages = person.languages as string[];
      expect(new Set(languages).size, JSON.stringify(languages)).toBe(languages.length);
      const name = String(person.givenName);
      if (person.sex === 'female') expect(male.has(name), `${name} recorded as female`).toBe(false);
      if (person.sex === 'male') expect(female.has(name), `${name} recorded as male`).toBe(false);
    }
  });

  it('names every device its records came from as a person would', async () => {
    const entries = await store.listAudit({ limit: 100_000 });
    const deviceIds = [...new Set(entries.filter((e) => e.action === 'create').map((e) => e.deviceId))];
    const names = await store.deviceNames(deviceIds);
    for (const id of deviceIds) expect(names.get(id), id).toMatch(/^[A-Z][a-z]+( [a-z]+)* (tablet|phone|laptop|PC) \d+$/);
    expect([...names.values()]).toContain('Front desk tablet 1');
  });

  it('records a conflicted record’s creation before the edits that clashed', async () => {
    const conflicts = (await store.listAudit({ limit: 100_000 })).filter((e) => e.action === 'conflict');
    expect(conflicts.length).toBeGreaterThan(0);
    for (const conflict of conflicts) {
      const trail = await store.listAudit({ recordId: conflict.recordId ?? '', limit: 1000 });
      const created = trail.find((e) => e.action === 'create');
      for (const change of trail.filter((e) => e.action === 'change')) {
        expect(change.at >= (created?.at ?? ''), `${change.at} before ${created?.at}`).toBe(true);
      }
    }
  });
});
