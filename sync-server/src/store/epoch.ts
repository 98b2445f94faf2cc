/** A new server epoch (see Store.epoch): 128 random bits, hex, like the one migration 003 creates. */
import { randomBytes } from 'node:crypto';

export function newEpoch(): string {
  return randomBytes(16).toString('hex');
}

export function requireEpoch(row: { epoch: string } | undefined): string {
  if (!row) throw new Error('Server epoch missing: was the store migrated?');
  return row.epoch;
}
