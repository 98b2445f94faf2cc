import { describe, expect, it } from 'vitest';
import { checkSchema } from 'rxdb/plugins/dev-mode';
import { getAjv } from 'rxdb/plugins/validate-ajv';
import { COLLECTIONS, COLLECTION_NAMES } from '../domain/collections';
import { emptyNeeds } from '../domain/household';
import { rxSchemas, toRxJsonSchema } from './rxSchema';

const household = {
  id: 'hh-1',
  siteId: 'site-1',
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  updatedBy: 'user-1',
  deviceId: 'device-1',
  familyName: 'Núñez',
  arrivalDate: '2026-11-01',
  arrivalMode: 'bus',
  needs: emptyNeeds(),
  destination: { city: 'Denver' },
  sponsor: {},
  consent: { dataSharing: true, photo: false },
  status: 'active',
  nameKey: 'nunez',
};

describe('RxDB schemas derived from the domain registry', () => {
  it('passes RxDB’s own schema checks', () => {
    for (const schema of Object.values(rxSchemas())) expect(() => checkSchema(schema)).not.toThrow();
    // `collection` is a reserved RxDocument property: the domain names the field `recordCollection`.
    expect(rxSchemas().conflicts.properties).toHaveProperty('recordCollection');
    expect(rxSchemas().conflicts.properties).not.toHaveProperty('collection');
  });

  it('carries version, primary key, indexes and encrypted fields from the registry', () => {
    for (const name of COLLECTION_NAMES) {
      const spec = COLLECTIONS[name];
      const schema = toRxJsonSchema(spec);
      expect(schema.required).toEqual(expect.arrayContaining(['id', 'updatedAt']));
      expect(schema.version).toBe(spec.version);
      expect(schema.primaryKey).toBe('id');
      expect(schema.indexes?.length).toBe(spec.indexes.length);
      expect(schema.encrypted ?? []).toEqual([...spec.encrypted]);
      expect(schema).not.toHaveProperty('$schema');
    }
    expect(rxSchemas().sensitive.encrypted).toContain('medicalNotes');
  });

  it('bounds every indexed string so it can be an index key', () => {
    const { properties } = rxSchemas().households;
    expect(properties.updatedAt).toMatchObject({ type: 'string', maxLength: 40 });
    expect(properties.nameKey).toMatchObject({ maxLength: 200 });
    expect(rxSchemas().conflicts.properties.status).toMatchObject({ maxLength: 8 });
  });

  it('accepts what zod accepts and rejects what zod rejects', () => {
    const validate = getAjv().compile(rxSchemas().households);
    expect(COLLECTIONS.households.schema.safeParse(household).success).toBe(true);
    expect(validate(household)).toBe(true);
    expect(validate({ ...household, arrivalMode: 'teleport' })).toBe(false);
    expect(validate({ ...household, updatedAt: 'yesterday' })).toBe(false);
    expect(validate({ ...household, unknownField: 1 })).toBe(false);
  });
});
