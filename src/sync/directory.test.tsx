import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DirectoryResponse } from './api';
import { connectApi } from './apiClient';
import { directoryStore, forgetDirectory, refreshDirectory, setDirectoryForTests } from './directory';
import { peopleWithRole, useDirectory } from './useDirectory';

const at = '2026-01-01T00:00:00.000Z';
const answer: DirectoryResponse = {
  sites: [{ id: 'wc', name: 'Welcome center', kind: 'welcome_center', createdAt: at, updatedAt: at }],
  units: [{ id: 'rsd', name: 'Status determination', siteId: 'wc', callbackHours: 24, callbackBasis: 'working_hours', createdAt: at, updatedAt: at }],
  users: [
    { id: 'd2', displayName: 'Zawadi', roles: ['driver'] },
    { id: 'd1', displayName: 'Baraka', roles: ['driver', 'volunteer'] },
    { id: 'c1', displayName: 'Amina', roles: ['case_officer'], unitId: 'rsd' },
  ],
};

function Names() {
  const directory = useDirectory();
  return <p>{[...directory.users.values()].join(', ') || 'nobody'}</p>;
}

describe('the directory', () => {
  let calls = 0;
  beforeEach(() => {
    calls = 0;
    localStorage.clear();
    setDirectoryForTests(undefined);
    connectApi({
      baseUrl: () => '',
      token: () => 'token',
      fetch: async () => {
        calls += 1;
        return new Response(JSON.stringify(answer), { status: 200 });
      },
    });
  });
  afterEach(() => {
    connectApi({ baseUrl: () => '', token: () => undefined });
    vi.restoreAllMocks();
  });

  it('asks the server once for every screen that opens at the same time, and keeps one copy', async () => {
    render(
      <>
        <Names />
        <Names />
        <Names />
      </>,
    );
    expect(await screen.findAllByText('Zawadi, Baraka, Amina')).toHaveLength(3);
    expect(calls).toBe(1);
    expect(JSON.parse(localStorage.getItem('waystation.directory') ?? 'null')).toEqual(answer);
  });

  it('lists the people of a role by name, and none when the device never had the directory', () => {
    expect(peopleWithRole({ ...emptyDirectory(), answer }, 'driver')).toEqual([
      { id: 'd1', displayName: 'Baraka' },
      { id: 'd2', displayName: 'Zawadi' },
    ]);
    expect(peopleWithRole(emptyDirectory(), 'driver')).toBeUndefined();
  });

  it('keeps the last answer when offline, and forgets it at sign-out', async () => {
    await refreshDirectory();
    connectApi({ baseUrl: () => '', token: () => 'token', fetch: () => Promise.reject(new TypeError('offline')) });
    await refreshDirectory();
    expect(directoryStore.getState().answer).toEqual(answer);
    act(() => forgetDirectory());
    expect(directoryStore.getState().answer).toBeUndefined();
  });
});

function emptyDirectory() {
  return { answer: undefined, users: new Map(), units: new Map(), sites: new Map(), roles: new Map(), siteKinds: new Map() };
}
