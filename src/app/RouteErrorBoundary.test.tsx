import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { changeLanguage, setUpI18n } from './i18n';
import { AppLayout } from './AppLayout';

beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});

afterEach(() => {
  vi.restoreAllMocks();
});

function Broken(): never {
  throw new TypeError("Cannot read properties of undefined (reading 'food')");
}

function renderAt(entries: string[]) {
  return render(
    <MemoryRouter initialEntries={entries} initialIndex={entries.length - 1}>
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<h1>The day list</h1>} />
          <Route path="broken" element={<Broken />} />
        </Route>
      </Routes>
    </MemoryRouter>,
  );
}

describe('a screen that throws while rendering', () => {
  it('shows an error screen inside the shell, and Back recovers', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderAt(['/', '/broken']);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This screen could not be shown');
    // The shell (navigation) is still there: the person is never left on a white page.
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Go back' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'The day list' })).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers the first screen when there is nothing to go back to', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderAt(['/broken']);
    await screen.findByRole('alert');
    expect(screen.queryByRole('button', { name: 'Go back' })).toBeNull();
    await userEvent.click(screen.getByRole('link', { name: 'Go to my first screen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'The day list' })).toBeVisible();
  });
});
