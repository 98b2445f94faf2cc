/**
 * Device sync health in the SQLite store: the statements of `deviceQueries.ts`
 * run synchronously. sqlite.ts decides which connection runs them and
 * serialises writes; see types.ts.
 */
import type Database from 'better-sqlite3';
import type { DeviceReport } from '@waystation/domain/devices';
import { deviceQueries } from './deviceQueries';
import { first, rows, run } from './sqliteStatements';
import type { DeviceRecord } from './types';

const q = deviceQueries('sqlite');

export class SqliteDeviceReads {
  constructor(private readonly db: Database.Database) {}

  getDevice(userId: string, deviceId: string): DeviceRecord | undefined {
    return first(this.db, q.getDevice(userId, deviceId), q.toDevice);
  }

  listDevices(): DeviceRecord[] {
    return rows(this.db, q.listDevices()).map(q.toDevice);
  }
}

export class SqliteDeviceWrites {
  constructor(private readonly db: Database.Database) {}

  putDeviceReport(userId: string, deviceId: string, report: DeviceReport, at: string) {
    run(this.db, q.putDeviceReport(userId, deviceId, report, at));
  }

  revokeDevice(userId: string, deviceId: string, at: string, revokedBy: string): number {
    run(this.db, q.revokeDevice(userId, deviceId, at, revokedBy));
    return run(this.db, q.revokeDeviceSessions(userId, deviceId, at));
  }

  markDeviceWiped(userId: string, deviceId: string, at: string) {
    run(this.db, q.markDeviceWiped(userId, deviceId, at));
  }
}
