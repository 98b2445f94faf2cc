import { useMemo } from 'react';
import { getDeviceId } from '../db/deviceKey';
import { useSessionUser } from '../features/auth/useSession';

export interface CurrentActor {
  userId: string;
  deviceId: string;
  siteId: string;
}

/** Used only where no user is signed in (component tests render screens without a session). */
export const INTERIM_USER_ID = 'anonymous';
export const INTERIM_SITE_ID = 'main';

/**
 * Who is writing: the signed-in user on this device, at their first site
 * (the server refuses writes outside the user's sites).
 */
export function useActor(): CurrentActor {
  const user = useSessionUser();
  const userId = user?.id ?? INTERIM_USER_ID;
  const siteId = user?.siteIds[0] ?? INTERIM_SITE_ID;
  return useMemo(() => ({ userId, deviceId: getDeviceId(), siteId }), [userId, siteId]);
}
