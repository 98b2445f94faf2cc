/**
 * Builds the HTTP app without listening, so tests and main.ts start it the
 * same way: JSON API under /api, the built PWA everywhere else.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_BODY_BYTES } from '../../src/sync/protocol';
import type { Store } from './store/types';
import { InMemoryChangeNotifier, type ChangeNotifier } from './services/changes';
import { registerErrorHandlers } from './routes/errors';
import { registerHealthRoutes } from './routes/health';
import { registerStatic, spaFallback } from './routes/static';
import { registerStreamRoutes } from './routes/stream';
import { registerSyncRoutes } from './routes/sync';

export interface AppOptions {
  store: Store;
  /** Defaults to an in-process notifier (enough for one server process). */
  notifier?: ChangeNotifier;
  /** The built app (dist/); when absent only the API is served. */
  staticDir?: string;
  /** pino options, true for defaults, false (default) for silence. */
  logger?: FastifyServerOptions['logger'];
  /** Interval of SSE heartbeat comments; tests shorten it. */
  streamHeartbeatMs?: number;
}

export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: MAX_BODY_BYTES });
  const notifier =
    options.notifier ??
    new InMemoryChangeNotifier((error) => app.log.error({ err: error }, 'change listener failed'));

  // Only JSON bodies: a text/plain body is a client mistake (415), not a string to validate.
  app.removeContentTypeParser('text/plain');

  registerErrorHandlers(app, options.staticDir ? spaFallback : undefined);
  registerHealthRoutes(app);
  registerSyncRoutes(app, { store: options.store, notifier });
  registerStreamRoutes(app, {
    notifier,
    ...(options.streamHeartbeatMs === undefined ? {} : { heartbeatMs: options.streamHeartbeatMs }),
  });
  if (options.staticDir) registerStatic(app, options.staticDir);
  return app;
}
