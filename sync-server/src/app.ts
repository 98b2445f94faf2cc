/**
 * Builds the HTTP app without listening, so tests and main.ts start it the
 * same way: JSON API under /api, the built PWA everywhere else.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { MAX_BODY_BYTES, type DemoResponse } from '@waystation/protocol';
import { registerContractSerializer } from './routes/contract';
import type { Store } from './store/types';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from './services/auth';
import { InMemoryChangeNotifier, type ChangeNotifier } from './services/changes';
import { recheckSignIn, requireSignIn } from './routes/actor';
import { registerAdminRoutes } from './routes/admin';
import { registerAttachmentRoutes } from './routes/attachments';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from './attachments/attachmentService';
import type { BlobStore } from './attachments/blobStore';
import { registerDeviceRoutes } from './routes/devices';
import { registerDeviceScopeRoutes } from './routes/deviceScope';
import { registerImportRoutes } from './routes/importRows';
import { registerErasureRoutes } from './routes/erasure';
import type { RetentionPolicy } from '@waystation/domain/retention';
import { scheduleRetention } from './services/retention';
import { registerAuditRoutes } from './routes/audit';
import { registerExportAuditRoutes } from './routes/exportAudit';
import { registerLoginRoute, registerSessionRoutes } from './routes/auth';
import { registerErrorHandlers } from './routes/errors';
import { registerDemoRoute } from './routes/demo';
import { registerHealthRoutes } from './routes/health';
import { registerHelplineRoutes } from './routes/helpline';
import { registerJsonBodyParser } from './routes/jsonBody';
import { registerSecurityHeaders } from './routes/securityHeaders';
import { registerProtocolCheck, type ProtocolOptions } from './routes/protocolVersion';
import { registerStatic, spaFallback } from './routes/static';
import { registerStreamRoutes } from './routes/stream';
import { registerSyncRoutes } from './routes/sync';
import { registerMessageRoutes, registerTwilioWebhooks, type TwilioWebhookConfig } from './routes/messages';
import { LogProvider } from './services/messaging/logProvider';
import type { MessageProvider } from './services/messaging/provider';
import { kickingVerifiers, VerifierFollower } from './services/verifierFollower';

declare module 'fastify' {
  interface FastifyInstance {
    /** Writes the verifiers of people and sensitive records after their pushes (tests await `settle()`). */
    verifiers: VerifierFollower;
  }
}

export interface AppOptions {
  store: Store;
  /** Days each collection keeps its deleted versions, purged every `everyMs` by the app's clock (none: kept for good). */
  retention?: { policy: RetentionPolicy; everyMs: number };
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
  /**
   * How long a client has to send a whole request, headers and body (408 and the connection
   * closed after): a body that never completes must not hold a connection. Tests shorten it.
   */
  requestTimeoutMs?: number;
  /** A connection with no traffic either way for this long is closed (open change streams send heartbeats). */
  connectionTimeoutMs?: number;
  /** Devices reach the server over HTTPS (BEHIND_TLS=1): security headers include HSTS. */
  behindTls?: boolean;
  /** Demo mode's answer to GET /api/demo (main.ts sets it only after services/demo.ts checked the data). */
  demo?: DemoResponse;
  /** The protocol versions this server speaks and serves (tests pretend to be another release). */
  protocol?: ProtocolOptions;
  /** Where documents' content is kept (without it, the document routes are not served) and its caps. */
  attachments?: { blobs: BlobStore; limits?: Partial<AttachmentLimits> };
  /** Messages to families: the provider (default: the log provider) and Twilio's webhook settings when it is Twilio. */
  messaging?: { provider: MessageProvider; twilioWebhooks?: TwilioWebhookConfig };
}

/** A full push (MAX_BODY_BYTES) over a slow mobile line (~300 kbit/s) fits well within this. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
export const DEFAULT_CONNECTION_TIMEOUT_MS = 5 * 60_000;

export function buildApp(options: AppOptions): FastifyInstance {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    requestTimeout,
    connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    http: {
      // Headers are part of the request: they get no longer than the whole of it.
      headersTimeout: Math.min(60_000, requestTimeout),
      // Node checks the timeouts above only this often (default 30 s): a short timeout needs a short check.
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(requestTimeout / 4))),
    },
  });
  const now = options.clock ?? (() => new Date());
  const store = options.store;
  const changes =
    options.notifier ??
    new InMemoryChangeNotifier((error) => app.log.error({ err: error }, 'change listener failed'));
  // Verifiers are written after a push is answered; every write of this process to people or sensitive
  // records (push, import, erasure) kicks the follower through the notifier the routes get.
  const verifiers = new VerifierFollower({
    store,
    notifier: changes,
    now: () => now().toISOString(),
    onError: (error) => app.log.error({ err: error }, 'verifiers could not be brought up to date'),
  });
  const notifier = kickingVerifiers(changes, verifiers);
  app.decorate('verifiers', verifiers);
  app.addHook('onReady', async () => verifiers.start());
  app.addHook('onClose', async () => verifiers.stop());

  registerContractSerializer(app);
  registerSecurityHeaders(app, { behindTls: options.behindTls ?? false });
  registerProtocolCheck(app, options.protocol);
  // Only JSON bodies: a text/plain body is a client mistake (415), not a string to validate.
  app.removeContentTypeParser('text/plain');
  registerJsonBodyParser(app);

  const authDeps = { store, now, settings: { ...DEFAULT_AUTH_SETTINGS, ...options.auth } };

  registerErrorHandlers(app, options.staticDir ? spaFallback : undefined);
  // Public: health, whether this is a demo, and sign-in only.
  registerHealthRoutes(app);
  registerDemoRoute(app, options.demo ?? { demo: false });
  registerLoginRoute(app, authDeps);
  const messageProvider = options.messaging?.provider ?? new LogProvider(app.log, store.messages, now);
  registerTwilioWebhooks(app, { store, now, notifier }, options.messaging?.twilioWebhooks);
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
    registerHelplineRoutes(api, authDeps);
    registerExportAuditRoutes(api, { store, now });
    registerAdminRoutes(api, { store, now, notifier });
    registerDeviceRoutes(api, { store, now, notifier });
    registerDeviceScopeRoutes(api, { store, now });
    registerImportRoutes(api, { store, now, notifier });
    if (options.attachments) {
      registerAttachmentRoutes(api, {
        store,
        now,
        blobs: options.attachments.blobs,
        limits: { ...DEFAULT_ATTACHMENT_LIMITS, ...options.attachments.limits },
      });
    }
    registerMessageRoutes(api, { store, now, notifier, provider: messageProvider });
    registerErasureRoutes(api, { store, now, notifier });
  });
  if (options.staticDir) registerStatic(app, options.staticDir);
  if (options.retention) {
    const stop = scheduleRetention(store, options.retention.policy, now, options.retention.everyMs, (error) =>
      app.log.error({ err: error }, 'retention purge failed'),
    );
    app.addHook('onClose', async () => stop());
  }
  return app;
}
