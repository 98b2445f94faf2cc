import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pendingIndexOf, type WaystationDatabase } from '../../db/database';
import { createTestDatabase } from '../../../tests/fixtures/testDatabase';
import { InvalidRecordError, type WriteActor } from '../../db/recordWrites';
import { StatusTransitionError } from '../../domain/transitions';
import { legHistory, type LegDraft } from '../../domain/travel';
import { changeLegStatus, saveLeg } from './operations';
import { firstValueFrom } from 'rxjs';
import { legsDeparting$ } from './queries';

const coordinator: WriteActor = { userId: 'coord-1', deviceId: 'laptop-1', siteId: 'site-1' };
const driver: WriteActor = { userId: 'driver-7', deviceId: 'phone-7', siteId: 'site-1' };

function leg(overrides: Partial<LegDraft> = {}): LegDraft {
  return {
    householdId: 'h-1',
    mode: 'bus',
    carrier: 'Greyhound',
    departureAt: '2026-05-01T15:30:00.000Z',
    departurePlace: 'Phoenix Greyhound station',
    arrivalAt: '2026-05-02T09:10:00.000Z',
    arrivalPlace: 'Denver',
    bookingReference: 'GH-4471-QX',
    seats: 4,
    pickupAt: '2026-05-01T14:30:00.000Z',
    ...overrides,
  };
}

let db: WaystationDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

describe('travel leg operations', () => {
  it('adds a planned leg with its first history entry, waiting in the outbox', async () => {
    const saved = await saveLeg(db, coordinator, leg(), { now: new Date('2026-04-30T10:00:00.000Z') });
    expect(saved).toMatchObject({ status: 'planned', siteId: 'site-1', seats: 4 });
    expect(legHistory(saved)).toMatchObject([{ status: 'planned', by: 'coord-1', at: '2026-04-30T10:00:00.000Z' }]);
    expect(pendingIndexOf(db).has('travelLegs', saved.id)).toBe(true);
  });

  it('each status change appends who and when; editing the leg keeps status and history', async () => {
    const saved = await saveLeg(db, coordinator, leg(), { now: new Date('2026-04-30T10:00:00.000Z') });
    await changeLegStatus(db, coordinator, saved.id, 'ticketed', new Date('2026-04-30T11:00:00.000Z'));
    const opened = await changeLegStatus(db, driver, saved.id, 'picked_up', new Date('2026-05-01T14:32:00.000Z'));
    const edited = await saveLeg(
      db,
      coordinator,
      { ...leg({ bookingReference: 'GH-4471-QY', pickupAt: undefined }), id: saved.id },
      { base: opened },
    );
    expect(edited.status).toBe('picked_up');
    expect(edited.bookingReference).toBe('GH-4471-QY');
    expect(edited).not.toHaveProperty('pickupAt');
    expect(legHistory(edited).map((h) => [h.status, h.by])).toEqual([
      ['planned', 'coord-1'],
      ['ticketed', 'coord-1'],
      ['picked_up', 'driver-7'],
    ]);
    expect(edited.updatedBy).toBe('coord-1');
  });

  it('refuses a change the transition table does not allow, and writes nothing', async () => {
    const saved = await saveLeg(db, coordinator, leg());
    await expect(changeLegStatus(db, driver, saved.id, 'boarded')).rejects.toBeInstanceOf(StatusTransitionError);
    const stored = await db.travelLegs.findOne(saved.id).exec();
    expect(stored?.status).toBe('planned');
  });

  it('rejects an invalid leg with the fields at fault and stores nothing', async () => {
    const error = await saveLeg(db, coordinator, leg({ arrivalAt: '2026-05-01T08:00:00.000Z', seats: 0 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidRecordError);
    const paths = (error as InvalidRecordError).issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['seats']));
    expect(await db.travelLegs.count().exec()).toBe(0);
  });

  it("lists a day's legs by pick-up time with the family's name and phone", async () => {
    await db.households.insert({
      id: 'h-1',
      siteId: 'site-1',
      createdAt: '2026-04-30T09:00:00.000Z',
      updatedAt: '2026-04-30T09:00:00.000Z',
      updatedBy: 'coord-1',
      deviceId: 'laptop-1',
      familyName: 'Mendoza',
      contactPhone: '+1 602 555 0101',
      arrivalDate: '2026-04-29',
      arrivalMode: 'bus',
      needs: { food: false, shelter: false, clothing: false, hygiene: false, medicalScreening: false, legalOrientation: false },
      destination: { city: 'Denver' },
      sponsor: {},
      consent: { dataSharing: true, photo: false },
      status: 'active',
      nameKey: 'mendoza',
    });
    await saveLeg(db, coordinator, leg({ pickupAt: '2026-05-01T14:30:00.000Z', bookingReference: 'LATE' }));
    const early = { pickupAt: undefined, arrivalAt: undefined };
    await saveLeg(db, coordinator, leg({ ...early, departureAt: '2026-05-01T12:00:00.000Z', bookingReference: 'EARLY' }));
    await saveLeg(db, coordinator, leg({ ...early, departureAt: '2026-05-02T12:00:00.000Z', bookingReference: 'TOMORROW' }));
    const day = await firstValueFrom(
      legsDeparting$(db, new Date('2026-05-01T00:00:00.000Z'), new Date('2026-05-02T00:00:00.000Z')),
    );
    expect(day.map((d) => d.leg.bookingReference)).toEqual(['EARLY', 'LATE']);
    expect(day[0]?.household).toMatchObject({ familyName: 'Mendoza', contactPhone: '+1 602 555 0101' });
  });
});
