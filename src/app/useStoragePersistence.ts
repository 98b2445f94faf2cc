import { useEffect } from 'react';
import { useStore } from '../state';
import { checkPersistence, persistenceStore, type Persistence } from '../db/storagePersistence';

/** Whether the browser promised to keep this device's data; reads it (never asks) on first use. */
export function useStoragePersistence(): Persistence {
  useEffect(() => {
    void checkPersistence();
  }, []);
  return useStore(persistenceStore, (state) => state.persistence);
}
