import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { changeLanguage, setUpI18n } from './i18n';
import { UpdateBanner } from './UpdateBanner';

beforeAll(() => {
  setUpI18n('en');
});

beforeEach(async () => {
  await changeLanguage('en');
});

function renderBanner(state: { needRefresh: boolean; offlineReady: boolean }) {
  const handlers = { onReload: vi.fn(), onLater: vi.fn(), onDismissOfflineReady: vi.fn() };
  render(<UpdateBanner {...state} {...handlers} />);
  return handlers;
}

describe('the new-version prompt', () => {
  it('shows nothing while no new version waits', () => {
    renderBanner({ needRefresh: false, offlineReady: false });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('offers a waiting version and reloads into it only when accepted', async () => {
    const handlers = renderBanner({ needRefresh: true, offlineReady: false });
    expect(screen.getByRole('status').textContent).toContain('A new version is available.');
    await userEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(handlers.onLater).toHaveBeenCalled();
    expect(handlers.onReload).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(handlers.onReload).toHaveBeenCalled();
  });

  it('says when the app is ready to work offline', async () => {
    const handlers = renderBanner({ needRefresh: false, offlineReady: true });
    expect(screen.getByText('Waystation is ready to work offline.')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(handlers.onDismissOfflineReady).toHaveBeenCalled();
  });

  it('speaks the interface language', async () => {
    await changeLanguage('es');
    renderBanner({ needRefresh: true, offlineReady: false });
    expect(screen.getByRole('button', { name: 'Recargar' })).toBeVisible();
  });
});
