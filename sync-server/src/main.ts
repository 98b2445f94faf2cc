/** Starts the sync server: config, store, migrations, HTTP. `npm start` runs this after `vite build`. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApp } from './app';
import { loadConfig } from './config';
import { openSqliteStore } from './store/sqlite';

async function main() {
  const config = loadConfig();
  const store = openSqliteStore(config.sqlitePath);
  await store.migrate();

  const hasBuild = existsSync(resolve(config.staticDir, 'index.html'));
  const app = buildApp({
    store,
    logger: { level: config.logLevel },
    ...(hasBuild ? { staticDir: config.staticDir } : {}),
  });
  if (!hasBuild)
    app.log.warn(
      { staticDir: config.staticDir },
      'no app build found; serving the API only (run `npm run build`)',
    );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      await store.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`\nWaystation is running at http://${shownHost}:${port}  (data: ${config.sqlitePath})\n`);
}

main().catch((error: unknown) => {
  console.error('Waystation failed to start:', error);
  process.exit(1);
});
