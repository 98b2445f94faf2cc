#!/usr/bin/env node
/**
 * The browser tests drive Debian's Chromium through playwright-core (no
 * browser downloads). Make sure it is there before `npm test`: as root on
 * Debian, install it with apt-get; otherwise stop with a message saying how.
 */
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');

if (!isRoot || !isDebian) {
  console.error(
    `\nChromium was not found at ${CHROMIUM}.\n` +
      'The browser tests need it. Install it and run the tests again:\n' +
      '  Debian/Ubuntu:  sudo apt-get install -y chromium\n' +
      'or point CHROMIUM_PATH at an installed Chromium or Chrome.\n',
  );
  process.exit(1);
}

console.log('Chromium is missing: installing it with apt-get (once)…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execSync('apt-get update -qq', { stdio: 'inherit', env });
execSync('apt-get install -y -qq chromium', { stdio: 'inherit', env });
if (!existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing.`);
  process.exit(1);
}
