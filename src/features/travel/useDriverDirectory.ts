import { useEffect, useState } from 'react';
import { z } from 'zod';
import { apiRequest } from '../auth/authApi';
import { baseUrl, currentToken } from '../auth/session';

export interface DriverEntry {
  id: string;
  displayName: string;
}

const directorySchema = z.object({
  users: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(z.string()) })),
});

/** The last list seen, so assignment works offline. Names only. */
const CACHE_KEY = 'waystation.travel.drivers';
const cacheSchema = z.array(z.object({ id: z.string(), displayName: z.string() }));

function readCache(): DriverEntry[] | undefined {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    const parsed = raw ? cacheSchema.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The people with the driver role at the user's sites (GET /api/directory),
 * or the list last seen when offline; undefined when neither is available
 * (then the form asks for a driver's id as text).
 */
export function useDriverDirectory(): DriverEntry[] | undefined {
  const [drivers, setDrivers] = useState<DriverEntry[] | undefined>(readCache);
  useEffect(() => {
    let alive = true;
    if (!currentToken()) return;
    apiRequest<unknown>(baseUrl(), currentToken(), '/api/directory').then(
      (body) => {
        const parsed = directorySchema.safeParse(body);
        if (!parsed.success || !alive) return;
        const list = parsed.data.users
          .filter((user) => user.roles.includes('driver'))
          .map(({ id, displayName }) => ({ id, displayName }))
          .sort((a, b) => a.displayName.localeCompare(b.displayName));
        setDrivers(list);
        try {
          localStorage.setItem(CACHE_KEY, JSON.stringify(list));
        } catch {
          // storage full or blocked: the list still works for this visit
        }
      },
      () => undefined, // offline: keep the cached list
    );
    return () => {
      alive = false;
    };
  }, []);
  return drivers;
}
