/**
 * Serves the built app. The service worker, its registration script, the
 * manifest and index.html must be revalidated on every load, or a device can
 * stay on an old version forever; hashed files under /assets never change
 * and may be cached for a year. Any other unknown page path gets index.html,
 * so the app's own router handles deep links.
 */
import { basename, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendApiError } from './errors';

const ALWAYS_REVALIDATE = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=3600';

function cacheControlFor(root: string, filePath: string): string {
  if (ALWAYS_REVALIDATE.has(basename(filePath))) return 'no-cache';
  return relative(root, filePath).startsWith(`assets${sep}`) ? IMMUTABLE : SHORT;
}

export function registerStatic(app: FastifyInstance, root: string) {
  app.register(fastifyStatic, {
    root,
    cacheControl: false,
    setHeaders: (response, filePath) => {
      response.setHeader('Cache-Control', cacheControlFor(root, filePath));
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
