import { Route } from 'react-router';
import { RequireWelcomeCenterAccess } from '../features/welcomeCenter';
import { DriverDayPage, DueSoonPage, ItineraryPage, RemindersPage, TasksPage } from './lazyScreens';

/** The welcome center's routes, for <Routes> in app/App.tsx (a fragment of <Route>s, as React Router allows). */
export function welcomeCenterRoutes() {
  return (
    <>
      <Route
        path="driver"
        element={
          <RequireWelcomeCenterAccess screen="driver">
            <DriverDayPage />
          </RequireWelcomeCenterAccess>
        }
      />
      <Route
        path="households/:id/itinerary"
        element={
          <RequireWelcomeCenterAccess screen="itinerary">
            <ItineraryPage />
          </RequireWelcomeCenterAccess>
        }
      />
      <Route
        path="cases/due"
        element={
          <RequireWelcomeCenterAccess screen="milestones">
            <DueSoonPage />
          </RequireWelcomeCenterAccess>
        }
      />
      <Route
        path="tasks"
        element={
          <RequireWelcomeCenterAccess screen="tasks">
            <TasksPage />
          </RequireWelcomeCenterAccess>
        }
      />
      <Route
        path="reminders"
        element={
          <RequireWelcomeCenterAccess screen="reminders">
            <RemindersPage />
          </RequireWelcomeCenterAccess>
        }
      />
    </>
  );
}
