/**
 * Builds one CSV export with HXL hashtags (domain/hxl.ts) from the records on
 * the device, for a period and a site: which records belong in it, then the
 * rows in chunks so the screen never freezes.
 */
import type { Household } from '../../domain/household';
import type { Person } from '../../domain/person';
import type { TravelLeg } from '../../domain/travel';
import type { Call } from '../../domain/calls';
import {
  CALL_COLUMNS,
  HOUSEHOLD_COLUMNS,
  hxlHeadRows,
  hxlRows,
  PEOPLE_COLUMNS,
  sharingConsent,
  toCsv,
  TRAVEL_LEG_COLUMNS,
  type ExportDataset,
  type HxlOptions,
} from '../../domain/hxl';
import { atSite, inPeriod, type ReportFilter } from '../../domain/reports/period';
import { membersByHousehold, receivedHouseholds } from '../../domain/reports/welcomeCenter';
import { inChunks, type Progress } from '../coordination';

export interface ExportData {
  households: readonly Household[];
  people: readonly Person[];
  travelLegs: readonly TravelLeg[];
  calls: readonly Call[];
}

export interface BuiltExport {
  csv: string;
  /** Data rows (the header and hashtag rows not counted). */
  rows: number;
  /**
   * In an export with names, the rows whose personal cells were left blank
   * because the family has not agreed to share its information; 0 without names.
   */
  withheld: number;
  fileName: string;
}

/**
 * Which records an export holds: families that arrived in the period (and
 * their members), legs departing in it, calls started in it — at the site.
 */
export async function buildExport(
  dataset: ExportDataset,
  data: ExportData,
  filter: ReportFilter,
  options: HxlOptions & { now: Date },
  onProgress?: (progress: Progress) => void,
): Promise<BuiltExport> {
  const fileName = `waystation-${dataset}-${filter.from}-${filter.to}${filter.siteId ? `-${filter.siteId}` : ''}.csv`;
  const agreed = sharingConsent(data.households);
  const finish = <R>(
    head: string[][],
    body: (string | number)[][],
    rows: readonly R[],
    shareable: (row: R) => boolean,
  ): BuiltExport => ({
    csv: toCsv(head, body),
    rows: body.length,
    withheld: options.withNames ? rows.filter((row) => !shareable(row)).length : 0,
    fileName,
  });
  switch (dataset) {
    case 'households': {
      const members = membersByHousehold(data.people);
      const rows = receivedHouseholds(data.households, filter).map((household) => ({
        household,
        members: members.get(household.id) ?? [],
      }));
      const shareable = (row: (typeof rows)[number]) => agreed(row.household.id);
      const body = await inChunks(rows, (chunk) => hxlRows(HOUSEHOLD_COLUMNS, chunk, options, shareable), onProgress);
      return finish(hxlHeadRows(HOUSEHOLD_COLUMNS, options), body, rows, shareable);
    }
    case 'people': {
      const arrivals = new Map(receivedHouseholds(data.households, filter).map((h) => [h.id, h.arrivalDate]));
      const rows = data.people.flatMap((person) => {
        const arrivalDate = arrivals.get(person.householdId);
        return arrivalDate ? [{ person, arrivalDate }] : [];
      });
      const shareable = (row: (typeof rows)[number]) => agreed(row.person.householdId);
      const body = await inChunks(rows, (chunk) => hxlRows(PEOPLE_COLUMNS, chunk, options, shareable), onProgress);
      return finish(hxlHeadRows(PEOPLE_COLUMNS, options), body, rows, shareable);
    }
    case 'travelLegs': {
      const rows = data.travelLegs.filter((leg) => atSite(leg, filter) && inPeriod(leg.departureAt, filter));
      const shareable = (leg: TravelLeg) => agreed(leg.householdId);
      const body = await inChunks(rows, (chunk) => hxlRows(TRAVEL_LEG_COLUMNS, chunk, options, shareable), onProgress);
      return finish(hxlHeadRows(TRAVEL_LEG_COLUMNS, options), body, rows, shareable);
    }
    case 'calls': {
      const rows = data.calls
        .filter((call) => atSite(call, filter) && inPeriod(call.startedAt, filter))
        .map((call) => ({ call, now: options.now }));
      // A call about no registered family is the helpline's own record; one about a family follows its consent.
      const shareable = (row: (typeof rows)[number]) => row.call.householdId === undefined || agreed(row.call.householdId);
      const body = await inChunks(rows, (chunk) => hxlRows(CALL_COLUMNS, chunk, options, shareable), onProgress);
      return finish(hxlHeadRows(CALL_COLUMNS, options), body, rows, shareable);
    }
  }
}
