/**
 * The browser tests run against the production build (service worker
 * included), served by the real sync server. Build it once per run into a
 * directory of its own so a developer's dist/ is left alone.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from './buildApp';

declare module 'vitest' {
  export interface ProvidedContext {
    appDir: string;
  }
}

export default async function setup(project: TestProject) {
  // One directory per run: two runs at once (two engineers, or a run while
  // another is still serving) must not rebuild each other's files mid-test.
  const appDir = path.resolve(`test-results/app-build-${process.pid}`);
  await buildApp(appDir, 'e2e-1');
  project.provide('appDir', appDir);
  return async () => {
    await rm(appDir, { recursive: true, force: true });
  };
}
