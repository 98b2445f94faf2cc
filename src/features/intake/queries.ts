/**
 * Intake's reads. Every query goes through an index, so search stays fast on
 * a coordinator's device holding 100,000 people: name searches are prefix
 * reads of normalised keys, "recent" is a bounded range of the
 * (siteId, updatedAt) index per site, and the members of a page of results
 * are counted from the householdId index alone (db/indexReader.ts: no
 * document is read for a member count).
 */
import { combineLatest, map, merge, type Observable, of } from 'rxjs';
import { normalizeName } from '../../domain/names';
import { isFullHousehold, type ArrivalMode, type Household, type HouseholdRecord } from '../../domain/household';
import { sortMembers, type Person } from '../../domain/person';
import type { Sensitive } from '../../domain/sensitive';
import type { WaystationDatabase } from '../../db/database';
import { indexReader } from '../../db/indexReader';

export interface HouseholdSummary {
  id: string;
  siteId: string;
  familyName: string;
  /** Absent for a reduced record (a driver's, domain/access.ts): the device holds no members or arrival. */
  memberCount?: number;
  arrivalDate?: string;
  arrivalMode?: ArrivalMode;
  contactPhone?: string;
  /** Some record of the household (itself, a member, their details) is not yet synced. */
  pending: boolean;
}

export interface HouseholdDetail {
  /** A role with a field grant (a driver) holds a reduced record: see HouseholdRecord. */
  household: HouseholdRecord | undefined;
  members: Person[];
  /** Sensitive records by subject id (the household's id or a member's id). */
  sensitiveBySubject: Record<string, Sensitive>;
}

export const SEARCH_LIMIT = 50;

type IsPending = (collection: string, id: string) => boolean;

/** Member ids by household id: the householdId index alone, no person is read. */
type MemberIds = Map<string, string[]>;

function memberIds(db: WaystationDatabase, householdIds: string[]): Promise<MemberIds> {
  return indexReader<Person>(db.people).idsWhere('householdId', householdIds);
}

/**
 * Households whose name, or a member's name (given-first or family-first),
 * starts with the key: at most `limit`, ordered by the household's name key,
 * with their members' ids (read alongside the households that still need reading).
 */
async function matchingHouseholds(
  db: WaystationDatabase,
  key: string,
  limit: number,
): Promise<{ households: Household[]; members: MemberIds }> {
  const households = indexReader<Household>(db.households);
  const people = indexReader<Person>(db.people);
  const [byHouseholdName, byGivenFirst, byFamilyFirst] = await Promise.all([
    households.startingWith('nameKey', key, limit),
    people.startingWith('nameKey', key, limit),
    people.startingWith('familyKey', key, limit),
  ]);
  const ids = new Set<string>(byHouseholdName.map((h) => h.id));
  for (const person of [...byGivenFirst, ...byFamilyFirst]) ids.add(person.householdId);
  const wanted = [...ids].slice(0, limit);
  const known = new Map(byHouseholdName.map((h) => [h.id, h]));
  const [others, members] = await Promise.all([
    households.byIds(wanted.filter((id) => !known.has(id))),
    memberIds(db, wanted),
  ]);
  return {
    households: wanted
      .flatMap((id) => known.get(id) ?? others.get(id) ?? [])
      .sort((a, b) => a.nameKey.localeCompare(b.nameKey) || a.id.localeCompare(b.id)),
    members,
  };
}

/**
 * The sites present on the device, by skipping through the (siteId, updatedAt)
 * index: one indexed lookup per site instead of a scan of every household.
 */
async function siteIds(db: WaystationDatabase): Promise<string[]> {
  const sites: string[] = [];
  for (;;) {
    const after = sites.at(-1);
    const next = await db.households
      .findOne({
        selector: { siteId: after === undefined ? { $gte: '' } : { $gt: after } },
        sort: [{ siteId: 'asc' }],
      })
      .exec();
    if (!next) return sites;
    sites.push(next.siteId);
  }
}

/**
 * Look-back windows for "recent": RxDB re-sorts (reads everything matched)
 * for a descending sort, so instead widen an ascending, index-bounded range
 * until it holds enough households. A center adds ~100 a day, so the first
 * window usually suffices.
 */
const RECENT_WINDOWS_DAYS = [2, 14, 90, 365, 3650];
const DAY_MS = 24 * 60 * 60 * 1000;

/** The most recently changed households, newest first. */
async function recentHouseholds(
  db: WaystationDatabase,
  limit: number,
  now = Date.now(),
): Promise<Household[]> {
  const sites = await siteIds(db);
  let found: Household[] = [];
  for (const days of RECENT_WINDOWS_DAYS) {
    const since = new Date(now - days * DAY_MS).toISOString();
    const perSite = await Promise.all(
      sites.map((siteId) =>
        db.households
          .find({
            selector: { siteId, updatedAt: { $gte: since } },
            sort: [{ siteId: 'asc' }, { updatedAt: 'asc' }],
          })
          .exec(),
      ),
    );
    found = perSite.flat().map((doc) => doc.toJSON() as Household);
    if (found.length >= limit) break;
  }
  return found.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, limit);
}

/** A household's members give its count and, with their details, its pending mark. */
function summarize(households: HouseholdRecord[], members: MemberIds, isPending: IsPending): HouseholdSummary[] {
  return households.map((household): HouseholdSummary => {
    const ids = members.get(household.id) ?? [];
    const pending =
      isPending('households', household.id) ||
      isPending('sensitive', household.id) ||
      ids.some((id) => isPending('people', id) || isPending('sensitive', id));
    return {
      id: household.id,
      siteId: household.siteId,
      familyName: household.familyName,
      ...(isFullHousehold(household)
        ? { memberCount: ids.length, arrivalDate: household.arrivalDate, arrivalMode: household.arrivalMode }
        : {}),
      ...(household.contactPhone ? { contactPhone: household.contactPhone } : {}),
      pending,
    };
  });
}

/** Households matching a name prefix, or the most recent ones for an empty query. */
export async function searchHouseholds(
  db: WaystationDatabase,
  query: string,
  isPending: IsPending = () => false,
  limit = SEARCH_LIMIT,
): Promise<HouseholdSummary[]> {
  const key = normalizeName(query);
  if (key !== '') {
    const { households, members } = await matchingHouseholds(db, key, limit);
    return summarize(households, members, isPending);
  }
  const recent = await recentHouseholds(db, limit);
  return summarize(
    recent,
    await memberIds(
      db,
      recent.map((h) => h.id),
    ),
    isPending,
  );
}

/** A page of every family on the device, and how many there are. */
export interface HouseholdPage {
  rows: HouseholdSummary[];
  total: number;
}

/**
 * One page of every family on the device, in name order (or its reverse):
 * counted and skipped in the nameKey index, so the last of 100,000 families
 * costs one page of reads, as the first does.
 */
export async function browseHouseholds(
  db: WaystationDatabase,
  page: { offset: number; limit: number; descending?: boolean },
  isPending: IsPending = () => false,
): Promise<HouseholdPage> {
  const households = indexReader<Household>(db.households);
  const [rows, total] = await Promise.all([households.page('nameKey', page), households.count('nameKey')]);
  return { rows: summarize(rows, await memberIds(db, rows.map((h) => h.id)), isPending), total };
}

/** Emits whenever something a household list shows may have changed. */
export function householdListChanges$(db: WaystationDatabase): Observable<unknown> {
  return merge(db.households.$, db.people.$);
}

/** A household with its members and sensitive records, kept current. */
export function householdDetail$(db: WaystationDatabase, id: string): Observable<HouseholdDetail> {
  return combineLatest([
    db.households.findOne(id).$,
    db.people.find({ selector: { householdId: id } }).$,
    // A role that never receives sensitive records (the call desk) has no such collection.
    'sensitive' in db.collections ? db.sensitive.find({ selector: { householdId: id } }).$ : of([]),
  ]).pipe(
    map(([household, members, sensitive]) => ({
      household: household ? (household.toJSON() as HouseholdRecord) : undefined,
      members: sortMembers(members.map((m) => m.toJSON() as Person)),
      sensitiveBySubject: Object.fromEntries(sensitive.map((s) => [s.id, s.toJSON() as Sensitive])),
    })),
  );
}

/** Whether any record of the household is waiting to sync. */
export function isHouseholdPending(detail: HouseholdDetail, id: string, isPending: IsPending): boolean {
  return (
    isPending('households', id) ||
    Object.keys(detail.sensitiveBySubject).some((subject) => isPending('sensitive', subject)) ||
    detail.members.some((m) => isPending('people', m.id))
  );
}
