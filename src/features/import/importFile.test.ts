// @vitest-environment node
// Node's File and Blob (jsdom's lack text() and arrayBuffer()), as a browser reads the chosen file.
import { describe, expect, it } from 'vitest';
import {
  guessMapping,
  mappedRows,
  readCsv,
  readSpreadsheet,
  savedMapping,
  saveMapping,
  UnreadableSpreadsheetError,
} from './importFile';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('reading a spreadsheet', () => {
  it('guesses the columns it recognises, and remembers a mapping per set of headers', async () => {
    const text = 'First name,Surname,DOB,Gender,Arrived on\nAline,Uwase,1990-01-02,female,2026-03-01\n\n';
    const sheet = await readCsv({ text: async () => text });
    expect(sheet.cells).toHaveLength(1);
    const guessed = guessMapping(sheet.headers);
    expect(guessed).toEqual(['givenName', 'familyName', 'dateOfBirth', 'sex', undefined]);

    const storage = memoryStorage();
    expect(savedMapping(sheet.headers, storage)).toBeUndefined();
    const chosen = [...guessed.slice(0, 4), 'arrivalDate' as const];
    saveMapping(sheet.headers, chosen, storage);
    expect(savedMapping(sheet.headers, storage)).toEqual(chosen);
    expect(savedMapping(['Other', 'headers'], storage)).toBeUndefined();
    expect(mappedRows(sheet, chosen)).toEqual([
      {
        row: 1,
        values: {
          givenName: 'Aline',
          familyName: 'Uwase',
          dateOfBirth: '1990-01-02',
          sex: 'female',
          arrivalDate: '2026-03-01',
        },
      },
    ]);
  });
});

describe('reading an Excel workbook', () => {
  it('reads the first sheet of a real .xlsx: dates as calendar dates, numbers as text, blank rows skipped', async () => {
    const { default: writeExcelFile } = await import('write-excel-file/universal');
    const blob = await writeExcelFile([
      ['First name', 'Surname', 'DOB', 'Age', 'Gender', 'Family ID'],
      ['Aline', 'Uwase', new Date(Date.UTC(1990, 0, 2)), null, 'female', 17],
      [null, null, null, null, null, null],
      ['  Jean ', 'Uwase', null, 7, 'male', 17],
    ], { dateFormat: 'yyyy-mm-dd' }).toBlob();
    const file = new File([await blob.arrayBuffer()], 'zendesk-sell.xlsx');
    const sheet = await readSpreadsheet(file);
    expect(sheet.headers).toEqual(['First name', 'Surname', 'DOB', 'Age', 'Gender', 'Family ID']);
    expect(sheet.cells).toEqual([
      ['Aline', 'Uwase', '1990-01-02', '', 'female', '17'],
      ['Jean', 'Uwase', '', '7', 'male', '17'],
    ]);
    expect(mappedRows(sheet, guessMapping(sheet.headers))[1]?.values).toEqual({
      givenName: 'Jean',
      familyName: 'Uwase',
      dateOfBirth: '',
      estimatedAge: '7',
      sex: 'male',
      householdRef: '17',
    });
  });

  it('refuses a file named .xlsx that is not a workbook, with an error the screen can name', async () => {
    const file = new File(['First name,Surname\nAline,Uwase\n'], 'renamed.xlsx');
    await expect(readSpreadsheet(file)).rejects.toBeInstanceOf(UnreadableSpreadsheetError);
  });

  it('still reads a CSV file as CSV', async () => {
    const file = new File(['First name,Surname\nAline,Uwase\n'], 'export.csv', { type: 'text/csv' });
    expect((await readSpreadsheet(file)).cells).toEqual([['Aline', 'Uwase']]);
  });
});
