/** What backup and restore of either store have in common. */
import type { AccountSecuritySummary } from './accountSecurity';

export interface RestoreOutcome {
  /** The new server epoch: devices' older checkpoints now pull from the start. */
  epoch: string;
  /** Where the database that was replaced now is (file path or schema name). */
  keptAs?: string;
  /** Sessions revoked and account security carried over from the replaced database. */
  accounts: AccountSecuritySummary;
}

/** `name` + separator + a UTC timestamp, e.g. waystation.sqlite.before-restore-20250301T101500Z. */
export function asideName(name: string, separator: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${name}${separator}${stamp}`;
}
