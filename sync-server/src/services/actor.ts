/**
 * Who is making a request. `Actor` is what the audit log and conflict
 * records name; `Principal` is the signed-in user behind a request, built
 * from their session on every request (routes/auth.ts), with the roles and
 * sites that decide what they may read and write.
 */
import type { Role } from '@waystation/domain/access';
import type { SessionUser } from '@waystation/domain/accounts';

export interface Actor {
  userId: string;
  deviceId: string;
}

export interface Principal extends Actor {
  user: SessionUser;
  roles: Role[];
  siteIds: string[];
  /** Identifies the session (the stored hash, never the token). */
  sessionTokenHash: string;
  expiresAt: string;
  /** The password was chosen by someone else; the session may only change it or sign out. */
  mustChangePassword: boolean;
  /**
   * An administrator revoked this device after the session began: the session
   * may only push what the device still holds and then say it wiped itself
   * (routes/actor.ts); everything else is refused with `device_revoked`.
   */
  deviceRevoked?: boolean;
}

/** Records written by the server itself (first start) rather than by a person. */
export const SYSTEM_USER = 'system';
export const UNKNOWN_DEVICE = 'unknown';
