import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { changeLanguage, LANGUAGE_STORAGE_KEY, setUpI18n } from './i18n';
import { syncStatusStore } from '../sync/syncStatusStore';
import { AppRoutes } from './App';
import { signInForTest, signOutForTest } from '../../tests/fixtures/session';
import { createTestDatabase } from '../../tests/fixtures/testDatabase';
import type { WaystationDatabase } from '../db/database';
import { DatabaseProvider } from './DatabaseProvider';

vi.mock('../features/intake/useHouseholdSearch', () => ({
  useHouseholdSearch: () => ({ results: [], loading: false }),
}));

const initialStatus = syncStatusStore.getState();

beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});

let db: WaystationDatabase;
// A volunteer's session with a store to read: the header's reminders read tasks and milestones.
beforeEach(async () => {
  db = await createTestDatabase(undefined, ['households', 'people', 'tasks', 'milestones']);
  signInForTest(['volunteer'], { db });
});

afterEach(async () => {
  signOutForTest();
  await db.close();
  act(() => syncStatusStore.setState(initialStatus, true));
  await changeLanguage('en');
});

function renderApp(path = '/') {
  return render(
    <DatabaseProvider db={db}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </DatabaseProvider>,
  );
}

describe('the app shell', () => {
  it('has landmarks, one h1, and navigation on every screen', async () => {
    renderApp();
    // Screens load lazily (lazyScreens.tsx): wait for the page's heading.
    await screen.findByRole('heading', { level: 1 });
    expect(screen.getByRole('banner')).toBeVisible();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeVisible();
    expect(screen.getByRole('main')).toBeVisible();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toBeVisible();
  });

  it('shows what is waiting to sync and when the device last synced', () => {
    act(() =>
      syncStatusStore.setState({
        online: false,
        networkOnline: false,
        pendingCount: 3,
        pendingKnown: true,
        lastSyncedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      }),
    );
    renderApp();
    const bar = screen.getByRole('region', { name: 'Sync status' });
    expect(bar.textContent).toContain('Offline');
    expect(bar.textContent).toContain('3 changes waiting to sync');
    expect(bar.textContent).toContain('Last synced 5 minutes ago');
  });

  it('says so when everything is synced', () => {
    act(() => syncStatusStore.setState({ online: true, pendingCount: 0, pendingKnown: true, lastSyncedAt: undefined }));
    renderApp();
    const bar = screen.getByRole('region', { name: 'Sync status' });
    expect(bar.textContent).toContain('Online');
    expect(bar.textContent).toContain('All changes synced');
    expect(bar.textContent).toContain('Not synced yet');
  });

  it('never claims everything is synced before the device store has counted its changes', () => {
    act(() => syncStatusStore.setState({ online: true, pendingCount: 0, pendingKnown: false }));
    renderApp();
    const bar = screen.getByRole('region', { name: 'Sync status' });
    expect(bar.textContent).not.toContain('All changes synced');
  });

  it('switches language, mirrors the layout for Arabic and remembers the choice', async () => {
    act(() => syncStatusStore.setState({ pendingCount: 2, pendingKnown: true }));
    renderApp();
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'ar');
    // Each language but English is its own chunk, loaded when chosen.
    await waitFor(() => expect(document.documentElement.lang).toBe('ar'));
    expect(document.documentElement.dir).toBe('rtl');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ar');
    expect(await screen.findByRole('navigation', { name: 'القائمة الرئيسية' })).toBeVisible();
    expect(await screen.findByText('تغييران بانتظار المزامنة')).toBeVisible();

    await userEvent.selectOptions(screen.getByLabelText('اللغة'), 'sw');
    await waitFor(() => expect(document.documentElement.dir).toBe('ltr'));
    expect(await screen.findByText('Mabadiliko 2 yanasubiri kusawazishwa')).toBeVisible();
  });

  it('has a page for unknown addresses', () => {
    renderApp('/nowhere');
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  });
});
