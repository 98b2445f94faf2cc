/**
 * Reading the spreadsheet on the device: CSV (papaparse) or XLSX
 * (read-excel-file, its first sheet) into header + rows of text,
 * the file's SHA-256 (the server derives record ids from it), and the column
 * mapping, guessed from the headers and remembered per set of headers on this
 * device so the same export maps itself next time.
 */
import Papa from 'papaparse';
import { readSheet, type SheetData } from 'read-excel-file/universal';
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

/** A cell as the import reads it: text, with a date cell written as the calendar date Excel shows (YYYY-MM-DD). */
function cellText(cell: SheetData[number][number]): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** The first sheet of an Excel workbook; rows with no text at all are skipped, like the CSV reader's blank lines. */
export async function readXlsx(file: Blob): Promise<Sheet> {
  const data = await readSheet(file);
  const rows = data.map((row) => row.map(cellText)).filter((row) => row.some((cell) => cell !== ''));
  const [headers = [], ...cells] = rows;
  return { headers, cells };
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export class UnreadableSpreadsheetError extends Error {}

/** CSV or XLSX by the file's name or type; a file neither reader can open is an UnreadableSpreadsheetError. */
export async function readSpreadsheet(file: File): Promise<Sheet> {
  if (file.type === XLSX_TYPE || /\.xlsx$/i.test(file.name)) {
    try {
      return await readXlsx(file);
    } catch (failure) {
      throw new UnreadableSpreadsheetError(String(failure));
    }
  }
  return readCsv(file);
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
