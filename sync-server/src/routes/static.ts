/**
 * Serves the built app. The service worker, its registration script, the
 * manifest and index.html must be revalidated on every load, or a device can
 * stay on an old version forever; hashed files under /assets never change
 * and may be cached for a year. Any other unknown page path gets index.html,
 * so the app's own router handles deep links.
 *
 * `vite build` writes brotli (.br) and gzip (.gz) copies beside the larger
 * files; a browser that accepts them gets one with its Content-Encoding, and
 * every answer varies on Accept-Encoding so no cache hands a compressed body
 * to a client that cannot read it.
 */
import { basename, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendApiError } from './errors';

const ALWAYS_REVALIDATE = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=3600';

/** The file a precompressed copy stands for (its caching follows that file's). */
function originalOf(filePath: string): string {
  return filePath.replace(/\.(br|gz)$/, '');
}

function cacheControlFor(root: string, filePath: string): string {
  if (ALWAYS_REVALIDATE.has(basename(originalOf(filePath)))) return 'no-cache';
  return relative(root, filePath).startsWith(`assets${sep}`) ? IMMUTABLE : SHORT;
}

export function registerStatic(app: FastifyInstance, root: string) {
  app.register(fastifyStatic, {
    root,
    cacheControl: false,
    preCompressed: true,
    setHeaders: (response, filePath) => {
      response.setHeader('Cache-Control', cacheControlFor(root, filePath));
      response.setHeader('Vary', 'Accept-Encoding');
    },
  });
}

/** The not-found fallback for page paths (everything outside /api). */
export function spaFallback(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0] ?? '';
  // A missing hashed asset must stay a 404: answering HTML for a script would be cached as that script.
  if ((request.method !== 'GET' && request.method !== 'HEAD') || path.startsWith('/assets/')) {
    request.log.info({ status: 404, reason: 'not_found' }, 'request rejected');
    return sendApiError(reply, 404, { error: 'not_found', message: `No such file: ${path}` });
  }
  return reply.sendFile('index.html');
}
