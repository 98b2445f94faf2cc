import { describe, expect, it } from 'vitest';
import { guessMapping, mappedRows, readCsv, savedMapping, saveMapping } from './importFile';

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
