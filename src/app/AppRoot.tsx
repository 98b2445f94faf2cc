import { lazy, Suspense, type ReactNode } from 'react';
import { AuthGate } from '../features/auth/AuthGate';
import { DemoBanner } from '../features/demo/DemoBanner';

// Loaded after sign-in: it reaches the auth feature's index (and so the router), which the sign-in screen does not need.
const ReadReportFlusher = lazy(() =>
  import('../features/audit/ReadReportFlusher').then((m) => ({ default: m.ReadReportFlusher })),
);

/**
 * Nothing that reads records renders before a user has signed in and
 * unlocked their own encrypted database on this device (see
 * features/auth/session.ts for the states and what lives in memory only).
 */
export function AppRoot({ children }: { children: ReactNode }) {
  return (
    <>
      {/* Above everything, sign-in included: a demo server says so on every screen. */}
      <DemoBanner />
      <AuthGate>
        {/* Sends the sensitive reads queued for the audit log, for as long as a user is signed in. */}
        <Suspense fallback={null}>
          <ReadReportFlusher />
        </Suspense>
        {children}
      </AuthGate>
    </>
  );
}
