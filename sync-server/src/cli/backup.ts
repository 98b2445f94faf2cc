/**
 * `npm run backup -- <file>`: an online backup of the configured database
 * (DATABASE_URL, else the SQLite file in DATA_DIR); servers may keep running.
 */
import { resolve } from 'node:path';
import { backupDatabase } from '../backup';
import { loadConfig } from '../config';
import { describeDatabase } from '../store/open';
import { cliPath, runCli } from './run';

runCli('backup -- <file>', async (args) => {
  const [target, ...rest] = args;
  if (!target || rest.length > 0) return false;
  const config = loadConfig();
  const file = resolve(cliPath(target));
  await backupDatabase(config.database, file);
  console.log(`Backed up ${describeDatabase(config.database)} to ${file}`);
  return true;
});
