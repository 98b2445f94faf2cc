/**
 * Starts the sync server: config, store, migrations, HTTP. `npm start` runs this after `vite build`.
 *
 * With DATABASE_URL set, the documents live in PostgreSQL and several of these
 * processes may run on one database: migrations wait on an advisory lock, and
 * change notifications travel between processes over LISTEN/NOTIFY.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { openBlobStore } from './attachments/openBlobStore';
import { loadConfig } from './config';
import { bootstrap, bootstrapNotice } from './services/bootstrap';
import { checkDemoMode } from './services/demo';
import type { ChangeNotifier } from './services/changes';
import { PgChangeNotifier } from './services/pgNotifier';
import { describeDatabase, openConfiguredStore } from './store/open';
import { holdServerLock, type ServerLock } from './store/serverLock';
import { MessageDispatcher } from './services/messaging/dispatcher';
import { LogProvider } from './services/messaging/logProvider';
import type { MessageProvider } from './services/messaging/provider';
import { TwilioProvider } from './services/messaging/twilio';

async function main() {
  const config = loadConfig();
  // Before the store opens: demo mode and demo data must go together (services/demo.ts).
  const demo = checkDemoMode(config);
  // Errors from the database clients can arrive before the app (and its logger) exists.
  const started: { app?: FastifyInstance } = {};
  const logError = (message: string) => (error: unknown) => {
    if (started.app) started.app.log.error({ err: error }, message);
    else console.error(`${message}:`, error);
  };

  const store = openConfiguredStore(config.database, logError('idle database connection failed'));
  let pgNotifier: PgChangeNotifier | undefined;
  let serverLock: ServerLock | undefined;
  try {
    // Held while this process runs: the restore tool refuses to replace data under it.
    serverLock = await holdServerLock(config.database);
    await store.migrate();
    const firstStart = await bootstrap(
      store,
      config.adminPassword ? { adminPassword: config.adminPassword } : {},
    );
    const notice = bootstrapNotice(firstStart);
    // Straight to the console, not the log: a generated password must not end up in log storage.
    if (notice) console.log(notice);
    if (config.database.kind === 'postgres') {
      pgNotifier = await PgChangeNotifier.start(config.database.url, {
        schema: config.database.schema,
        onError: logError('change notifier'),
      });
    }
  } catch (error) {
    await store.close().catch(() => undefined);
    await serverLock?.release().catch(() => undefined);
    throw error;
  }
  const notifier: ChangeNotifier | undefined = pgNotifier;

  const hasBuild = existsSync(resolve(config.staticDir, 'index.html'));
  const { maxFileBytes, maxHouseholdBytes } = config.attachments;
  const blobs = await openBlobStore(config.attachments);
  const messaging = config.messaging;
  // The log provider needs the app's logger, which exists only once the app is built.
  const logSink = {
    info: (details: Record<string, unknown>, message: string) => started.app?.log.info(details, message),
  };
  const provider: MessageProvider =
    messaging.provider === 'twilio'
      ? new TwilioProvider({
          accountSid: messaging.accountSid,
          authToken: messaging.authToken,
          statusCallbackUrl: `${messaging.publicUrl}/api/messages/twilio/status`,
          ...(messaging.from ? { from: messaging.from } : {}),
          ...(messaging.messagingServiceSid ? { messagingServiceSid: messaging.messagingServiceSid } : {}),
          ...(messaging.whatsappFrom ? { whatsappFrom: messaging.whatsappFrom } : {}),
          ...(messaging.apiBase ? { apiBase: messaging.apiBase } : {}),
        })
      : new LogProvider(logSink, store.messages);
  const server = buildApp({
    messaging: {
      provider,
      ...(messaging.provider === 'twilio'
        ? { twilioWebhooks: { authToken: messaging.authToken, publicUrl: messaging.publicUrl } }
        : {}),
    },
    store,
    attachments: { blobs, limits: { maxFileBytes, maxHouseholdBytes } },
    logger: { level: config.logLevel },
    auth: { sessionTtlMs: config.sessionTtlHours * 60 * 60 * 1000 },
    requestTimeoutMs: config.requestTimeoutMs,
    behindTls: config.behindTls,
    retention: { policy: config.retention, everyMs: 60 * 60 * 1000 },
    ...(notifier ? { notifier } : {}),
    ...(hasBuild ? { staticDir: config.staticDir } : {}),
    ...(demo ? { demo } : {}),
  });
  started.app = server;
  const dispatcher = new MessageDispatcher({
    store,
    provider,
    now: () => new Date(),
    onError: (error) => server.log.error({ err: error }, 'message dispatch failed'),
  });

  if (!hasBuild)
    server.log.warn(
      { staticDir: config.staticDir },
      'no app build found; serving the API only (run `npm run build`)',
    );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'shutting down');
    try {
      // HTTP first (it ends open change streams), then what the requests were using.
      await dispatcher.stop();
      await server.close();
      await pgNotifier?.close();
      await store.close();
      await serverLock?.release();
      process.exit(0);
    } catch (error) {
      server.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await server.listen({ port: config.port, host: config.host });
  dispatcher.start(messaging.tickMs);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(
    `\nWaystation is running at http://${shownHost}:${port}  (data: ${describeDatabase(config.database)})\n`,
  );
  if (demo) console.log('DEMO MODE: invented data; the sign-in screen lists one account per role.\n');
}

main().catch((error: unknown) => {
  console.error('Waystation failed to start:', error);
  process.exit(1);
});
