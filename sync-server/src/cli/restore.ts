/**
 * `npm run restore -- <file> [--replace]`: puts a backup in place of the
 * configured database. Stop every server process first. The server epoch is
 * renewed, so devices holding checkpoints from after the backup pull
 * everything again instead of silently skipping documents. Every session is
 * revoked and account security is kept as it is now (backup/accountSecurity.ts).
 */
import { resolve } from 'node:path';
import { restoreDatabase } from '../backup';
import { describeAccountSecurity } from '../backup/accountSecurity';
import { loadConfig } from '../config';
import { describeDatabase } from '../store/open';
import { lockOutServers } from '../store/serverLock';
import { cliPath, runCli } from './run';

runCli('restore -- <file> [--replace]', async (args) => {
  const replace = args.includes('--replace');
  const files = args.filter((arg) => arg !== '--replace');
  const [source, ...rest] = files;
  if (!source || rest.length > 0 || files.some((arg) => arg.startsWith('--'))) return false;
  const config = loadConfig();
  const file = resolve(cliPath(source));
  // Refuses while any server holds the data, and keeps servers from starting until done.
  const lock = await lockOutServers(config.database);
  let outcome;
  try {
    outcome = await restoreDatabase(config.database, file, { replace });
  } finally {
    await lock.release();
  }
  console.log(
    `Restored ${file} into ${describeDatabase(config.database)}; new server epoch ${outcome.epoch}`,
  );
  if (outcome.keptAs) console.log(`The database it replaced is kept as ${outcome.keptAs}`);
  for (const line of describeAccountSecurity(outcome.accounts)) console.log(line);
  return true;
});
