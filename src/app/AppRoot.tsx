import type { ReactNode } from 'react';
import { AuthGate } from '../features/auth/AuthGate';
import { DemoBanner } from '../features/demo/DemoBanner';
import { ReadReportFlusher } from '../features/audit/ReadReportFlusher';

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
        <ReadReportFlusher />
        {children}
      </AuthGate>
    </>
  );
}
