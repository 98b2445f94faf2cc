/**
 * First start: a database without users gets a welcome center, a helpline
 * office and an `admin` account in every site, so the app can be signed into
 * at once. The password comes from WAYSTATION_ADMIN_PASSWORD, or is generated
 * and returned so main.ts can show it once; it is never stored in clear.
 *
 * Several processes may start together on one database: the username is
 * unique, so exactly one of them creates the admin and reports a password.
 */
import { PASSWORD_MIN_LENGTH, type SiteKind } from '@waystation/domain/accounts';
import type { SiteRecord, Store } from '../store/types';
import { SYSTEM_USER, UNKNOWN_DEVICE } from './actor';
import { AUDIT_ACTIONS } from './audit';
import { hashPassword, randomPassword } from './passwords';

export const DEFAULT_ADMIN_USERNAME = 'admin';
export const DEFAULT_SITES: readonly { id: string; name: string; kind: SiteKind }[] = [
  { id: 'welcome-center', name: 'Welcome Center', kind: 'welcome_center' },
  { id: 'helpline-office', name: 'Helpline Office', kind: 'helpline_office' },
];

export type BootstrapResult =
  | { created: false }
  | { created: true; username: string; siteIds: string[]; password: string; generated: boolean };

export async function bootstrap(
  store: Store,
  options: {
    adminPassword?: string;
    now?: () => Date;
    /** Default true: the person signing in did not choose it. False only for the demo, whose passwords are public. */
    mustChangePassword?: boolean;
  } = {},
): Promise<BootstrapResult> {
  if ((await store.countUsers()) > 0) return { created: false };
  const given = options.adminPassword?.trim() ? options.adminPassword : undefined;
  if (given !== undefined && given.length < PASSWORD_MIN_LENGTH) {
    throw new Error(`WAYSTATION_ADMIN_PASSWORD must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  const password = given ?? randomPassword();
  const passwordHash = await hashPassword(password);
  const at = (options.now ?? (() => new Date()))().toISOString();

  return store.transaction(async (tx) => {
    const existing = await store.listSites();
    const sites: SiteRecord[] = existing.length
      ? existing
      : DEFAULT_SITES.map((site) => ({ ...site, createdAt: at, updatedAt: at }));
    for (const site of sites.filter((site) => !existing.includes(site))) {
      await tx.putSite(site);
      await tx.appendAudit({
        at,
        userId: SYSTEM_USER,
        deviceId: UNKNOWN_DEVICE,
        action: AUDIT_ACTIONS.siteCreate,
        recordId: site.id,
        details: { name: site.name, kind: site.kind },
      });
    }
    const siteIds = sites.map((site) => site.id);
    const created = await tx.insertUser({
      id: 'admin',
      username: DEFAULT_ADMIN_USERNAME,
      displayName: 'Administrator',
      passwordHash,
      roles: ['admin'],
      siteIds,
      disabled: false,
      // Generated or from the environment, it was not chosen by the person who signs in with it.
      ...(options.mustChangePassword === false ? {} : { mustChangePassword: true }),
      createdAt: at,
      updatedAt: at,
    });
    if (!created) return { created: false } as const;
    await tx.appendAudit({
      at,
      userId: SYSTEM_USER,
      deviceId: UNKNOWN_DEVICE,
      action: AUDIT_ACTIONS.userCreate,
      recordId: 'admin',
      details: { username: DEFAULT_ADMIN_USERNAME, roles: ['admin'], siteIds, firstStart: true },
    });
    return { created: true, username: DEFAULT_ADMIN_USERNAME, siteIds, password, generated: given === undefined };
  });
}

/** The one-time console notice; only a generated password is printed. */
export function bootstrapNotice(result: BootstrapResult): string | undefined {
  if (!result.created) return undefined;
  const lines = result.generated
    ? [
        'First start: an administrator account was created.',
        '',
        `Sign in as ${result.username} with password ${result.password}`,
        '',
        'This password is shown only once. At the first sign-in',
        'you will be asked to choose your own.',
      ]
    : [
        'First start: an administrator account was created.',
        '',
        `Sign in as ${result.username} with the password from WAYSTATION_ADMIN_PASSWORD.`,
      ];
  const width = Math.max(...lines.map((line) => line.length));
  const bar = `+${'-'.repeat(width + 2)}+`;
  return ['', bar, ...lines.map((line) => `| ${line.padEnd(width)} |`), bar, ''].join('\n');
}
