import { createContext, useContext, type ReactNode } from 'react';
import type { WaystationDatabase } from '../db/database';

const DatabaseContext = createContext<WaystationDatabase | undefined>(undefined);

/** Makes the opened device store available to the hooks and operations below it. */
export function DatabaseProvider({ db, children }: { db: WaystationDatabase; children: ReactNode }) {
  return <DatabaseContext.Provider value={db}>{children}</DatabaseContext.Provider>;
}

/** The device store. Throws outside a DatabaseProvider: a screen must not render before the store is open. */
export function useDatabase(): WaystationDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase must be used inside <DatabaseProvider>');
  return db;
}

/** The device store if one is provided: for optional helpers inside components also used on their own (form tests). */
export function useOptionalDatabase(): WaystationDatabase | undefined {
  return useContext(DatabaseContext);
}
