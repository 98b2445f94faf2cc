/**
 * The browser tests run against the production build (service worker
 * included), served by the real sync server. Build it once per run into a
 * directory of its own so a developer's dist/ is left alone.
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from './buildApp';

declare module 'vitest' {
  export interface ProvidedContext {
    appDir: string;
  }
}

export default async function setup(project: TestProject) {
  const appDir = path.resolve('test-results/app-build');
  await buildApp(appDir, 'e2e-1');
  project.provide('appDir', appDir);
}
