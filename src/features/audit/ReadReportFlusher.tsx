import { useEffect } from 'react';
import { dropReadReportsFromMemory, flushReadReports } from './readReports';

const RETRY_EVERY_MS = 60_000;

/** While unlocked: sends queued read reports now, when the network returns, and every minute. */
export function ReadReportFlusher() {
  useEffect(() => {
    const flush = () => void flushReadReports();
    flush();
    window.addEventListener('online', flush);
    const interval = window.setInterval(flush, RETRY_EVERY_MS);
    return () => {
      window.removeEventListener('online', flush);
      window.clearInterval(interval);
      dropReadReportsFromMemory();
    };
  }, []);
  return null;
}
