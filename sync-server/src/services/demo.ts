/**
 * Demo mode (`npm run demo`): a server on invented data with one account per
 * role whose passwords the sign-in screen shows. It must never switch on by
 * accident, and a real deployment must never serve demo accounts, so:
 *
 *  - demo mode needs WAYSTATION_DEMO=1 (set only by the demo script) AND a
 *    data directory the demo script created, recognised by its marker file;
 *  - it refuses PostgreSQL (DATABASE_URL): production data lives there;
 *  - the demo script wipes only a directory carrying the marker, and refuses
 *    a directory that holds anything else;
 *  - a server started without the flag refuses a directory with the marker
 *    (its accounts' passwords are public).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '@waystation/domain/access';
import type { DemoAccount, DemoResponse } from '@waystation/protocol';
import type { Config } from '../config';

export const DEMO_MARKER_FILE = '.waystation-demo';
const MARKER_TEXT = 'Created by `npm run demo`: invented data, wiped at every demo start. Do not put real data here.\n';

export const DEMO_SITES = { welcomeCenter: 'welcome-center', helpline: 'helpline-office' } as const;

/** The helpline's protection units and their promised call-back times (working hours). */
export const DEMO_UNITS = [
  { id: 'rsd', name: 'Refugee status determination', callbackHours: 48 },
  { id: 'resettlement', name: 'Resettlement', callbackHours: 72 },
  { id: 'protection', name: 'Protection delivery', callbackHours: 24 },
  { id: 'data', name: 'Data management', callbackHours: 48 },
] as const;

export interface DemoUser extends DemoAccount {
  id: string;
  role: Role;
  siteIds: string[];
  unitId?: string;
}

const both = [DEMO_SITES.welcomeCenter, DEMO_SITES.helpline];

/** One account per role; the password is the role name and "-demo". */
export const DEMO_USERS: readonly DemoUser[] = (
  [
    { role: 'volunteer', displayName: 'Lucía Ortega', siteIds: [DEMO_SITES.welcomeCenter] },
    { role: 'driver', displayName: 'Kwame Addo', siteIds: [DEMO_SITES.welcomeCenter] },
    { role: 'caseworker', displayName: 'Miriam Haddad', siteIds: [DEMO_SITES.welcomeCenter] },
    { role: 'helpline_agent', displayName: 'Neema Wanjiru', siteIds: [DEMO_SITES.helpline] },
    { role: 'case_officer', displayName: 'Daudi Kiprono', siteIds: [DEMO_SITES.helpline], unitId: 'rsd' },
    { role: 'coordinator', displayName: 'Sofía Duarte', siteIds: both },
    { role: 'admin', displayName: 'Administrator', siteIds: both },
  ] as const
).map((user) => ({
  ...user,
  siteIds: [...user.siteIds],
  // The first-start admin keeps its usual id and username.
  id: user.role === 'admin' ? 'admin' : `demo-${user.role.replace('_', '-')}`,
  username: user.role,
  password: `${user.role}-demo`,
}));

export function demoResponse(): DemoResponse {
  return {
    demo: true,
    accounts: DEMO_USERS.map(({ username, password, role, displayName }) => ({ username, password, role, displayName })),
  };
}

export class DemoGuardError extends Error {
  override name = 'DemoGuardError';
}

export function isDemoDataDir(dataDir: string): boolean {
  const marker = join(dataDir, DEMO_MARKER_FILE);
  return existsSync(marker) && readFileSync(marker, 'utf8') === MARKER_TEXT;
}

/**
 * What the server may do with its configuration: the demo's answer for
 * /api/demo in demo mode, undefined otherwise.
 * @throws DemoGuardError when the flag and the data disagree
 */
export function checkDemoMode(config: Pick<Config, 'demo' | 'dataDir' | 'database'>): DemoResponse | undefined {
  if (!config.demo) {
    if (config.database.kind === 'sqlite' && isDemoDataDir(config.dataDir)) {
      throw new DemoGuardError(
        `${config.dataDir} holds the demo's data, whose passwords are public; start it with \`npm run demo\`, or use another DATA_DIR`,
      );
    }
    return undefined;
  }
  if (config.database.kind !== 'sqlite') {
    throw new DemoGuardError('Demo mode refuses PostgreSQL (DATABASE_URL): the demo runs only on its own SQLite data directory');
  }
  if (!isDemoDataDir(config.dataDir)) {
    throw new DemoGuardError(
      `Demo mode refuses ${config.dataDir}: it was not created by \`npm run demo\` (no ${DEMO_MARKER_FILE} marker)`,
    );
  }
  return demoResponse();
}

/**
 * Makes `dataDir` an empty demo directory with its marker: creates it, or
 * wipes a previous demo's. Anything else in it is refused and left alone.
 * @throws DemoGuardError when the directory holds files the demo did not create
 */
export function prepareDemoDataDir(dataDir: string): void {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!isDemoDataDir(dataDir)) {
      throw new DemoGuardError(
        `Refusing to use ${dataDir} for the demo: it holds files and no ${DEMO_MARKER_FILE} marker (real data?). Choose an empty directory.`,
      );
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, DEMO_MARKER_FILE), MARKER_TEXT);
}
