/**
 * Builds the HTTP app without listening, so tests and main.ts start it the
 * same way: JSON API under /api, the built PWA everywhere else.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_BODY_BYTES, type DemoResponse } from '../../src/sync/protocol';
import type { Store } from './store/types';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from './services/auth';
import { InMemoryChangeNotifier, type ChangeNotifier } from './services/changes';
import { recheckSignIn, requireSignIn } from './routes/actor';
import { registerAdminRoutes } from './routes/admin';
import { registerAuditRoutes } from './routes/audit';
import { registerExportAuditRoutes } from './routes/exportAudit';
import { registerLoginRoute, registerSessionRoutes } from './routes/auth';
import { registerErrorHandlers } from './routes/errors';
import { registerDemoRoute } from './routes/demo';
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
  /** Session lifetime and sign-in throttling; defaults to DEFAULT_AUTH_SETTINGS. */
  auth?: Partial<AuthSettings>;
  /** The server's clock; tests move it to expire sessions and locks. */
  clock?: () => Date;
  /** Demo mode's answer to GET /api/demo (main.ts sets it only after services/demo.ts checked the data). */
  demo?: DemoResponse;
}

export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: MAX_BODY_BYTES });
  const notifier =
    options.notifier ??
    new InMemoryChangeNotifier((error) => app.log.error({ err: error }, 'change listener failed'));

  // Only JSON bodies: a text/plain body is a client mistake (415), not a string to validate.
  app.removeContentTypeParser('text/plain');

  const now = options.clock ?? (() => new Date());
  const store = options.store;
  const authDeps = { store, now, settings: { ...DEFAULT_AUTH_SETTINGS, ...options.auth } };

  registerErrorHandlers(app, options.staticDir ? spaFallback : undefined);
  // Public: health, whether this is a demo, and sign-in only.
  registerHealthRoutes(app);
  registerDemoRoute(app, options.demo ?? { demo: false });
  registerLoginRoute(app, authDeps);
  // Everything else under /api needs a live session. The hook belongs to this
  // scope's routes, so no route registered here can be reached without it.
  app.register(async (api) => {
    api.addHook('onRequest', requireSignIn(authDeps));
    registerSessionRoutes(api, authDeps, notifier);
    registerSyncRoutes(api, { store, notifier, now: () => now().toISOString() });
    registerStreamRoutes(api, {
      notifier,
      recheck: recheckSignIn(authDeps),
      ...(options.streamHeartbeatMs === undefined ? {} : { heartbeatMs: options.streamHeartbeatMs }),
    });
    registerAuditRoutes(api, { store, now });
    registerExportAuditRoutes(api, { store, now });
    registerAdminRoutes(api, { store, now, notifier });
  });
  if (options.staticDir) registerStatic(app, options.staticDir);
  return app;
}
