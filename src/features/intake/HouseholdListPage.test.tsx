import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { changeLanguage, setUpI18n } from '../../app/i18n';
import type { HouseholdSummary } from './queries';
import type { BrowsePage } from './useHouseholdSearch';
import { HouseholdListPage } from './HouseholdListPage';
import { signInForTest, signOutForTest } from '../../../tests/fixtures/session';

const search = vi.hoisted(() => ({
  results: [] as HouseholdSummary[],
  total: undefined as number | undefined,
  loading: false,
  queries: [] as string[],
  pages: [] as BrowsePage[],
}));

vi.mock('./useHouseholdSearch', () => ({
  useHouseholdSearch: (query: string, browse: BrowsePage) => {
    search.queries.push(query);
    search.pages.push(browse);
    const browsing = query.trim() === '';
    return {
      results: search.results,
      ...(browsing && search.total !== undefined ? { total: search.total } : {}),
      capped: !browsing && search.results.length >= 50,
      loading: search.loading,
    };
  },
}));

beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});

beforeEach(() => {
  signInForTest(['volunteer']);
  search.total = undefined;
});
afterEach(() => signOutForTest());

function renderList(path = '/') {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/" element={<HouseholdListPage />} />
        <Route path="/households/:id" element={<p>detail page</p>} />
        <Route path="/households/new" element={<p>new page</p>} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('HouseholdListPage', () => {
  it('lists families with their size, arrival and a mark on those not yet synced', async () => {
    search.results = [
      {
        id: 'h1',
        siteId: 'main',
        familyName: 'Pérez López',
        memberCount: 4,
        arrivalDate: '2025-03-01',
        arrivalMode: 'bus',
        pending: true,
      },
      {
        id: 'h2',
        siteId: 'main',
        familyName: 'Mukiza',
        memberCount: 1,
        arrivalDate: '2025-02-27',
        arrivalMode: 'detention_release',
        contactPhone: '+1 915 555 0100',
        pending: false,
      },
    ];
    search.total = 2;
    renderList();

    expect(screen.getByRole('heading', { level: 1, name: 'Families' })).toBeVisible();
    // A table of families: a header row, then one row per family, in the order the search gave.
    const items = within(screen.getByRole('table', { name: 'Families found' })).getAllByRole('row').slice(1);
    expect(items).toHaveLength(2);
    const [first, second] = items as [HTMLElement, HTMLElement];
    expect(within(first).getByText('Pérez López')).toBeVisible();
    expect(within(first).getByText('4 people')).toBeVisible();
    expect(within(first).getByText('Arrived Mar 1, 2025')).toBeVisible();
    expect(within(first).getByText('Not synced')).toBeVisible();
    expect(within(second).getByText('1 person')).toBeVisible();
    expect(within(second).queryByText('Not synced')).toBeNull();

    await userEvent.click(within(first).getByRole('link'));
    expect(screen.getByText('detail page')).toBeVisible();
  });

  it('searches as the volunteer types', async () => {
    search.results = [];
    search.queries = [];
    renderList();
    expect(screen.getByText('No families registered yet.')).toBeVisible();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search by name' }), 'mu');
    expect(search.queries.at(-1)).toBe('mu');
    expect(screen.getByText('No family matches “mu”.')).toBeVisible();
  });

  it('pages through 100,000 families a page at a time, asking the index for the page shown', async () => {
    search.total = 100_000;
    search.results = Array.from({ length: 25 }, (_, i) => ({
      id: `h${i}`,
      siteId: 'main',
      familyName: `Family ${i}`,
      memberCount: 1,
      pending: false,
    }));
    search.pages = [];
    renderList();
    expect(search.pages.at(-1)).toEqual({ offset: 0, limit: 25, descending: false });
    expect(screen.getByText('1–25 of 100000')).toBeVisible();
    // Only the page is rendered, not 100,000 rows.
    expect(within(screen.getByRole('table', { name: 'Families found' })).getAllByRole('row')).toHaveLength(26);
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(search.pages.at(-1)).toEqual({ offset: 25, limit: 25, descending: false });
    expect(screen.getByText('Page 2 of 4000')).toBeVisible();
    // The family name sorts the other way through the index; other columns do not pretend to sort 100,000 rows.
    await userEvent.click(screen.getByRole('button', { name: /^Family/ }));
    expect(search.pages.at(-1)).toEqual({ offset: 0, limit: 25, descending: true });
    expect(screen.queryByRole('button', { name: /^People/ })).toBeNull();
  });

  it('says when a name search shows only its first matches', () => {
    search.results = Array.from({ length: 50 }, (_, i) => ({
      id: `h${i}`,
      siteId: 'main',
      familyName: `Mukiza ${i}`,
      pending: false,
    }));
    renderList('/?q=mu');
    expect(screen.getByText('Showing the first 50 matches. Type more of the name to find the others.')).toBeVisible();
  });

  it('offers to register a family', async () => {
    search.results = [];
    renderList();
    await userEvent.click(screen.getByRole('link', { name: 'Register a family' }));
    expect(screen.getByText('new page')).toBeVisible();
  });

  it('offers nothing to register without a session: guards fail closed', () => {
    signOutForTest();
    search.results = [];
    renderList();
    expect(screen.queryByRole('link', { name: 'Register a family' })).toBeNull();
  });

  it('shows the list in Arabic with Arabic plural forms', async () => {
    search.results = [
      {
        id: 'h1',
        siteId: 'main',
        familyName: 'Haile',
        memberCount: 2,
        arrivalDate: '2025-03-01',
        arrivalMode: 'walk_in',
        pending: true,
      },
    ];
    await changeLanguage('ar');
    try {
      renderList();
      expect(screen.getByRole('heading', { level: 1, name: 'العائلات' })).toBeVisible();
      expect(screen.getByText('شخصان')).toBeVisible();
      expect(screen.getByText('غير متزامن')).toBeVisible();
      expect(document.documentElement.dir).toBe('rtl');
    } finally {
      await changeLanguage('en');
    }
  });
});
