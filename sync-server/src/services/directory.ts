/**
 * What any signed-in user may know about the organisation, for assignment
 * pickers: their sites, those sites' units, and the active people who work
 * there (name, roles, unit; no usernames, no other sites).
 */
import type { DirectoryResponse, DirectoryUser } from '@waystation/protocol/api';
import type { Store } from '../store/types';
import type { Principal } from './actor';
import { rolesOf } from './auth';
import { toUnit } from './admin';

export async function directoryFor(store: Store, principal: Principal): Promise<DirectoryResponse> {
  const mine = new Set(principal.siteIds);
  const sites = (await store.listSites()).filter((site) => mine.has(site.id));
  const units = (await store.listUnits()).filter((unit) => mine.has(unit.siteId)).map(toUnit);
  const users: DirectoryUser[] = (await store.listUsers())
    .filter((user) => !user.disabled && user.siteIds.some((siteId) => mine.has(siteId)))
    .map((user) => ({
      id: user.id,
      displayName: user.displayName,
      roles: rolesOf(user),
      ...(user.unitId === undefined ? {} : { unitId: user.unitId }),
    }));
  return { sites, units, users };
}
