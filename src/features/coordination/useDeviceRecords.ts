import { useCallback, useEffect, useRef, useState } from 'react';
import { useDatabase } from '../../app/DatabaseProvider';
import type { CollectionName } from '../../domain/collections';
import type { DocumentTypes } from '../../db/types';
import { countAll, loadAll, type Progress } from './loadRecords';

export const REPORT_COLLECTIONS = ['households', 'people', 'travelLegs', 'tasks', 'milestones', 'calls'] as const;
type ReportCollection = (typeof REPORT_COLLECTIONS)[number];
export type DeviceRecords = { [K in ReportCollection]: DocumentTypes[K][] };

/**
 * The records dashboards and reports compute from, read from the device in
 * pages with "n of total" progress (works offline). `reload` reads again.
 */
export function useDeviceRecords(): { records: DeviceRecords | undefined; progress: Progress; reload: () => void } {
  const db = useDatabase();
  const [records, setRecords] = useState<DeviceRecords | undefined>();
  const [progress, setProgress] = useState<Progress>({ done: 0, total: 0 });
  const [generation, setGeneration] = useState(0);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    void (async () => {
      const totals = await Promise.all(REPORT_COLLECTIONS.map((name) => countAll(db, name as CollectionName)));
      const total = totals.reduce((a, b) => a + b, 0);
      let before = 0;
      const loaded: Partial<DeviceRecords> = {};
      for (const [index, name] of REPORT_COLLECTIONS.entries()) {
        const list = await loadAll(db, name, (n) => alive.current && setProgress({ done: before + n, total }));
        (loaded as Record<string, unknown>)[name] = list;
        before += totals[index] ?? list.length;
      }
      if (alive.current) {
        setRecords(loaded as DeviceRecords);
        setProgress({ done: total, total });
      }
    })();
    return () => {
      alive.current = false;
    };
  }, [db, generation]);

  const reload = useCallback(() => {
    setRecords(undefined);
    setGeneration((g) => g + 1);
  }, []);
  return { records, progress, reload };
}
