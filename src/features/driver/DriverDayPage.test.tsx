import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { changeLanguage, setUpI18n } from '../../app/i18n';
import { DatabaseProvider } from '../../app/DatabaseProvider';
import { INTERIM_USER_ID } from '../../app/useActor';
import { todayIsoDate } from '../../app/format';
import { startOfLocalDay } from '../../app/dateTime';
import type { WaystationDatabase } from '../../db/database';
import { createTestDatabase } from '../../../tests/fixtures/testDatabase';
import { emptyNeeds } from '../../domain/household';
import { saveLeg } from '../travel';
import { legHistory } from '../../domain/travel';
import { DriverDayPage } from './DriverDayPage';

const coordinator = { userId: 'coord-1', deviceId: 'laptop-1', siteId: 'main' };

let db: WaystationDatabase;
beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

async function seed() {
  const created = new Date().toISOString();
  await db.households.insert({
    id: 'h-mendoza',
    siteId: 'main',
    createdAt: created,
    updatedAt: created,
    updatedBy: 'coord-1',
    deviceId: 'laptop-1',
    familyName: 'Mendoza',
    contactPhone: '+1 (602) 555-0101',
    arrivalDate: todayIsoDate(),
    arrivalMode: 'bus',
    needs: emptyNeeds(),
    destination: { city: 'Denver' },
    sponsor: {},
    consent: { dataSharing: true, photo: false },
    status: 'active',
    nameKey: 'mendoza',
  });
  const day = startOfLocalDay(todayIsoDate());
  const at = (hours: number) => new Date(day.getTime() + hours * 3_600_000).toISOString();
  const late = await saveLeg(db, coordinator, {
    householdId: 'h-mendoza',
    mode: 'bus',
    carrier: 'Greyhound',
    departureAt: at(17),
    departurePlace: 'Phoenix Greyhound station',
    arrivalPlace: 'Denver bus terminal',
    bookingReference: 'GH-4471-QX',
    seats: 4,
    pickupAt: at(16),
  });
  await saveLeg(db, coordinator, {
    householdId: 'h-other',
    mode: 'plane',
    carrier: 'Southwest',
    departureAt: at(9),
    departurePlace: 'PHX Terminal 4',
    arrivalPlace: 'Houston',
    bookingReference: 'SW-77',
    seats: 2,
  });
  return late;
}

describe("the driver's day", () => {
  it('lists the day by pick-up time and changes a status with one tap, recording who and when', async () => {
    const leg = await seed();
    render(
      <DatabaseProvider db={db}>
        <MemoryRouter>
          <DriverDayPage />
        </MemoryRouter>
      </DatabaseProvider>,
    );
    const cards = await screen.findAllByRole('article');
    expect(cards.map((card) => within(card).getByRole('heading').textContent)).toEqual([
      'Family not on this device',
      'Mendoza',
    ]);
    const mendoza = cards[1]!;
    expect(within(mendoza).getByText('4 seats')).toBeVisible();
    expect(within(mendoza).getByText('GH-4471-QX')).toBeVisible();
    expect(within(mendoza).getByText(/Denver bus terminal/)).toBeVisible();
    expect(within(mendoza).getByRole('link', { name: '+1 (602) 555-0101' }).getAttribute('href')).toBe('tel:+16025550101');

    const user = userEvent.setup();
    await user.click(within(mendoza).getByRole('button', { name: 'Mark picked up' }));
    await within(mendoza).findByRole('button', { name: 'Mark at the station' });
    expect(within(mendoza).getByText('Picked up')).toBeVisible();

    const stored = (await db.travelLegs.findOne(leg.id).exec())?.toJSON();
    expect(stored?.status).toBe('picked_up');
    expect(stored && legHistory(stored).at(-1)).toMatchObject({ status: 'picked_up', by: INTERIM_USER_ID });
  });

  it("shows a driver's reduced record of the family: no empty phone, the destination once, Undo for a tap", async () => {
    const created = new Date().toISOString();
    // What a driver's phone holds (domain/access.ts): no needs, arrival or sponsor; here no phone either.
    await db.households.insert({
      id: 'h-ahmadi',
      siteId: 'main',
      createdAt: created,
      updatedAt: created,
      updatedBy: 'coord-1',
      deviceId: 'laptop-1',
      familyName: 'Ahmadi',
      status: 'active',
      destination: { city: 'New York' },
      nameKey: 'ahmadi',
    } as Parameters<typeof db.households.insert>[0]);
    const day = startOfLocalDay(todayIsoDate());
    const leg = await saveLeg(db, coordinator, {
      householdId: 'h-ahmadi',
      mode: 'bus',
      carrier: 'Greyhound',
      departureAt: new Date(day.getTime() + 12 * 3_600_000).toISOString(),
      departurePlace: 'Phoenix Greyhound station',
      arrivalPlace: 'New York, NY',
      bookingReference: 'GH-1',
      seats: 3,
    });
    render(
      <DatabaseProvider db={db}>
        <MemoryRouter>
          <DriverDayPage />
        </MemoryRouter>
      </DatabaseProvider>,
    );
    const card = await screen.findByRole('article', { name: 'Ahmadi' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe("Today's pick-ups");
    expect(within(card).queryByText('Phone')).toBeNull();
    expect(within(card).queryByText('None')).toBeNull();
    expect(within(card).getByText('New York, NY')).toBeVisible();
    expect(within(card).getByRole('link', { name: 'Ahmadi' }).getAttribute('href')).toBe('/households/h-ahmadi');

    const user = userEvent.setup();
    await user.click(within(card).getByRole('button', { name: 'Mark picked up' }));
    await within(card).findByRole('button', { name: 'Mark at the station' });
    expect(screen.getByRole('status').textContent).toContain('Ahmadi: marked Picked up.');
    // Undo goes back to planned, a step the transition table has no forward arrow for.
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await within(card).findByRole('button', { name: 'Mark picked up' });
    let stored = (await db.travelLegs.findOne(leg.id).exec())?.toJSON();
    expect(stored?.status).toBe('planned');
    expect(stored && legHistory(stored).map((h) => h.status)).toEqual(['planned', 'picked_up', 'planned']);
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();

    // A no-show offers no "Mark picked up".
    await user.click(within(card).getByRole('button', { name: 'Mark picked up' }));
    await user.click(await within(card).findByRole('button', { name: 'No-show' }));
    await screen.findByText('Ahmadi: marked No-show.');
    expect(within(card).queryByRole('button', { name: 'Mark picked up' })).toBeNull();
    stored = (await db.travelLegs.findOne(leg.id).exec())?.toJSON();
    expect(stored?.status).toBe('no_show');
  });
});
