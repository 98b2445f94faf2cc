import { useEffect, useState } from 'react';
import { z } from 'zod';
import { SITE_KINDS, type SiteKind } from '../../domain/accounts';
import { apiRequest } from '../auth/authApi';
import { baseUrl, currentToken } from '../auth/session';

export interface Directory {
  /** User id → display name. */
  users: Map<string, string>;
  /** Unit id → name. */
  units: Map<string, string>;
  /** Site id → name. */
  sites: Map<string, string>;
  /** User id → roles (empty when a cache from an older version did not keep them). */
  roles: Map<string, string[]>;
  /** Site id → kind (welcome center or helpline office), for reports that show only the site's own figures. */
  siteKinds: Map<string, SiteKind>;
}

const directorySchema = z.object({
  users: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()).default([]) })),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  sites: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(SITE_KINDS).optional() })),
});
type DirectoryBody = z.infer<typeof directorySchema>;

/** The last directory seen, so names show offline too (names and ids only). */
const CACHE_KEY = 'waystation.coordination.directory';

function toDirectory(body: DirectoryBody): Directory {
  return {
    users: new Map(body.users.map((u) => [u.id, u.displayName])),
    units: new Map(body.units.map((u) => [u.id, u.name])),
    sites: new Map(body.sites.map((s) => [s.id, s.name])),
    roles: new Map(body.users.map((u) => [u.id, u.roles])),
    siteKinds: new Map(body.sites.flatMap((s) => (s.kind ? [[s.id, s.kind] as const] : []))),
  };
}

function readCache(): Directory {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    const parsed = raw ? directorySchema.safeParse(JSON.parse(raw)) : undefined;
    if (parsed?.success) return toDirectory(parsed.data);
  } catch {
    // unreadable cache: start empty
  }
  return { users: new Map(), units: new Map(), sites: new Map(), roles: new Map(), siteKinds: new Map() };
}

/**
 * Display names of users, units and sites (GET /api/directory), or the ones
 * last seen when offline. Screens fall back to ids for anyone unknown.
 */
export function useDirectory(): Directory {
  const [directory, setDirectory] = useState<Directory>(readCache);
  useEffect(() => {
    let alive = true;
    if (!currentToken()) return;
    apiRequest<unknown>(baseUrl(), currentToken(), '/api/directory').then(
      (body) => {
        const parsed = directorySchema.safeParse(body);
        if (!parsed.success || !alive) return;
        const slim = {
          users: parsed.data.users.map(({ id, displayName, roles }) => ({ id, displayName, roles })),
          units: parsed.data.units.map(({ id, name }) => ({ id, name })),
          sites: parsed.data.sites.map(({ id, name, kind }) => ({ id, name, ...(kind ? { kind } : {}) })),
        };
        setDirectory(toDirectory(slim));
        try {
          localStorage.setItem(CACHE_KEY, JSON.stringify(slim));
        } catch {
          // storage full or blocked: names still show for this visit
        }
      },
      () => undefined, // offline: keep the cached names
    );
    return () => {
      alive = false;
    };
  }, []);
  return directory;
}
