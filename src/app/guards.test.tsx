import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { changeLanguage, setUpI18n } from './i18n';
import { RequireAccess, SCREEN_ACCESS, type Screen } from '../features/auth/access';
import {
  RequireWelcomeCenterAccess,
  WELCOME_CENTER_SCREENS,
  type WelcomeCenterScreen,
} from '../features/welcomeCenter/access';
import {
  COORDINATION_SCREENS,
  RequireCoordination,
  type CoordinationScreen,
} from '../features/coordination/access';
import { signInForTest, signOutForTest } from '../../tests/fixtures/session';

beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});
afterEach(() => signOutForTest());

/** Every route guard of the app, with every screen it guards. */
const GUARDS: [string, (children: ReactNode) => ReactNode][] = [
  ...(Object.keys(SCREEN_ACCESS) as Screen[]).map((name): [string, (children: ReactNode) => ReactNode] => [
    `RequireAccess ${name}`,
    (children) => <RequireAccess screen={name}>{children}</RequireAccess>,
  ]),
  ...(Object.keys(WELCOME_CENTER_SCREENS) as WelcomeCenterScreen[]).map(
    (name): [string, (children: ReactNode) => ReactNode] => [
      `RequireWelcomeCenterAccess ${name}`,
      (children) => <RequireWelcomeCenterAccess screen={name}>{children}</RequireWelcomeCenterAccess>,
    ],
  ),
  ...(Object.keys(COORDINATION_SCREENS) as CoordinationScreen[]).map(
    (name): [string, (children: ReactNode) => ReactNode] => [
      `RequireCoordination ${name}`,
      (children) => <RequireCoordination screen={name}>{children}</RequireCoordination>,
    ],
  ),
];

function expectDenied(guard: (children: ReactNode) => ReactNode) {
  render(<>{guard(<p>The guarded screen</p>)}</>);
  expect(screen.getByRole('heading', { level: 1, name: 'Not available for your role' })).toBeVisible();
  expect(screen.queryByText('The guarded screen')).toBeNull();
}

describe('route guards fail closed', () => {
  it.each(GUARDS)('%s shows nothing without a session', (_name, guard) => {
    signOutForTest();
    expectDenied(guard);
  });

  it.each(GUARDS)('%s shows nothing to a user with no role', (_name, guard) => {
    signInForTest([]);
    expectDenied(guard);
  });

  it('opens each screen to a role that may use it (the checks above can fail)', () => {
    signInForTest(['coordinator', 'admin']);
    render(
      <>
        <RequireAccess screen="audit">
          <p>Audit log</p>
        </RequireAccess>
        <RequireWelcomeCenterAccess screen="merge">
          <p>Merge</p>
        </RequireWelcomeCenterAccess>
        <RequireCoordination screen="reports">
          <p>Reports</p>
        </RequireCoordination>
      </>,
    );
    expect(screen.getByText('Audit log')).toBeVisible();
    expect(screen.getByText('Merge')).toBeVisible();
    expect(screen.getByText('Reports')).toBeVisible();
  });
});
