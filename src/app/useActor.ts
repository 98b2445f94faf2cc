import { useMemo } from 'react';
import { getDeviceId } from '../db/deviceKey';

export interface CurrentActor {
  userId: string;
  deviceId: string;
  siteId: string;
}

/**
 * INTERIM — who is writing, until accounts and sites exist. The user matches
 * the sync server's anonymous actor; the site is the one welcome center.
 * The accounts issue replaces this with the signed-in user and their site.
 */
export const INTERIM_USER_ID = 'anonymous';
export const INTERIM_SITE_ID = 'main';

export function useActor(): CurrentActor {
  return useMemo(() => ({ userId: INTERIM_USER_ID, deviceId: getDeviceId(), siteId: INTERIM_SITE_ID }), []);
}
