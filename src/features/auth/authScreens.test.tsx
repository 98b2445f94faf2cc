import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { changeLanguage, setUpI18n } from '../../app/i18n';
import { Keyring } from '../../db/keyring';
import type { WaystationDatabase } from '../../db/database';
import type { DeviceStore } from '../../app/deviceStore';
import { syncStatusStore } from '../../sync/syncStatusStore';
import { AuthGate } from './AuthGate';
import { authStore, configureAuth, lockNow } from './session';
import { SignOutPanel } from './SignOutPanel';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const USER = {
  id: 'u-amina',
  username: 'amina',
  displayName: 'Amina Yusuf',
  roles: ['volunteer'],
  siteIds: ['site-north'],
};

function loginAnswer(): Response {
  return new Response(
    JSON.stringify({
      token: 'tok-1234567890',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      user: USER,
    }),
    { status: 200, headers: { 'Content-Type': 'application/json' } },
  );
}

let storage: MemoryStorage;
let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;
let opened: { databaseName: string; encryptionPassword: string }[];
const initialStatus = syncStatusStore.getState();

function fakeStore(): DeviceStore {
  return {
    db: {} as WaystationDatabase,
    attachments: {} as DeviceStore['attachments'],
    sync: undefined,
    startSync: vi.fn(),
    stopSync: vi.fn(async () => undefined),
    close: vi.fn(async () => undefined),
    remove: vi.fn(async () => undefined),
  };
}

beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});

beforeEach(() => {
  storage = new MemoryStorage();
  opened = [];
  fetchMock = vi.fn<typeof fetch>();
  configureAuth({
    baseUrl: 'http://sync.test',
    keyring: new Keyring(storage),
    fetch: fetchMock,
    openStore: async (options) => {
      opened.push(options);
      return fakeStore();
    },
    removeDatabase: vi.fn(async () => undefined),
  });
  authStore.setState({ screen: { view: 'starting' }, sessionEnded: false });
});

afterEach(() => {
  act(() => syncStatusStore.setState(initialStatus, true));
});

function renderGate() {
  return render(
    <AuthGate>
      <p>The families</p>
    </AuthGate>,
  );
}

async function signInAs(user: ReturnType<typeof userEvent.setup>, password = 'correct horse battery') {
  await user.type(await screen.findByLabelText('Username'), 'amina');
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign-in', () => {
  it('says clearly when the username or password is wrong', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: 'invalid_credentials', message: 'x' }), { status: 401 }),
    );
    const user = userEvent.setup();
    renderGate();
    await signInAs(user, 'nope');
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong username or password.');
    expect(screen.queryByText('The families')).toBeNull();
  });

  it('explains that the first sign-in on a device needs a connection', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    const user = userEvent.setup();
    renderGate();
    await signInAs(user);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'You need a connection to sign in for the first time on this device.',
    );
  });

  it('tells a locked-out user when to try again', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: 'locked', message: 'x' }), {
        status: 429,
        headers: { 'Retry-After': '900' },
      }),
    );
    const user = userEvent.setup();
    renderGate();
    await signInAs(user);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Too many failed sign-ins\. Try again at .+\.$/,
    );
  });
});

describe('PIN setup and unlock', () => {
  it('asks for a PIN after the first sign-in, then unlocks with it after a lock; a wrong PIN is refused', async () => {
    fetchMock.mockImplementation(async (input) =>
      String(input).endsWith('/api/auth/login') ? loginAnswer() : new Response('{}', { status: 503 }),
    );
    const user = userEvent.setup();
    renderGate();
    await signInAs(user);

    expect(await screen.findByRole('heading', { name: 'Choose a PIN' })).toBeVisible();
    await user.type(screen.getByLabelText('New PIN'), '123456');
    await user.type(screen.getByLabelText('Type the PIN again'), '123456');
    await user.click(screen.getByRole('button', { name: 'Save PIN and continue' }));
    expect(await screen.findByText('This PIN is too easy to guess. Choose another.')).toBeVisible();

    await user.clear(screen.getByLabelText('New PIN'));
    await user.clear(screen.getByLabelText('Type the PIN again'));
    await user.type(screen.getByLabelText('New PIN'), '482915');
    await user.type(screen.getByLabelText('Type the PIN again'), '482916');
    await user.click(screen.getByRole('button', { name: 'Save PIN and continue' }));
    expect(await screen.findByText('The two PINs are not the same.')).toBeVisible();

    await user.clear(screen.getByLabelText('Type the PIN again'));
    await user.type(screen.getByLabelText('Type the PIN again'), '482915');
    await user.click(screen.getByRole('button', { name: 'Save PIN and continue' }));
    expect(await screen.findByText('The families', {}, { timeout: 10_000 })).toBeVisible();
    expect(opened[0]?.databaseName).toContain('u-amina');
    expect(opened[0]?.encryptionPassword).toMatch(/^[0-9a-f]{64}$/);
    // Nothing secret in storage: not the PIN, the password or the token.
    const stored = [...storage.items.values()].join('\n');
    for (const secret of ['482915', 'correct horse battery', 'tok-1234567890'])
      expect(stored).not.toContain(secret);

    await act(() => lockNow());
    expect(await screen.findByRole('heading', { name: 'Locked' })).toBeVisible();
    expect(screen.queryByText('The families')).toBeNull();

    await user.type(screen.getByLabelText('PIN'), '111222');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect((await screen.findByRole('alert', {}, { timeout: 10_000 })).textContent).toBe(
      'Wrong PIN. 4 attempts left.',
    );

    await user.type(screen.getByLabelText('PIN'), '482915');
    await user.click(await screen.findByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText('The families', {}, { timeout: 10_000 })).toBeVisible();
    expect(opened[1]?.encryptionPassword).toBe(opened[0]?.encryptionPassword);
  }, 30_000);

  it('warns from the third wrong PIN that the device will be wiped, with the unsynced count', async () => {
    fetchMock.mockImplementation(async () => loginAnswer());
    const keyring = new Keyring(storage);
    const enrolled = await keyring.unlockWithPassword(USER, 'correct horse battery');
    if (!enrolled.ok) throw new Error('enrol');
    await keyring.setPin(USER.id, enrolled.dataKey, '482915');
    keyring.markLastUsed(USER.id);
    keyring.setUnsyncedAtLock(USER.id, 3);
    const user = userEvent.setup();
    renderGate();
    for (const left of [4, 3, 2]) {
      await user.type(await screen.findByLabelText('PIN'), '000999');
      await user.click(await screen.findByRole('button', { name: 'Unlock' }, { timeout: 10_000 }));
      await screen.findByText(`Wrong PIN. ${left} attempts left.`, {}, { timeout: 10_000 });
      await screen.findByRole('button', { name: 'Unlock' }, { timeout: 10_000 });
    }
    const note = await screen.findByRole('note', {}, { timeout: 10_000 });
    expect(note.textContent).toContain(
      "after 5 wrong PINs this device erases Amina Yusuf's data. 2 attempts left.",
    );
    expect(note.textContent).toContain('3 changes on this device have not been synced and would be lost');
  }, 30_000);
});

describe('sign-out', () => {
  it('warns with the number of unsynced changes and signs out only when asked to anyway', async () => {
    act(() => syncStatusStore.setState({ pendingCount: 3, online: false }));
    const onSignOut = vi.fn(async () => undefined);
    const user = userEvent.setup();
    render(<SignOutPanel onSignOut={onSignOut} />);
    await user.click(screen.getByRole('button', { name: 'Sign out…' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('3 changes have not been synced and will be lost.');
    expect(alert.textContent).toContain('Sync first or sign out anyway.');
    expect(screen.getByRole('button', { name: 'Sync first' })).toBeVisible();
    expect(onSignOut).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Sign out anyway and lose 3 changes' }));
    await waitFor(() => expect(onSignOut).toHaveBeenCalledTimes(1));
  });

  it('asks a plain confirmation when everything is synced', async () => {
    act(() => syncStatusStore.setState({ pendingCount: 0 }));
    const onSignOut = vi.fn(async () => undefined);
    const user = userEvent.setup();
    render(<SignOutPanel onSignOut={onSignOut} />);
    await user.click(screen.getByRole('button', { name: 'Sign out…' }));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Sign out and remove my data from this device' }));
    await waitFor(() => expect(onSignOut).toHaveBeenCalledTimes(1));
  });
});
