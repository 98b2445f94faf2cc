/**
 * Reading the spreadsheet on the device: CSV (papaparse) into header + rows,
 * the file's SHA-256 (the server derives record ids from it), and the column
 * mapping, guessed from the headers and remembered per set of headers on this
 * device so the same export maps itself next time.
 */
import Papa from 'papaparse';
import { IMPORT_FIELDS, type ImportField, type ImportRow } from '../../domain/importRows';

export interface Sheet {
  headers: string[];
  /** Each data row's cells, in header order. */
  cells: string[][];
}

export async function readCsv(file: Pick<Blob, 'text'>): Promise<Sheet> {
  const parsed = Papa.parse<string[]>(await file.text(), { skipEmptyLines: 'greedy' });
  const [headers = [], ...cells] = parsed.data;
  return { headers: headers.map((header) => header.trim()), cells };
}

export async function fileKeyOf(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A column → the field it fills, or undefined when ignored. */
export type Mapping = (ImportField | undefined)[];

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const SYNONYMS: Record<string, ImportField> = {
  firstname: 'givenName',
  given: 'givenName',
  lastname: 'familyName',
  surname: 'familyName',
  dob: 'dateOfBirth',
  birthdate: 'dateOfBirth',
  age: 'estimatedAge',
  gender: 'sex',
  phone: 'contactPhone',
  mobile: 'contactPhone',
  city: 'destinationCity',
  country: 'destinationCountry',
  household: 'householdRef',
  family: 'householdRef',
  familyid: 'householdRef',
  language: 'languages',
};

export function guessMapping(headers: readonly string[]): Mapping {
  const byName = new Map<string, ImportField>(IMPORT_FIELDS.map((field) => [squash(field), field]));
  return headers.map((header) => byName.get(squash(header)) ?? SYNONYMS[squash(header)]);
}

const mappingItem = (headers: readonly string[]) =>
  `waystation.importMapping.${squash(headers.join('|')).slice(0, 80)}`;

export function savedMapping(
  headers: readonly string[],
  storage: Storage = localStorage,
): Mapping | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(mappingItem(headers)) ?? 'null');
    if (!Array.isArray(value) || value.length !== headers.length) return undefined;
    return value.map((field) =>
      (IMPORT_FIELDS as readonly unknown[]).includes(field) ? (field as ImportField) : undefined,
    );
  } catch {
    return undefined;
  }
}

export function saveMapping(
  headers: readonly string[],
  mapping: Mapping,
  storage: Storage = localStorage,
): void {
  storage.setItem(mappingItem(headers), JSON.stringify(mapping.map((field) => field ?? null)));
}

export function mappedRows(sheet: Sheet, mapping: Mapping): ImportRow[] {
  return sheet.cells.map((cells, index) => {
    const values: ImportRow['values'] = {};
    mapping.forEach((field, column) => {
      const cell = cells[column];
      if (field && cell !== undefined) values[field] = cell.slice(0, 400);
    });
    return { row: index + 1, values };
  });
}
