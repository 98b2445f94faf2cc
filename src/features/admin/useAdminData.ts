import { useCallback, useEffect, useState } from 'react';
import type { AdminUser, Site, Unit } from '../../domain/accounts';
import { api } from '../../sync/apiClient';

export interface AdminData {
  users: AdminUser[];
  sites: Site[];
  units: Unit[];
  loading: boolean;
  /** Why loading failed (usually: offline); the admin screens need the server. */
  failed: boolean;
  reload(): Promise<void>;
}

/** Users, sites and units, fresh from the server (administration is online-only). */
export function useAdminData(): AdminData {
  const [state, setState] = useState<Omit<AdminData, 'reload'>>({
    users: [],
    sites: [],
    units: [],
    loading: true,
    failed: false,
  });
  const reload = useCallback(async () => {
    try {
      const [users, sites, units] = await Promise.all([
        api.admin.listUsers(),
        api.admin.listSites(),
        api.admin.listUnits(),
      ]);
      setState({ users, sites, units, loading: false, failed: false });
    } catch (error) {
      console.error('loading administration data failed', error);
      setState((s) => ({ ...s, loading: false, failed: true }));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { ...state, reload };
}
