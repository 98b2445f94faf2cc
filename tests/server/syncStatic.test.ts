/**
 * The server also serves the installed app: the service worker and entry
 * page are always revalidated (or devices stay on an old version), hashed
 * assets are cached for good, and deep links fall back to index.html.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';

let dir: string;
let server: TestServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waystation-dist-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Waystation</title>');
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(dir, 'registerSW.js'), '/* register */');
  await writeFile(join(dir, 'manifest.webmanifest'), '{"name":"Waystation"}');
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
  server = await startTestServer({ staticDir: dir });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('static app', () => {
  it.each(['/', '/index.html', '/sw.js', '/registerSW.js', '/manifest.webmanifest'])(
    '%s is served with no-cache',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    },
  );

  it('caches hashed assets for a year, immutable', async () => {
    const response = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a deep link with index.html so the app router takes over', async () => {
    const response = await fetch(`${server.url}/households/h1/edit`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>Waystation</title>');
  });

  it('keeps a missing hashed asset a 404 instead of answering HTML for a script', async () => {
    const response = await fetch(`${server.url}/assets/gone-999.js`);
    expect(response.status).toBe(404);
  });

  it('still answers unknown API routes with JSON 404', async () => {
    const response = await fetch(`${server.url}/api/unknown`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });
});
