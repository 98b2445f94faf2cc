/** Records of a welcome-center family for the browser tests, stored straight on the server. */
import { deriveHousehold, emptyNeeds } from '../../src/domain/household';
import { derivePerson } from '../../src/domain/person';
import type { TravelLeg } from '../../src/domain/travel';
import type { E2eServer } from './server';

export const SITE = 'main';

function meta(id: string) {
  const at = new Date(Date.now() - 3_600_000).toISOString();
  return { id, siteId: SITE, createdAt: at, updatedAt: at, updatedBy: 'seed', deviceId: 'seed' };
}

export interface SeededLeg {
  id: string;
  departureAt: string;
  pickupAt?: string;
  arrivalAt?: string;
  departurePlace: string;
  arrivalPlace: string;
  bookingReference: string;
  carrier: string;
  mode: TravelLeg['mode'];
  seats: number;
  driverId?: string;
}

export async function seedFamily(
  server: Pick<E2eServer, 'store'>,
  family: {
    id: string;
    familyName: string;
    contactPhone: string;
    members: { id: string; givenName: string; dateOfBirth: string; relationship: 'head' | 'child' | 'spouse'; languages: string[] }[];
    legs: SeededLeg[];
    /** Whether the family agreed to share its information with partner organisations (default yes). */
    dataSharing?: boolean;
  },
): Promise<void> {
  await server.store.transaction(async (tx) => {
    const household = deriveHousehold({
      ...meta(family.id),
      familyName: family.familyName,
      contactPhone: family.contactPhone,
      arrivalDate: new Date().toISOString().slice(0, 10),
      arrivalMode: 'detention_release' as const,
      needs: emptyNeeds(),
      destination: { city: 'Denver', region: 'CO', country: 'US' },
      sponsor: { name: 'Carmen Ruiz', relationship: 'aunt', phone: '+1 720 555 0134', address: '1450 Federal Blvd, Denver, CO 80204' },
      consent: { dataSharing: family.dataSharing ?? true, photo: false },
      status: 'active' as const,
      nameKey: '',
    });
    await tx.putDocument('households', { ...household, _deleted: false }, SITE);
    for (const member of family.members) {
      const person = derivePerson({
        ...meta(member.id),
        householdId: family.id,
        givenName: member.givenName,
        familyName: family.familyName,
        dateOfBirth: member.dateOfBirth,
        sex: 'unknown' as const,
        relationship: member.relationship,
        languages: member.languages,
        interpreterNeeded: false,
        nameKey: '',
        familyKey: '',
      });
      await tx.putDocument('people', { ...person, _deleted: false }, SITE);
    }
    for (const leg of family.legs) {
      const doc = {
        ...meta(leg.id),
        ...leg,
        householdId: family.id,
        status: 'ticketed' as const,
        statusHistory: { seed: { status: 'ticketed' as const, by: 'seed', at: new Date(Date.now() - 3_600_000).toISOString() } },
        _deleted: false,
      };
      await tx.putDocument('travelLegs', doc, SITE);
    }
  });
}

/** An instant today (device and server share a clock here) at `hours` after local midnight, in UTC. */
export function todayAt(hours: number): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate(), hours, 0, 0, 0).toISOString();
}
