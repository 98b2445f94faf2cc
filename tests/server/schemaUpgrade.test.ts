/**
 * A release bumps a synced collection's schema version (people: version 1
 * adds `ageEstimatedOn`). For days, devices still on version 0 push records
 * shaped for it while upgraded devices push version 1, all over real HTTP.
 * The server takes both, stores one shape, and loses nothing of either.
 */
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../src/domain/collections';
import { SCHEMA_VERSION_HEADER } from '../../src/sync/protocol';
import { edited, personDoc, pullAll, readJson, serverPerTest, type Doc } from '../helpers/testServer';

const server = serverPerTest();

const OLD_TABLET = { userId: 'volunteer-1', deviceId: 'old-tablet', at: '2025-03-02T09:00:00.000Z' };
const NEW_PHONE = { userId: 'volunteer-2', deviceId: 'new-phone', at: '2026-01-10T09:00:00.000Z' };

/** A push from `device`, declaring `schemaVersion` as the app does (undefined: a device from before the header). */
async function push(
  device: { deviceId: string },
  rows: { assumedMasterState: Doc | null; newDocumentState: Doc }[],
  schemaVersion: string | undefined,
) {
  const response = await fetch(`${server.url}/api/sync/people/push`, {
    method: 'POST',
    headers: {
      ...(await server.deviceHeaders(device.deviceId)),
      'content-type': 'application/json',
      ...(schemaVersion === undefined ? {} : { [SCHEMA_VERSION_HEADER]: schemaVersion }),
    },
    body: JSON.stringify(rows),
  });
  return readJson<Doc[] & { error?: string; message?: string }>(response);
}

async function serverCopy(id: string): Promise<Doc | undefined> {
  return (await pullAll(server.url, 'people')).find((doc) => doc.id === id);
}

/** What a version-0 device holds: an estimated age and no day of the estimate. */
const v0Person = (id: string) =>
  personDoc(id, 'h1', { estimatedAge: 7, createdAt: '2025-03-01T10:00:00.000Z' });

describe('pushes of devices still on the previous schema version', () => {
  it('are migrated, stored and pulled in the current shape', async () => {
    expect(COLLECTIONS.people.version).toBe(3);
    const sent = v0Person('p-old');
    const result = await push(OLD_TABLET, [{ assumedMasterState: null, newDocumentState: sent }], undefined);
    expect(result.status).toBe(200);
    // Stored as the device meant it, plus what the migration derives: nothing for the device to adopt.
    expect(result.body).toEqual([]);
    expect(await serverCopy('p-old')).toEqual({ ...sent, ageEstimatedOn: '2025-03-01' });
    expect((await server.store.getDocument('people', 'p-old'))?.doc).toEqual({
      ...sent,
      ageEstimatedOn: '2025-03-01',
    });
  });

  it('keep what an upgraded device set in a field the old device never knew, without a conflict', async () => {
    const created = v0Person('p-shared');
    expect(
      (await push(OLD_TABLET, [{ assumedMasterState: null, newDocumentState: created }], '0')).status,
    ).toBe(200);

    // An upgraded device re-estimates the age today, on top of the migrated record it pulled.
    const pulled = (await serverCopy('p-shared'))!;
    const reEstimated = edited(pulled, { estimatedAge: 8, ageEstimatedOn: '2026-01-10' }, NEW_PHONE);
    const upgraded = await push(
      NEW_PHONE,
      [{ assumedMasterState: pulled, newDocumentState: reEstimated }],
      '1',
    );
    expect(upgraded.status).toBe(200);

    // Meanwhile the old tablet, offline since it created the record, corrects the given name on its own copy.
    const renamed = edited(created, { givenName: 'Aline' }, OLD_TABLET);
    const old = await push(
      OLD_TABLET,
      [{ assumedMasterState: created, newDocumentState: renamed }],
      undefined,
    );
    expect(old.status).toBe(200);

    const stored = await serverCopy('p-shared');
    expect(stored).toMatchObject({ givenName: 'Aline', estimatedAge: 8, ageEstimatedOn: '2026-01-10' });
    expect(await pullAll(server.url, 'conflicts')).toEqual([]);
  });

  it('are not mistaken for a clash when the old device pushes on top of a version it pulled in the new shape', async () => {
    const created = v0Person('p-pulled');
    await push(OLD_TABLET, [{ assumedMasterState: null, newDocumentState: created }], undefined);
    // The old device stores the new field it pulled without knowing it, and sends it back untouched.
    const pulled = (await serverCopy('p-pulled'))!;
    const result = await push(
      OLD_TABLET,
      [
        {
          assumedMasterState: pulled,
          newDocumentState: edited(pulled, { interpreterNeeded: true }, OLD_TABLET),
        },
      ],
      undefined,
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual([]);
    expect(await serverCopy('p-pulled')).toMatchObject({
      interpreterNeeded: true,
      ageEstimatedOn: '2025-03-01',
    });
    expect(await pullAll(server.url, 'conflicts')).toEqual([]);
  });
});

describe('documents stored before the upgrade', () => {
  it('are read in the current shape by every reader', async () => {
    const stored = v0Person('p-before');
    await server.store.transaction((tx) => tx.putDocument('people', stored, 'site-a'));
    expect(await serverCopy('p-before')).toEqual({ ...stored, ageEstimatedOn: '2025-03-01' });
    expect((await server.store.getDocument('people', 'p-before'))?.doc).toMatchObject({
      ageEstimatedOn: '2025-03-01',
    });
  });
});

describe('the schema version a push declares', () => {
  it('is refused, with nothing stored, when the server does not know it yet (the device retries later)', async () => {
    const result = await push(
      NEW_PHONE,
      [{ assumedMasterState: null, newDocumentState: v0Person('p-ahead') }],
      String(COLLECTIONS.people.version + 1),
    );
    expect(result.status).toBe(409);
    expect(result.body.error).toBe('schema_version_ahead');
    expect(result.body.message).toMatch(new RegExp(`up to schema version ${COLLECTIONS.people.version}`));
    expect(await serverCopy('p-ahead')).toBeUndefined();
  });

  it('must be a whole number', async () => {
    const result = await push(
      NEW_PHONE,
      [{ assumedMasterState: null, newDocumentState: v0Person('p-bad') }],
      'one',
    );
    expect(result.status).toBe(400);
    expect(await serverCopy('p-bad')).toBeUndefined();
  });

  it('is held to the current schema when it is current', async () => {
    const invalid = { ...v0Person('p-invalid'), ageEstimatedOn: 'last spring' };
    const result = await push(NEW_PHONE, [{ assumedMasterState: null, newDocumentState: invalid }], '1');
    expect(result.status).toBe(400);
    expect(result.body.error).toBe('invalid_document');
    expect(await serverCopy('p-invalid')).toBeUndefined();
  });
});
