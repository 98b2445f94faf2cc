/**
 * Who is making a request: recorded in the audit log and in conflict
 * records. Authentication will build this from a session; until then the
 * routes build it from the X-Device-Id header (see routes/actor.ts).
 */
export interface Actor {
  userId: string;
  deviceId: string;
}

export const ANONYMOUS_USER = 'anonymous';
export const UNKNOWN_DEVICE = 'unknown';
