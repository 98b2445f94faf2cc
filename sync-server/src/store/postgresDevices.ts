/**
 * Device sync health in the PostgreSQL store: the statements of
 * `deviceQueries.ts` in the store's schema. Each function runs on what it is
 * given: the pool for one-statement work, a transaction's client for a
 * revocation that commits with its audit entry. See types.ts.
 */
import { deviceQueries } from './deviceQueries';
import { first, rows, run, type Queryable } from './postgresStatements';
import type { DeviceRegistry } from './types';

export function postgresDevices(schema: string) {
  const q = deviceQueries('postgres', schema);

  function store(db: Queryable): DeviceRegistry {
    return {
      async putDeviceReport(userId, deviceId, report, at) {
        await run(db, q.putDeviceReport(userId, deviceId, report, at));
      },
      getDevice: (userId, deviceId) => first(db, q.getDevice(userId, deviceId), q.toDevice),
      listDevices: async () => (await rows(db, q.listDevices())).map(q.toDevice),
      async markDeviceWiped(userId, deviceId, at) {
        await run(db, q.markDeviceWiped(userId, deviceId, at));
      },
    };
  }

  async function revokeDevice(
    client: Queryable,
    userId: string,
    deviceId: string,
    at: string,
    revokedBy: string,
  ): Promise<number> {
    await run(client, q.revokeDevice(userId, deviceId, at, revokedBy));
    return run(client, q.revokeDeviceSessions(userId, deviceId, at));
  }

  return { store, revokeDevice };
}
