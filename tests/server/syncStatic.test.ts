/**
 * The server also serves the installed app: the service worker and entry
 * page are always revalidated (or devices stay on an old version), hashed
 * assets are cached for good, and deep links fall back to index.html.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';

let dir: string;
let server: TestServer;
const DATABASE_CHUNK = `export const rows = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ id: i, name: 'row' })))};`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waystation-dist-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Waystation</title>');
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(dir, 'registerSW.js'), '/* register */');
  await writeFile(join(dir, 'manifest.webmanifest'), '{"name":"Waystation"}');
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1);');
  // As `vite build` leaves the database chunk: the file and its brotli and gzip copies.
  await writeFile(join(dir, 'assets', 'database-abc123.js'), DATABASE_CHUNK);
  await writeFile(join(dir, 'assets', 'database-abc123.js.br'), brotliCompressSync(DATABASE_CHUNK));
  await writeFile(join(dir, 'assets', 'database-abc123.js.gz'), gzipSync(DATABASE_CHUNK));
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

  describe('security headers', () => {
    /** The policy as directive → sources. */
    function policyOf(response: Response): Map<string, string[]> {
      const header = response.headers.get('content-security-policy') ?? '';
      return new Map(
        header
          .split(';')
          .map((part) => part.trim().split(/\s+/))
          .filter((words) => words[0])
          .map(([name, ...sources]) => [name!, sources]),
      );
    }

    it.each(['/', '/index.html', '/sw.js', '/assets/index-abc123.js', '/households/h1/edit', '/api/health', '/api/unknown', '/api/auth/me'])(
      '%s: scripts only from the app itself, never framed, no sniffing, no referrer',
      async (path) => {
        const response = await fetch(`${server.url}${path}`);
        const policy = policyOf(response);
        expect(policy.get('script-src')).toEqual(["'self'"]);
        expect(policy.get('default-src')).toEqual(["'self'"]);
        expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
        expect(policy.get('object-src')).toEqual(["'none'"]);
        expect(response.headers.get('content-security-policy')).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('referrer-policy')).toBe('no-referrer');
        // Plain HTTP (a trial on a LAN): no HSTS, no upgrade of the app's own requests.
        expect(response.headers.get('strict-transport-security')).toBeNull();
        expect(policy.has('upgrade-insecure-requests')).toBe(false);
      },
    );

    it('sends HSTS and upgrade-insecure-requests when the deployment is behind TLS', async () => {
      const behindTls = await startTestServer({ staticDir: dir, behindTls: true });
      try {
        for (const path of ['/', '/api/health']) {
          const response = await fetch(`${behindTls.url}${path}`);
          expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
          expect(policyOf(response).has('upgrade-insecure-requests')).toBe(true);
        }
      } finally {
        await behindTls.close();
      }
    });
  });

  describe('compression', () => {
    /** node:http rather than fetch: fetch decodes the body and hides what went over the wire. */
    async function getRaw(path: string, acceptEncoding?: string) {
      const { request } = await import('node:http');
      return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        const req = request(`${server.url}${path}`, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    }

    it('serves the database chunk brotli-compressed to a browser that accepts it, gzip to one that accepts only gzip', async () => {
      const br = await getRaw('/assets/database-abc123.js', 'gzip, deflate, br, zstd');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.body.length).toBeLessThan(DATABASE_CHUNK.length / 3);
      expect(brotliDecompressSync(br.body).toString()).toBe(DATABASE_CHUNK);

      const gz = await getRaw('/assets/database-abc123.js', 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).toString()).toBe(DATABASE_CHUNK);
    });

    it('serves the file as it is to a client that accepts no compression', async () => {
      const plain = await getRaw('/assets/database-abc123.js');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.body.toString()).toBe(DATABASE_CHUNK);
    });
  });
});
