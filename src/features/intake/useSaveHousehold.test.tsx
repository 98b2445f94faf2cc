import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { changeLanguage, setUpI18n } from '../../app/i18n';
import { DatabaseProvider } from '../../app/DatabaseProvider';
import type { WaystationDatabase } from '../../db/database';
import { reportSaved } from '../../db/storageStatus';
import { createTestDatabase, INTAKE_COLLECTIONS } from '../../../tests/fixtures/testDatabase';
import { fullDevice, type FullDevice } from '../../../tests/fixtures/testFullDevice';
import { emptyNeeds } from '../../domain/household';
import type { HouseholdDraft } from '../../domain/householdDraft';
import { useSaveHousehold } from './useSaveHousehold';

const navigate = vi.hoisted(() => vi.fn());
vi.mock('react-router', async (importOriginal) => ({
  ...(await importOriginal<typeof import('react-router')>()),
  useNavigate: () => navigate,
}));

const draft: HouseholdDraft = {
  familyName: 'Mukiza',
  contactPhone: undefined,
  arrivalDate: '2026-11-01',
  arrivalMode: 'bus',
  needs: { ...emptyNeeds(), food: true },
  destination: { city: 'Denver' },
  sponsor: {},
  consent: { dataSharing: true, photo: false },
  notes: 'Arrived late; the youngest needs a doctor.',
  protectionNotes: undefined,
  members: [
    {
      givenName: 'Amani',
      familyName: 'Mukiza',
      dateOfBirth: undefined,
      nationality: undefined,
      medicalNotes: undefined,
      sex: 'female',
      relationship: 'head',
      languages: ['sw'],
      interpreterNeeded: false,
      identifiers: [],
      medicalFlags: [],
    },
  ],
};

let db: WaystationDatabase | undefined;
let device: FullDevice;

beforeAll(async () => {
  setUpI18n('en');
  await changeLanguage('en');
});

afterEach(async () => {
  await db?.close();
  db = undefined;
  navigate.mockReset();
  reportSaved();
});

async function renderSave() {
  device = fullDevice();
  db = await createTestDatabase(device.storage, INTAKE_COLLECTIONS);
  const database = db;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter>
      <DatabaseProvider db={database}>{children}</DatabaseProvider>
    </MemoryRouter>
  );
  return { database, ...renderHook(() => useSaveHousehold(), { wrapper }) };
}

describe('useSaveHousehold on a full device', () => {
  it('says plainly that the family was not saved, keeps nothing of it, and saves it once there is room', async () => {
    const { database, result } = await renderSave();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // The household is stored, then its sensitive details are refused: the save must not leave half a family.
    device.refuse(['sensitive']);
    await act(() => result.current.save(draft));

    expect(result.current.error).toBe(
      'This device is out of storage, so this change was not saved. Everything saved before is safe. ' +
        'Free up space on the device (delete photos, videos or apps you do not need), then save again.',
    );
    expect(navigate).not.toHaveBeenCalled();
    expect(await database.households.find().exec()).toHaveLength(0);
    expect(await database.people.find().exec()).toHaveLength(0);
    expect(await database.outbox.find().exec()).toHaveLength(0);

    device.free();
    await act(() => result.current.save(draft));
    expect(result.current.error).toBeUndefined();
    expect(navigate).toHaveBeenCalledOnce();
    expect((await database.households.find().exec()).map((h) => h.familyName)).toEqual(['Mukiza']);
  });

  it('keeps the usual message for other failures', async () => {
    const { result } = await renderSave();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    device.refuse(
      ['households'],
      () => new DOMException('The database connection is closing.', 'InvalidStateError'),
    );
    await act(() => result.current.save(draft));
    expect(result.current.error).toBe(
      'The family could not be saved. Nothing was changed; please try again.',
    );
  });
});
