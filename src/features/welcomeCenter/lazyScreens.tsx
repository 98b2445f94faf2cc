/** The welcome center's route screens, loaded on first visit (as in app/lazyScreens.tsx). */
import { lazy, Suspense, type ComponentType } from 'react';

function lazyScreen(load: () => Promise<ComponentType>): ComponentType {
  const Screen = lazy(async () => ({ default: await load() }));
  function LazyScreen() {
    return (
      <Suspense fallback={<div className="screen-loading" aria-busy="true" />}>
        <Screen />
      </Suspense>
    );
  }
  return LazyScreen;
}

export const DriverDayPage = lazyScreen(async () => (await import('../driver/DriverDayPage')).DriverDayPage);
export const ItineraryPage = lazyScreen(async () => (await import('../itinerary/ItineraryPage')).ItineraryPage);
export const DueSoonPage = lazyScreen(async () => (await import('../cases/DueSoonPage')).DueSoonPage);
export const TasksPage = lazyScreen(async () => (await import('../tasks/TasksPage')).TasksPage);
export const RemindersPage = lazyScreen(async () => (await import('../tasks/RemindersPage')).RemindersPage);
