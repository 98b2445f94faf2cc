/**
 * A restore must revive no one. A backup is older than the database it
 * replaces, so its accounts are as they were then: a user disabled since
 * would be enabled again, a password changed since (after a leak) would be
 * the old one again, a lock-out would be lifted, and every session opened
 * before the backup would work again. So the restore tool:
 *   1. before anything changes, reads each account's security as it is now
 *      from the database being replaced (when there is one);
 *   2. after the restore, gives each restored account that state (disabled
 *      or not, password hash, an active lock-out), and
 *   3. revokes every session in the restored database: every device signs in
 *      again (keeping its unsynced changes, as after any sign-out).
 * Accounts created after the backup are not in it and are not brought back;
 * the summary says so.
 */
import { usernameKey } from '@waystation/domain/accounts';
import type { Store, UserRecord } from '../store/types';

export interface AccountSecurity {
  id: string;
  username: string;
  disabled: boolean;
  passwordHash: string;
  /** Goes with the password: one an admin set after the backup must still be changed by its holder. */
  mustChangePassword: boolean;
  updatedAt: string;
  /** An active lock-out of the username (failed sign-ins), as epoch ms. */
  lockedUntilMs?: number;
}

/** What the restore did to accounts and sessions, for the operator. */
export interface AccountSecuritySummary {
  sessionsRevoked: number;
  /** Usernames whose state was taken from the replaced database, by what differed. */
  keptDisabled: string[];
  keptPasswords: string[];
  keptLocks: string[];
  /** Accounts of the replaced database the backup does not hold (created after it). */
  notInBackup: string[];
}

export async function readAccountSecurity(store: Store, nowMs: number): Promise<AccountSecurity[]> {
  const users = await store.listUsers();
  const out: AccountSecurity[] = [];
  for (const user of users) {
    const throttle = await store.getThrottle('user', usernameKey(user.username));
    const locked = throttle?.lockedUntilMs !== undefined && throttle.lockedUntilMs > nowMs;
    out.push({
      id: user.id,
      username: user.username,
      disabled: user.disabled,
      passwordHash: user.passwordHash,
      mustChangePassword: user.mustChangePassword === true,
      updatedAt: user.updatedAt,
      ...(locked ? { lockedUntilMs: throttle.lockedUntilMs } : {}),
    });
  }
  return out;
}

export async function applyAccountSecurity(
  restored: Store,
  current: readonly AccountSecurity[],
  now: Date,
): Promise<AccountSecuritySummary> {
  const at = now.toISOString();
  const byId = new Map(current.map((account) => [account.id, account]));
  const summary: AccountSecuritySummary = {
    sessionsRevoked: 0,
    keptDisabled: [],
    keptPasswords: [],
    keptLocks: [],
    notInBackup: [],
  };
  const restoredUsers = await restored.listUsers();
  const restoredIds = new Set(restoredUsers.map((user) => user.id));
  summary.notInBackup = current.filter((account) => !restoredIds.has(account.id)).map((a) => a.username);

  await restored.transaction(async (tx) => {
    for (const listed of restoredUsers) {
      const user = await tx.getUserForUpdate(listed.id);
      if (!user) continue;
      const now = byId.get(user.id);
      if (now && (now.disabled !== user.disabled || now.passwordHash !== user.passwordHash)) {
        if (now.disabled && !user.disabled) summary.keptDisabled.push(user.username);
        if (now.passwordHash !== user.passwordHash) summary.keptPasswords.push(user.username);
        const secured: UserRecord = {
          ...user,
          disabled: now.disabled,
          passwordHash: now.passwordHash,
          updatedAt: now.updatedAt > user.updatedAt ? now.updatedAt : at,
        };
        if (now.passwordHash !== user.passwordHash) {
          if (now.mustChangePassword) secured.mustChangePassword = true;
          else delete secured.mustChangePassword;
        }
        await tx.updateUser(secured);
      }
      summary.sessionsRevoked += await tx.revokeUserSessions(user.id, at);
    }
  });

  // A lock-out in force now stays in force until the same moment.
  for (const account of current) {
    if (account.lockedUntilMs === undefined || !restoredIds.has(account.id)) continue;
    await restored.recordLoginFailure('user', usernameKey(account.username), {
      nowMs: now.getTime(),
      windowMs: 1,
      maxFailures: 1,
      lockMs: account.lockedUntilMs - now.getTime(),
    });
    summary.keptLocks.push(account.username);
  }
  return summary;
}

export function describeAccountSecurity(summary: AccountSecuritySummary): string[] {
  const names = (list: string[]) => (list.length > 0 ? `: ${list.join(', ')}` : '');
  return [
    `Signed out every device: ${summary.sessionsRevoked} session(s) revoked; each person signs in again, unsynced changes are kept.`,
    `Kept disabled as they are now: ${summary.keptDisabled.length}${names(summary.keptDisabled)}`,
    `Kept passwords changed since the backup: ${summary.keptPasswords.length}${names(summary.keptPasswords)}`,
    `Kept lock-outs in force: ${summary.keptLocks.length}${names(summary.keptLocks)}`,
    ...(summary.notInBackup.length > 0
      ? [`Accounts created after the backup are not in it (add them again)${names(summary.notInBackup)}`]
      : []),
  ];
}
