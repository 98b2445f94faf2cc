/**
 * Loads the demo's dataset (bench/caseload.ts, built on the benchmark's
 * generator) into a fresh store: sites, units, one account per role, then
 * every record through the real push service, as the devices of the people
 * who wrote them would have sent it — so sequence numbers, the audit log and
 * record history are what the app shows for real data. Conflicts come from
 * the server's own merge: two edits pushed on top of the same version.
 */
import { generateCaseload, type Caseload } from '../../../bench/caseload';
import type { CollectionName } from '@waystation/domain/collections';
import { DEFAULT_OFFICE_HOURS } from '@waystation/domain/officeHours';
import { MAX_PUSH_ROWS, type PushRow, type WireDocument } from '@waystation/protocol';
import type { Store } from '../store/types';
import { SYSTEM_USER, UNKNOWN_DEVICE } from './actor';
import { AUDIT_ACTIONS } from './audit';
import { bootstrap } from './bootstrap';
import { DEMO_SITES, DEMO_UNITS, DEMO_USERS, type DemoUser } from './demo';
import { hashPassword } from './passwords';
import { push } from './push';

/**
 * small: a few hundred records (browser tests of each role); medium: enough
 * for pulls of several pages (first-sync progress tests); full: a few weeks
 * at a busy center and two months of calls.
 */
export type DemoSize = 'small' | 'medium' | 'full';

const SIZES = {
  small: { intakeDocuments: 300, registeredDocuments: 150, calls: 160, conflicts: 2 },
  medium: { intakeDocuments: 1600, registeredDocuments: 600, calls: 500, conflicts: 2 },
  full: { intakeDocuments: 3200, registeredDocuments: 2400, calls: 3000, conflicts: 4 },
} as const;

export interface DemoSeedResult {
  documents: number;
  conflicts: number;
}

function idsOf(role: DemoUser['role']): string[] {
  return DEMO_USERS.filter((user) => user.role === role).map((user) => user.id);
}

async function seedAccounts(store: Store, at: string): Promise<void> {
  const admin = DEMO_USERS.find((user) => user.role === 'admin');
  if (!admin) throw new Error('The demo has no admin account');
  // The usual first start: both sites and the admin, with the demo's password. Demo passwords are
  // public and listed on the sign-in screen, so nobody is asked to replace one.
  await bootstrap(store, { adminPassword: admin.password, now: () => new Date(at), mustChangePassword: false });
  const hashes = new Map<string, string>();
  for (const user of DEMO_USERS) if (user !== admin) hashes.set(user.id, await hashPassword(user.password));
  await store.transaction(async (tx) => {
    for (const unit of DEMO_UNITS) {
      await tx.putUnit({ ...unit, siteId: DEMO_SITES.helpline, createdAt: at, updatedAt: at });
      await tx.appendAudit({
        at,
        userId: SYSTEM_USER,
        deviceId: UNKNOWN_DEVICE,
        action: AUDIT_ACTIONS.unitCreate,
        recordId: unit.id,
        details: { name: unit.name, callbackHours: unit.callbackHours, demo: true },
      });
    }
    for (const user of DEMO_USERS) {
      const passwordHash = hashes.get(user.id);
      if (!passwordHash) continue;
      const inserted = await tx.insertUser({
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        passwordHash,
        roles: [user.role],
        siteIds: user.siteIds,
        ...(user.unitId ? { unitId: user.unitId } : {}),
        disabled: false,
        createdAt: at,
        updatedAt: at,
      });
      if (!inserted) throw new Error(`The demo account ${user.username} exists already; the demo needs an empty store`);
      await tx.appendAudit({
        at,
        userId: SYSTEM_USER,
        deviceId: UNKNOWN_DEVICE,
        action: AUDIT_ACTIONS.userCreate,
        recordId: user.id,
        details: { username: user.username, roles: [user.role], siteIds: user.siteIds, demo: true },
      });
    }
  });
}

/** Pushes new records as their authors' devices would: one push per author and batch. */
async function pushAsAuthors(store: Store, collection: CollectionName, docs: readonly WireDocument[], now: string) {
  const byAuthor = new Map<string, WireDocument[]>();
  for (const doc of docs) {
    const key = `${String(doc.updatedBy)}\u0000${String(doc.deviceId)}`;
    const list = byAuthor.get(key) ?? [];
    list.push(doc);
    byAuthor.set(key, list);
  }
  for (const [key, list] of byAuthor) {
    const [userId = SYSTEM_USER, deviceId = UNKNOWN_DEVICE] = key.split('\u0000');
    for (let start = 0; start < list.length; start += MAX_PUSH_ROWS) {
      const rows: PushRow[] = list
        .slice(start, start + MAX_PUSH_ROWS)
        .map((doc) => ({ assumedMasterState: null, newDocumentState: doc }));
      await push({ store, now: () => now }, collection, rows, { userId, deviceId });
    }
  }
}

/** What each role's device is called at a real site, for the names people give them at PIN setup. */
const DEVICE_KINDS: Record<DemoUser['role'], string> = {
  volunteer: 'Front desk tablet',
  driver: 'Van phone',
  caseworker: 'Case work laptop',
  helpline_agent: 'Call desk PC',
  case_officer: 'Protection unit laptop',
  coordinator: 'Coordination office laptop',
  admin: 'Admin office PC',
};

/**
 * Names every device the demo's records came from as a person would at PIN
 * setup ("Front desk tablet 1", "Van phone 2"), so the history and the audit
 * log show names instead of generated ids.
 */
async function nameDemoDevices(store: Store, docs: readonly WireDocument[], at: string): Promise<void> {
  const roleOf = new Map(DEMO_USERS.map((user) => [user.id, user.role]));
  const named = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const doc of docs) {
    const deviceId = String(doc.deviceId);
    if (named.has(deviceId) || deviceId === UNKNOWN_DEVICE) continue;
    const role = roleOf.get(String(doc.updatedBy)) ?? 'volunteer';
    const count = (counts.get(role) ?? 0) + 1;
    counts.set(role, count);
    named.set(deviceId, `${DEVICE_KINDS[role]} ${count}`);
    await store.nameDevice({ id: deviceId, name: `${DEVICE_KINDS[role]} ${count}`, namedBy: String(doc.updatedBy), namedAt: at });
  }
}

export async function seedDemo(
  store: Store,
  options: { size: DemoSize; now?: Date; seed?: number },
): Promise<DemoSeedResult> {
  const now = options.now ?? new Date();
  const at = now.toISOString();
  await seedAccounts(store, at);
  const caseload: Caseload = generateCaseload({
    seed: options.seed ?? 2026,
    now: now.getTime(),
    welcomeCenterSiteId: DEMO_SITES.welcomeCenter,
    helplineSiteId: DEMO_SITES.helpline,
    arrivalDays: 21,
    callDays: 61,
    units: DEMO_UNITS,
    officeHours: DEFAULT_OFFICE_HOURS,
    people: {
      volunteers: idsOf('volunteer'),
      caseworkers: idsOf('caseworker'),
      drivers: idsOf('driver'),
      agents: idsOf('helpline_agent'),
      officers: DEMO_USERS.filter((user) => user.unitId).map((user) => ({ id: user.id, unitId: user.unitId ?? '' })),
      coordinators: idsOf('coordinator'),
    },
    ...SIZES[options.size],
  });
  let documents = 0;
  for (const [collection, docs] of Object.entries(caseload.documents) as [CollectionName, WireDocument[]][]) {
    await pushAsAuthors(store, collection, docs, at);
    documents += docs.length;
  }
  let conflicts = 0;
  // The server records every push at its own time: the two clashing edits arrive after the records
  // were created (a second apart), so each record's history reads in the order things happened.
  let arrival = now.getTime();
  for (const { collection, base, edits } of caseload.conflictEdits) {
    for (const edit of edits) {
      arrival += 1000;
      const receivedAt = new Date(arrival).toISOString();
      const outcome = await push({ store, now: () => receivedAt }, collection, [
        { assumedMasterState: base, newDocumentState: edit },
      ], { userId: String(edit.updatedBy), deviceId: String(edit.deviceId) });
      conflicts += outcome.conflictsCreated;
    }
  }
  await nameDemoDevices(
    store,
    [...Object.values(caseload.documents).flat(), ...caseload.conflictEdits.flatMap((c) => c.edits)],
    at,
  );
  return { documents, conflicts };
}
