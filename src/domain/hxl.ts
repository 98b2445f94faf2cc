/**
 * CSV exports with HXL hashtags (the Humanitarian Exchange Language,
 * https://hxlstandard.org): a header row for people, then a row of hashtags
 * that tools such as the HXL Proxy, HDX and Kobo read, then one row per record.
 *
 * The mapping, column by column, is the table in each *_COLUMNS list below.
 * Choices, where the standard leaves room:
 * - Record ids are `#meta +id`; the family a row belongs to is `#meta +id +hh`
 *   (`+hh`: households, HXL's attribute for household-level values).
 * - The site (a welcome center or helpline office) is `#loc +code`.
 * - Counts are `#affected +num` with the standard disaggregation attributes:
 *   `+ind` individuals, `+children`, `+f` / `+m` (one column each, 1 or 0 per
 *   person, so a tool can sum them).
 * - A person's nationality is exported as `#country +code +origin`, as UNHCR
 *   reports country of origin; the family's destination is `#country +code
 *   +destination`, `#adm1 +name +destination` and `#loc +name +destination`.
 * - Call category is `#sector`, the call's outcome `#activity +outcome`,
 *   workflow states `#status`, yes/no indicators `#indicator +…` as 1/0.
 * - Names, phone numbers and booking references are personal data: those
 *   columns are `personal` and present only in an export with names, which
 *   only coordinators may make and the server's audit log records. Free text
 *   (notes, call summaries) and protection/medical data are never exported.
 * - A family that has not agreed to share its information with partner
 *   organisations (or withdrew its agreement) keeps its row, so the counts stay
 *   true, but its personal cells are left blank even in an export with names;
 *   so are those of its members, its travel legs and the calls about it.
 */
import Papa from 'papaparse';
import type { Household } from './household';
import { ageInYears, isChild, type Person } from './person';
import type { TravelLeg } from './travel';
import type { Call } from './calls';
import { callbackTiming } from './reports/helpline';
import { dayOf } from './reports/period';
import { NEEDS } from './household';

export interface HxlColumn<R> {
  /** Stable key: the header text is looked up by it (export.columns.<dataset>.<key>). */
  key: string;
  hashtag: string;
  /** Names, phones, references: only in an export with names. */
  personal?: boolean;
  value: (row: R) => string | number;
}

export { EXPORT_DATASETS, type ExportDataset } from './exportAudit';

const yesNo = (value: boolean | undefined) => (value ? 1 : 0);
const text = (value: string | undefined) => value ?? '';

/** A family with its members, for the household export's counts. */
export interface HouseholdRow {
  household: Household;
  members: readonly Person[];
}

export const HOUSEHOLD_COLUMNS: readonly HxlColumn<HouseholdRow>[] = [
  { key: 'id', hashtag: '#meta +id', value: (r) => r.household.id },
  { key: 'site', hashtag: '#loc +code', value: (r) => r.household.siteId },
  { key: 'familyName', hashtag: '#affected +name +hh', personal: true, value: (r) => r.household.familyName },
  { key: 'phone', hashtag: '#contact +phone', personal: true, value: (r) => text(r.household.contactPhone) },
  { key: 'arrived', hashtag: '#date +arrived', value: (r) => r.household.arrivalDate },
  { key: 'arrivalMode', hashtag: '#indicator +arrival_mode +text', value: (r) => r.household.arrivalMode },
  { key: 'people', hashtag: '#affected +ind +num', value: (r) => r.members.length },
  {
    key: 'children',
    hashtag: '#affected +children +num',
    value: (r) => r.members.filter((p) => isChild(p, r.household.arrivalDate)).length,
  },
  { key: 'needs', hashtag: '#indicator +needs +list', value: (r) => NEEDS.filter((n) => r.household.needs[n]).join(' ') },
  { key: 'destinationCity', hashtag: '#loc +name +destination', value: (r) => text(r.household.destination.city) },
  { key: 'destinationRegion', hashtag: '#adm1 +name +destination', value: (r) => text(r.household.destination.region) },
  { key: 'destinationCountry', hashtag: '#country +code +destination', value: (r) => text(r.household.destination.country) },
  { key: 'status', hashtag: '#status', value: (r) => r.household.status },
  { key: 'registered', hashtag: '#date +reported', value: (r) => dayOf(r.household.createdAt) },
];

/** A person with the arrival date of their family (ages are given on that day). */
export interface PersonRow {
  person: Person;
  arrivalDate: string;
}

export const PEOPLE_COLUMNS: readonly HxlColumn<PersonRow>[] = [
  { key: 'id', hashtag: '#meta +id', value: (r) => r.person.id },
  { key: 'household', hashtag: '#meta +id +hh', value: (r) => r.person.householdId },
  { key: 'site', hashtag: '#loc +code', value: (r) => r.person.siteId },
  {
    key: 'name',
    hashtag: '#affected +name',
    personal: true,
    value: (r) => `${r.person.givenName} ${r.person.familyName}`.trim(),
  },
  { key: 'age', hashtag: '#affected +age', value: (r) => ageInYears(r.person, r.arrivalDate) ?? '' },
  { key: 'child', hashtag: '#affected +children +num', value: (r) => yesNo(isChild(r.person, r.arrivalDate)) },
  { key: 'female', hashtag: '#affected +f +num', value: (r) => yesNo(r.person.sex === 'female') },
  { key: 'male', hashtag: '#affected +m +num', value: (r) => yesNo(r.person.sex === 'male') },
  { key: 'relationship', hashtag: '#affected +relationship +text', value: (r) => r.person.relationship },
  { key: 'origin', hashtag: '#country +code +origin', value: (r) => text(r.person.nationality) },
  { key: 'languages', hashtag: '#language +code +list', value: (r) => r.person.languages.join(' ') },
  { key: 'interpreter', hashtag: '#indicator +interpreter_needed +num', value: (r) => yesNo(r.person.interpreterNeeded) },
  { key: 'arrived', hashtag: '#date +arrived', value: (r) => r.arrivalDate },
];

export const TRAVEL_LEG_COLUMNS: readonly HxlColumn<TravelLeg>[] = [
  { key: 'id', hashtag: '#meta +id', value: (l) => l.id },
  { key: 'household', hashtag: '#meta +id +hh', value: (l) => l.householdId },
  { key: 'site', hashtag: '#loc +code', value: (l) => l.siteId },
  { key: 'mode', hashtag: '#modality +transport', value: (l) => l.mode },
  { key: 'carrier', hashtag: '#org +carrier', value: (l) => l.carrier },
  { key: 'departure', hashtag: '#date +departure', value: (l) => l.departureAt },
  { key: 'departurePlace', hashtag: '#loc +name +departure', value: (l) => l.departurePlace },
  { key: 'arrival', hashtag: '#date +arrival', value: (l) => text(l.arrivalAt) },
  { key: 'arrivalPlace', hashtag: '#loc +name +arrival', value: (l) => l.arrivalPlace },
  { key: 'seats', hashtag: '#affected +ind +num', value: (l) => l.seats },
  { key: 'booking', hashtag: '#meta +booking', personal: true, value: (l) => l.bookingReference },
  { key: 'status', hashtag: '#status', value: (l) => l.status },
];

/** A call with the time the export was made (a call-back not yet due is "pending"). */
export interface CallRow {
  call: Call;
  now: Date;
}

export const CALL_COLUMNS: readonly HxlColumn<CallRow>[] = [
  { key: 'id', hashtag: '#meta +id', value: (r) => r.call.id },
  { key: 'site', hashtag: '#loc +code', value: (r) => r.call.siteId },
  { key: 'started', hashtag: '#date +reported', value: (r) => r.call.startedAt },
  { key: 'language', hashtag: '#language +code', value: (r) => r.call.callerLanguage },
  { key: 'phone', hashtag: '#contact +phone', personal: true, value: (r) => text(r.call.callerPhone) },
  { key: 'category', hashtag: '#sector', value: (r) => r.call.category },
  { key: 'verified', hashtag: '#indicator +verification +text', value: (r) => r.call.verificationStatus },
  { key: 'outcome', hashtag: '#activity +outcome', value: (r) => r.call.outcome?.kind ?? '' },
  { key: 'unit', hashtag: '#org +unit +code', value: (r) => (r.call.outcome?.kind === 'escalated' ? r.call.outcome.unitId : '') },
  {
    key: 'callbackDue',
    hashtag: '#date +callback_due',
    value: (r) => (r.call.outcome && r.call.outcome.kind !== 'resolved_on_call' ? r.call.outcome.callbackDueAt : ''),
  },
  { key: 'callbackTiming', hashtag: '#indicator +callback_timing +text', value: (r) => callbackTiming(r.call, r.now) ?? '' },
  { key: 'household', hashtag: '#meta +id +hh', value: (r) => text(r.call.householdId) },
  { key: 'status', hashtag: '#status', value: (r) => r.call.status },
];

export interface HxlOptions {
  /** Whether personal columns (names, phones, references) are included. */
  withNames: boolean;
  /** Header text for a column key (the interface language); the key itself when absent. */
  header?: (key: string) => string;
}

export function exportColumns<R>(columns: readonly HxlColumn<R>[], options: Pick<HxlOptions, 'withNames'>): HxlColumn<R>[] {
  return columns.filter((column) => options.withNames || !column.personal);
}

/** The two rows every HXL table starts with: headers for people, hashtags for machines. */
export function hxlHeadRows<R>(columns: readonly HxlColumn<R>[], options: HxlOptions): string[][] {
  const chosen = exportColumns(columns, options);
  return [chosen.map((c) => options.header?.(c.key) ?? c.key), chosen.map((c) => c.hashtag)];
}

/**
 * The data rows. `shareable` says whether the family behind a row agreed to
 * share its information; where it did not, personal cells are blank.
 */
export function hxlRows<R>(
  columns: readonly HxlColumn<R>[],
  rows: readonly R[],
  options: Pick<HxlOptions, 'withNames'>,
  shareable: (row: R) => boolean = () => true,
): (string | number)[][] {
  const chosen = exportColumns(columns, options);
  return rows.map((row) => {
    const shared = shareable(row);
    return chosen.map((column) => (column.personal && !shared ? '' : column.value(row)));
  });
}

/**
 * Whether each family agreed to share its information (consent.dataSharing),
 * by household id. A family not on the device reads as not agreed: its
 * details are never shared on a guess.
 */
export function sharingConsent(households: readonly Household[]): (householdId: string | undefined) => boolean {
  const agreed = new Set(households.filter((h) => h.consent.dataSharing).map((h) => h.id));
  return (householdId) => householdId !== undefined && agreed.has(householdId);
}

/**
 * A cell that a spreadsheet would run as a formula ("=…", "+…", "-…", "@…")
 * is prefixed with an apostrophe (phone numbers excepted), so a name typed at intake can never execute
 * in the coordinator's spreadsheet (CSV injection). Numbers stay numbers, and
 * the hashtag row is left as the standard writes it.
 */
function safeCell(cell: string | number): string | number {
  if (typeof cell !== 'string') return cell;
  // A phone number or a signed number ("+1 303 555 0100", "-3") is data, not a formula.
  if (/^[+-][\d\s().-]*$/.test(cell)) return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The table as CSV (RFC 4180, CRLF line ends, via papaparse). */
export function toCsv(head: readonly string[][], body: readonly (string | number)[][]): string {
  const [headers = [], hashtags = []] = head;
  return Papa.unparse([headers.map(safeCell), hashtags, ...body.map((row) => row.map(safeCell))], { newline: '\r\n' });
}
