/**
 * Import of households and people from a spreadsheet (issue 21 item 4): the
 * request a device sends for each chunk of rows, and the pure rules that turn
 * mapped rows into the same drafts the intake form validates
 * (householdDraft.ts). One row is one person; rows sharing a household
 * reference are one family (a row without one is a family of its own). The
 * server builds the records, checks duplicates and writes through the push
 * service (sync-server/src/services/importRows.ts).
 */
import { z } from 'zod';
import { idSchema } from './common';
import { householdDraftSchema, type HouseholdDraft, type HouseholdDraftInput } from './householdDraft';
import { emptyNeeds } from './household';

/** The fields a spreadsheet column can be mapped to. */
export const IMPORT_FIELDS = [
  'householdRef',
  'givenName',
  'familyName',
  'dateOfBirth',
  'estimatedAge',
  'sex',
  'relationship',
  'nationality',
  'languages',
  'arrivalDate',
  'arrivalMode',
  'contactPhone',
  'destinationCity',
  'destinationCountry',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = [
  'givenName',
  'familyName',
  'sex',
  'arrivalDate',
  'arrivalMode',
];

/** Rows per request: a chunk is one push of at most ~2 records a row. */
export const MAX_IMPORT_ROWS_PER_CHUNK = 200;

export const importRowSchema = z
  .object({
    /** The row's number in the file (1 = the first row under the header). */
    row: z.number().int().min(1).max(1_000_000),
    values: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(400)),
  })
  .strict();
export type ImportRow = z.infer<typeof importRowSchema>;

export const importRequestSchema = z
  .object({
    /** SHA-256 (hex) of the file: with the row number or household reference it makes the records' ids. */
    fileKey: z.string().regex(/^[a-f0-9]{64}$/, 'a SHA-256 in hex'),
    siteId: idSchema,
    dryRun: z.boolean(),
    rows: z.array(importRowSchema).min(1).max(MAX_IMPORT_ROWS_PER_CHUNK),
  })
  .strict();
export type ImportRequest = z.infer<typeof importRequestSchema>;

export const importOutcomeSchema = z.object({
  /** Rows whose person was written (or, in a dry run, would be). */
  written: z.array(z.number().int()),
  /** Rows already imported from this file: nothing changed. */
  unchanged: z.array(z.number().int()),
  /** Rows held back: someone already registered is probably this person. */
  duplicates: z.array(
    z.object({ row: z.number().int(), matches: z.array(z.object({ id: z.string(), name: z.string() })) }),
  ),
  refused: z.array(z.object({ row: z.number().int(), reasons: z.array(z.string()) })),
});
export type ImportOutcome = z.infer<typeof importOutcomeSchema>;

/** A family as rows of the file: its key (household reference, or the row) and its rows in file order. */
export interface ImportGroup {
  key: string;
  rows: ImportRow[];
}

export function groupRows(rows: readonly ImportRow[]): ImportGroup[] {
  const groups = new Map<string, ImportRow[]>();
  for (const row of rows) {
    const ref = row.values.householdRef?.trim();
    const key = ref ? `ref:${ref}` : `row:${row.row}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups].map(([key, grouped]) => ({ key, rows: grouped }));
}

const text = (value: string | undefined) => value?.trim() ?? '';
const upper = (value: string | undefined) => text(value).toUpperCase();
const lower = (value: string | undefined) =>
  text(value)
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** "12" → 12; "" → undefined; anything else → NaN, which the schema refuses. */
function age(value: string | undefined): number | undefined {
  const trimmed = text(value);
  return trimmed === '' ? undefined : /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The intake draft a family's rows stand for (not yet validated). */
export function draftOf(group: ImportGroup): HouseholdDraftInput {
  const first = group.rows[0]!.values;
  const city = text(first.destinationCity);
  const country = upper(first.destinationCountry);
  return {
    familyName: text(first.familyName),
    contactPhone: text(first.contactPhone),
    arrivalDate: text(first.arrivalDate),
    arrivalMode: lower(first.arrivalMode) as HouseholdDraftInput['arrivalMode'],
    needs: emptyNeeds(),
    destination: { ...(city ? { city } : {}), ...(country ? { country } : {}) },
    sponsor: {},
    consent: { dataSharing: false, photo: false },
    members: group.rows.map(({ values }, index) => {
      const estimatedAge = age(values.estimatedAge);
      return {
        givenName: text(values.givenName),
        familyName: text(values.familyName),
        dateOfBirth: text(values.dateOfBirth),
        ...(estimatedAge === undefined ? {} : { estimatedAge }),
        sex: lower(values.sex) as HouseholdDraftInput['members'][number]['sex'],
        relationship: (lower(values.relationship) ||
          (index === 0
            ? 'head'
            : 'other_relative')) as HouseholdDraftInput['members'][number]['relationship'],
        nationality: upper(values.nationality),
        languages: text(values.languages)
          .split(/[,;\s]+/)
          .filter(Boolean)
          .map((code) => code.toLowerCase()),
        interpreterNeeded: false,
        identifiers: [],
        medicalFlags: [],
      };
    }),
  };
}

const HOUSEHOLD_FIELD_OF: Record<string, ImportField> = {
  familyName: 'familyName',
  contactPhone: 'contactPhone',
  arrivalDate: 'arrivalDate',
  arrivalMode: 'arrivalMode',
  destination: 'destinationCity',
};

/**
 * Validates a family with the intake's own schema. A problem with a member
 * refuses that member's row; a problem with the family refuses all its rows.
 */
export function validateGroup(
  group: ImportGroup,
): { ok: true; draft: HouseholdDraft } | { ok: false; refused: { row: number; reasons: string[] }[] } {
  const parsed = householdDraftSchema.safeParse(draftOf(group));
  if (parsed.success) return { ok: true, draft: parsed.data };
  const reasons = new Map<number, string[]>();
  const add = (row: number, reason: string) => reasons.set(row, [...(reasons.get(row) ?? []), reason]);
  for (const issue of parsed.error.issues) {
    const [top, index, field] = issue.path;
    if (top === 'members' && typeof index === 'number') {
      const row = group.rows[index]?.row;
      if (row !== undefined) add(row, `${String(field ?? 'member')}: ${issue.message}`);
    } else {
      const name = HOUSEHOLD_FIELD_OF[String(top)] ?? String(top);
      for (const row of group.rows) add(row.row, `${name}: ${issue.message}`);
    }
  }
  // The family is written whole or not at all: its other rows are refused with the reason.
  for (const row of group.rows) {
    if (!reasons.has(row.row)) add(row.row, 'household: another row of this family was refused');
  }
  return { ok: false, refused: [...reasons].map(([row, list]) => ({ row, reasons: list })) };
}
