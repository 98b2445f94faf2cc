import { BrowserRouter, Route, Routes } from 'react-router';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { HouseholdListPage } from '../features/intake/HouseholdListPage';
import { HouseholdNewPage } from '../features/intake/HouseholdNewPage';
import { HouseholdDetailPage } from '../features/intake/HouseholdDetailPage';
import { HouseholdEditPage } from '../features/intake/HouseholdEditPage';

/** The screens, inside the shell. Separate from the router so tests can use a MemoryRouter. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HouseholdListPage />} />
        <Route path="households/new" element={<HouseholdNewPage />} />
        <Route path="households/:id" element={<HouseholdDetailPage />} />
        <Route path="households/:id/edit" element={<HouseholdEditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}
