import type { ReactNode } from 'react';
import { AuthGate } from '../features/auth/AuthGate';

/**
 * Nothing that reads records renders before a user has signed in and
 * unlocked their own encrypted database on this device (see
 * features/auth/session.ts for the states and what lives in memory only).
 */
export function AppRoot({ children }: { children: ReactNode }) {
  return <AuthGate>{children}</AuthGate>;
}
