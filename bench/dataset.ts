/**
 * A seeded, realistic intake dataset: households of 1–8 people (mostly 2–5),
 * arriving over the last year at a few sites, with names from the languages
 * families at the border speak, and sensitive records (identity documents,
 * medical flags, notes) for some households and people.
 *
 * The same seed always gives the same documents, so benchmark runs compare.
 * The bench adds travel legs, milestones and helpline calls on top of these
 * families (workload.ts); the demo adds those, tasks and notes (caseload.ts).
 * Documents are wire documents (fields + `_deleted`), valid against the
 * server's schemas, with derived keys computed as a device would.
 */
import { NEEDS, type Household } from '@waystation/domain/household';
import type { Person } from '@waystation/domain/person';
import { normalizeName } from '@waystation/domain/names';
import type { Sensitive } from '@waystation/domain/sensitive';
import type { WireDocument } from '@waystation/protocol';

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY_NAMES = [
  'García',
  'Hernández',
  'López',
  'Martínez',
  'Rodríguez',
  'Pérez',
  'Gómez',
  'Núñez',
  'Castillo',
  'Ramírez',
  'Morales',
  'Ortiz',
  'Vásquez',
  'Jiménez',
  'Cruz',
  'Reyes',
  'Flores',
  'Mendoza',
  'Álvarez',
  'Torres',
  'Jean-Baptiste',
  'Pierre',
  'Joseph',
  'Louis',
  'Charles',
  'Désir',
  'Étienne',
  'Toussaint',
  'Augustin',
  'Dorvil',
  'Al-Hassan',
  'Haddad',
  'Khalil',
  'Mansour',
  'Nasser',
  'Saleh',
  'Yousef',
  'Abdi',
  'Farah',
  'Hussein',
  'Mutombo',
  'Kabila',
  'Mwangi',
  'Otieno',
  'Nyambura',
  'Uwimana',
  'Habimana',
  'Niyonzima',
  'Mensah',
  'Owusu',
  'Petrenko',
  'Kovalenko',
  'Shevchenko',
  'Bondarenko',
  'Rahimi',
  'Ahmadi',
  'Karimi',
  'Sultani',
  'Nguyen',
  'Tran',
];
// Given names by the sex they are usually given to, so a generated head of family
// called Diego is recorded as male (demo data should read true to life).
export const FEMALE_NAMES = [
  'María',
  'Ana',
  'Carmen',
  'Rosa',
  'Lucía',
  'Sofía',
  'Daniela',
  'Valentina',
  'Camila',
  'Isabela',
  'Guadalupe',
  'Marie',
  'Wislande',
  'Nadège',
  'Fabiola',
  'Mirlande',
  'Stéphanie',
  'Fatima',
  'Aisha',
  'Layla',
  'Amina',
  'Noor',
  'Zainab',
  'Grace',
  'Neema',
  'Rehema',
  'Esther',
  'Ama',
  'Olena',
  'Iryna',
  'Mariam',
  'Zahra',
  'Linh',
];
export const MALE_NAMES = [
  'José',
  'Juan',
  'Luis',
  'Carlos',
  'Miguel',
  'Jorge',
  'Andrés',
  'Mateo',
  'Santiago',
  'Diego',
  'Óscar',
  'Jean',
  'Ricardo',
  'Kervens',
  'Junior',
  'Mohammed',
  'Omar',
  'Yusuf',
  'Khaled',
  'Ibrahim',
  'Hassan',
  'Emmanuel',
  'Baraka',
  'Joseph',
  'Daudi',
  'Kofi',
  'Dmytro',
  'Oleksandr',
  'Farid',
  'Ahmad',
  'Minh',
];
const GIVEN_NAMES = [...FEMALE_NAMES, ...MALE_NAMES];

const LANGUAGES = ['es', 'fr', 'ht', 'ar', 'sw', 'en', 'pt', 'uk', 'ru', 'fa', 'ps', 'vi', 'so', 'ln', 'qu'];
const COUNTRIES = [
  'MX',
  'GT',
  'HN',
  'SV',
  'VE',
  'CO',
  'EC',
  'HT',
  'CU',
  'NI',
  'CD',
  'AF',
  'UA',
  'SY',
  'SO',
  'CM',
];
const CITIES = [
  ['Denver', 'CO'],
  ['Chicago', 'IL'],
  ['New York', 'NY'],
  ['Houston', 'TX'],
  ['Atlanta', 'GA'],
  ['Miami', 'FL'],
  ['Los Angeles', 'CA'],
  ['Portland', 'OR'],
  ['Boston', 'MA'],
  ['Newark', 'NJ'],
  ['Philadelphia', 'PA'],
] as const;
const ARRIVAL_MODES = ['detention_release', 'bus', 'walk_in', 'transfer', 'other'] as const;

export interface DatasetOptions {
  seed: number;
  /** Total number of documents (households + people + sensitive), exactly. */
  documents: number;
  siteIds: readonly string[];
  /** Ids are prefixed with this, so several datasets can share one server. */
  idPrefix?: string;
  /** Timestamps fall in the year before this instant (ms). */
  now?: number;
  /** Families arrive over this many days before `now` (default 365; the demo uses a few weeks). */
  arrivalDays?: number;
  /** Who wrote the records (user ids); default invented "volunteer-N" ids. */
  authors?: readonly string[];
}

export interface Dataset {
  households: WireDocument[];
  people: WireDocument[];
  sensitive: WireDocument[];
}

export function datasetSize(dataset: Dataset): number {
  return dataset.households.length + dataset.people.length + dataset.sensitive.length;
}

/** normalizeName (as deriveHousehold/derivePerson use it), memoised: the name lists are small. */
const normalized = new Map<string, string>();
function nameKeyOf(value: string): string {
  let key = normalized.get(value);
  if (key === undefined) {
    key = normalizeName(value);
    normalized.set(value, key);
  }
  return key;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const YEAR_DAYS = 365;

function wire<T extends object>(doc: T): WireDocument {
  return { ...doc, _deleted: false } as unknown as WireDocument;
}

/** Household sizes as intake sees them: many couples and small families, few of 7–8. */
const SIZE_WEIGHTS = [0.14, 0.2, 0.22, 0.18, 0.12, 0.07, 0.04, 0.03];

export function generateDataset(options: DatasetOptions): Dataset {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const now = options.now ?? Date.parse('2026-06-01T12:00:00.000Z');
  const prefix = options.idPrefix ?? 'b';
  const out: Dataset = { households: [], people: [], sensitive: [] };
  let serial = 0;
  const nextId = (kind: string) => `${prefix}-${kind}-${(serial++).toString(36).padStart(6, '0')}`;

  const householdSize = () => {
    let r = random();
    for (const [index, weight] of SIZE_WEIGHTS.entries()) {
      r -= weight;
      if (r < 0) return index + 1;
    }
    return SIZE_WEIGHTS.length;
  };

  while (datasetSize(out) < options.documents) {
    const arrived = now - Math.floor(random() * (options.arrivalDays ?? YEAR_DAYS)) * DAY_MS;
    const createdAt = new Date(arrived + Math.floor(random() * 8 * 3600_000)).toISOString();
    const updatedAt = chance(0.3)
      ? new Date(Date.parse(createdAt) + Math.floor(random() * 20) * DAY_MS).toISOString()
      : createdAt;
    const meta = {
      siteId: pick(options.siteIds),
      createdAt,
      updatedAt,
      updatedBy: options.authors
        ? options.authors[Math.floor(random() * options.authors.length)]!
        : `volunteer-${Math.floor(random() * 40)}`,
      deviceId: `tablet-${Math.floor(random() * 12)}`,
    };
    const familyName = pick(FAMILY_NAMES);
    const [city, region] = pick(CITIES);
    const householdId = nextId('h');
    const household: Omit<Household, 'nameKey'> = {
      ...meta,
      id: householdId,
      familyName,
      ...(chance(0.8)
        ? {
            contactPhone: `+1 ${200 + Math.floor(random() * 700)} 555 ${String(Math.floor(random() * 10000)).padStart(4, '0')}`,
          }
        : {}),
      arrivalDate: createdAt.slice(0, 10),
      arrivalMode: pick(ARRIVAL_MODES),
      needs: Object.fromEntries(NEEDS.map((need) => [need, chance(0.4)])) as Household['needs'],
      destination: chance(0.85) ? { city, region, country: 'US' } : {},
      sponsor: chance(0.7) ? { name: `${pick(GIVEN_NAMES)} ${familyName}`, relationship: 'cousin' } : {},
      consent: { dataSharing: chance(0.9), photo: chance(0.5) },
      status: chance(0.8) ? 'active' : 'departed',
    };
    out.households.push(wire({ ...household, nameKey: nameKeyOf(household.familyName) }));
    if (chance(0.3)) {
      const record: Sensitive = {
        ...meta,
        id: householdId,
        subjectType: 'household',
        householdId,
        identifiers: [],
        medicalFlags: [],
        protectionNotes: 'Family separated at the border; reunification case opened.',
      };
      out.sensitive.push(wire(record));
    }

    const nationality = pick(COUNTRIES);
    const language = pick(LANGUAGES);
    const size = householdSize();
    for (let member = 0; member < size; member++) {
      const isChild = member >= 2 || (member === 1 && chance(0.3));
      const age = isChild ? Math.floor(random() * 17) : 18 + Math.floor(random() * 50);
      const sex = chance(0.5) ? 'female' : 'male';
      const person: Omit<Person, 'nameKey' | 'familyKey'> = {
        ...meta,
        id: nextId('p'),
        householdId,
        givenName: pick(sex === 'female' ? FEMALE_NAMES : MALE_NAMES),
        familyName: chance(0.85) ? familyName : pick(FAMILY_NAMES),
        ...(chance(0.7)
          ? {
              dateOfBirth: new Date(
                now - age * YEAR_DAYS * DAY_MS - Math.floor(random() * YEAR_DAYS) * DAY_MS,
              )
                .toISOString()
                .slice(0, 10),
            }
          : // As intake writes it (the current schema): the day the age was estimated, here the registration day.
            { estimatedAge: age, ageEstimatedOn: createdAt.slice(0, 10) }),
        sex,
        relationship: member === 0 ? 'head' : member === 1 && !isChild ? 'spouse' : 'child',
        nationality,
        // Some speak Spanish besides their own language; a Spanish speaker is not listed twice.
        languages: chance(0.3) && language !== 'es' ? [language, 'es'] : [language],
        interpreterNeeded: chance(0.4),
      };
      out.people.push(
        wire({
          ...person,
          nameKey: nameKeyOf(`${person.givenName} ${person.familyName}`),
          familyKey: nameKeyOf(`${person.familyName} ${person.givenName}`),
        }),
      );
      if (chance(0.2)) {
        const record: Sensitive = {
          ...meta,
          id: person.id,
          subjectType: 'person',
          householdId,
          identifiers: [
            {
              type: chance(0.5) ? 'a_number' : 'passport',
              value: `A${Math.floor(100000000 + random() * 899999999)}`,
            },
          ],
          medicalFlags: chance(0.3) ? ['chronic_condition'] : [],
          ...(chance(0.2) ? { medicalNotes: 'Needs insulin twice a day; prescription photographed.' } : {}),
        };
        out.sensitive.push(wire(record));
      }
    }
  }
  // Trim the last household's extra records so the total is exact.
  while (datasetSize(out) > options.documents) {
    if (out.sensitive.length > 0 && out.sensitive.at(-1)!.householdId === out.households.at(-1)!.id)
      out.sensitive.pop();
    else out.people.pop();
  }
  return out;
}

/**
 * Extra families for a device that must hold `people` more people (search
 * benchmark): whole households with exactly that many members in all, so
 * every person found by name belongs to a household on the device.
 */
export function generateFamilies(options: Omit<DatasetOptions, 'documents'> & { people: number }): {
  households: WireDocument[];
  people: WireDocument[];
} {
  const households: WireDocument[] = [];
  const people: WireDocument[] = [];
  let seed = options.seed;
  while (people.length < options.people) {
    const batch = generateDataset({
      ...options,
      seed: seed++,
      documents: 10_000,
      idPrefix: `${options.idPrefix ?? 'x'}${seed}`,
    });
    households.push(...batch.households);
    people.push(...batch.people);
  }
  const kept = people.slice(0, options.people);
  const keptHouseholds = new Set(kept.map((person) => person.householdId));
  return { households: households.filter((h) => keptHouseholds.has(h.id)), people: kept };
}

/** Name prefixes a volunteer types, drawn from the same name lists (1–4 letters, accents as typed or not). */
export function searchPrefixes(seed: number, count: number): string[] {
  const random = seededRandom(seed);
  const names = [...FAMILY_NAMES, ...GIVEN_NAMES];
  return Array.from({ length: count }, () => {
    const name = names[Math.floor(random() * names.length)]!;
    return name.slice(0, 2 + Math.floor(random() * 3));
  });
}
