import { useEffect, useState } from 'react';
import { useDatabase } from '../../app/DatabaseProvider';
import type { Call } from '../../domain/calls';
import { openCalls$ } from '../helpline';

/** Open calls on this device, kept current as call-backs are recorded here or arrive by sync. */
export function useOpenCalls(): { calls: Call[]; loading: boolean } {
  const db = useDatabase();
  const [calls, setCalls] = useState<Call[] | undefined>();
  useEffect(() => {
    const subscription = openCalls$(db).subscribe({
      next: setCalls,
      error: (error: unknown) => console.error('loading the queue failed', error),
    });
    return () => subscription.unsubscribe();
  }, [db]);
  return { calls: calls ?? [], loading: calls === undefined };
}
