/**
 * One behaviour, two databases: every Store implementation runs this same
 * suite (sync-server/src/store/types.ts is the contract). Each test gets a
 * fresh database (SQLite: a temp file; PostgreSQL: a throwaway schema).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { WireDocument } from '../../src/sync/protocol';
import { LOGGED_MESSAGES_KEPT } from '../../sync-server/src/store/messageTypes';
import { openPostgresStore } from '../../sync-server/src/store/postgres';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import type { AuditEntryInput, SiteRecord, Store, UserRecord } from '../../sync-server/src/store/types';
import { createTestPostgres } from '../helpers/postgres';

interface StoreFixture {
  /** Opens a store on this fixture's database; each call stands for another server process. */
  open(): Store;
  cleanup(): Promise<void>;
  /** Whether write transactions of different processes may be open at the same time (PostgreSQL: one connection each). */
  concurrentTransactions: boolean;
  /** Changes the checksum the database recorded for the first migration, as if its file had been edited since. */
  editFirstMigration(): Promise<void>;
}

const { Client, escapeIdentifier } = pg;

/** Family h1's reminder, the day before a hearing on 20 December 2026, of the milestone `recordId`. */
function hearingReminder(recordId: string, sendAt: string) {
  return {
    key: `${recordId}:d1:x`,
    siteId: 'site-a',
    householdId: 'h1',
    recordCollection: 'milestones' as const,
    recordId,
    kind: 'hearing' as const,
    lead: 'd1' as const,
    eventAt: '2026-12-20T10:00:00.000Z',
    sendAt,
  };
}

function household(id: string, fields: Record<string, unknown> = {}, deleted = false): WireDocument {
  return { id, _deleted: deleted, headName: `Head of ${id}`, ...fields };
}

/** Seeded so a failing interleaving can be replayed. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function storeConformance(name: string, makeFixture: () => Promise<StoreFixture>) {
  describe(`Store conformance: ${name}`, () => {
    let fixture: StoreFixture;
    let opened: Store[];
    let store: Store;

    function open() {
      const another = fixture.open();
      opened.push(another);
      return another;
    }

    beforeEach(async () => {
      fixture = await makeFixture();
      opened = [];
      store = open();
      await store.migrate();
    });

    afterEach(async () => {
      for (const s of opened) await s.close();
      await fixture.cleanup();
    });

    async function put(collection: string, doc: WireDocument, siteId = 'site-a') {
      return store.transaction((tx) => tx.putDocument(collection, doc, siteId));
    }

    async function pullAll(collection: string, afterSeq: number, limit: number) {
      const pages = [];
      let checkpoint = afterSeq;
      for (;;) {
        const page = await store.pull(collection, checkpoint, limit);
        if (page.documents.length === 0) return { pages, checkpoint };
        pages.push(page);
        checkpoint = page.lastSeq;
      }
    }

    it("keeps the latest device report per person per device, and a revocation ends only that device's sessions", async () => {
      const at = '2026-03-10T12:00:00.000Z';
      const user: UserRecord = {
        id: 'u-dev',
        username: 'dev',
        displayName: 'Dev',
        passwordHash: 'x',
        roles: ['volunteer'],
        siteIds: [],
        disabled: false,
        createdAt: at,
        updatedAt: at,
      };
      await store.transaction((tx) => tx.insertUser(user));
      const report = {
        appVersion: '1.0.0',
        schemaVersions: { people: 1 },
        pendingCount: 2,
        setAsideCount: 0,
        storagePersisted: false,
      };
      await store.putDeviceReport('u-dev', 'tablet-1', report, at);
      await store.putDeviceReport(
        'u-dev',
        'tablet-1',
        { ...report, pendingCount: 0 },
        '2026-03-10T13:00:00.000Z',
      );
      await store.putDeviceReport('u-dev', 'phone-1', report, at);
      for (const [hash, device] of [
        ['h1', 'tablet-1'],
        ['h2', 'tablet-1'],
        ['h3', 'phone-1'],
      ] as const) {
        await store.createSession({
          tokenHash: hash,
          userId: 'u-dev',
          deviceId: device,
          createdAt: at,
          expiresAt: '2026-03-11T00:00:00.000Z',
          lastSeenAt: at,
        });
      }
      expect(await store.getDevice('u-dev', 'tablet-1')).toEqual({
        userId: 'u-dev',
        deviceId: 'tablet-1',
        report: { ...report, pendingCount: 0 },
        reportedAt: '2026-03-10T13:00:00.000Z',
      });
      const ended = await store.transaction((tx) =>
        tx.revokeDevice('u-dev', 'tablet-1', '2026-03-10T14:00:00.000Z', 'admin-1'),
      );
      expect(ended).toBe(2);
      expect((await store.findSession('h1'))?.revokedAt).toBe('2026-03-10T14:00:00.000Z');
      expect((await store.findSession('h3'))?.revokedAt).toBeUndefined();
      await store.markDeviceWiped('u-dev', 'tablet-1', '2026-03-10T15:00:00.000Z');
      await store.markDeviceWiped('u-dev', 'phone-1', '2026-03-10T15:00:00.000Z');
      const devices = await store.listDevices();
      expect(
        devices.map((d) => [d.deviceId, d.revokedAt, d.revokedBy, d.wipedAt, d.report?.pendingCount]),
      ).toEqual([
        ['phone-1', undefined, undefined, undefined, 2],
        ['tablet-1', '2026-03-10T14:00:00.000Z', 'admin-1', '2026-03-10T15:00:00.000Z', 0],
      ]);
    });

    it('finds records by their link, keeps erasures, and lets an erasure redact audit details but change nothing else', async () => {
      await store.transaction(async (tx) => {
        await tx.putDocument('people', { id: 'p1', _deleted: false, householdId: 'h1' }, 'site-a');
        await tx.putDocument('people', { id: 'p2', _deleted: true, householdId: 'h1' }, 'site-a');
        await tx.putDocument('people', { id: 'p3', _deleted: false, householdId: 'h2' }, 'site-a');
        await tx.appendAudit({
          at: '2025-03-01T10:00:00.000Z',
          userId: 'u',
          deviceId: 'd',
          action: 'create',
          collection: 'people',
          recordId: 'p1',
          siteId: 'site-a',
          details: { givenName: [null, 'Kofi'] },
        });
        await tx.appendAudit({
          at: '2025-03-01T10:01:00.000Z',
          userId: 'u',
          deviceId: 'd',
          action: 'create',
          collection: 'people',
          recordId: 'p3',
          siteId: 'site-a',
          details: { givenName: [null, 'Ama'] },
        });
      });
      const linked = await store.transaction((tx) => tx.documentsLinkedTo('people', 'householdId', ['h1']));
      expect(linked.map((doc) => doc.id).sort()).toEqual(['p1', 'p2']);

      const redacted = await store.transaction((tx) => tx.redactAudit('people', ['p1']));
      expect(redacted).toBe(1);
      const entries = await store.listAudit({ collection: 'people', limit: 10 });
      expect(entries.find((entry) => entry.recordId === 'p1')).toMatchObject({
        action: 'create',
        userId: 'u',
        details: { redacted: true },
      });
      expect(entries.find((entry) => entry.recordId === 'p3')?.details).toEqual({ givenName: [null, 'Ama'] });
      // Redacting again changes nothing.
      expect(await store.transaction((tx) => tx.redactAudit('people', ['p1']))).toBe(0);

      const erasure = {
        id: 'e1',
        subjectCollection: 'households' as const,
        subjectId: 'h1',
        siteId: 'site-a',
        reason: 'Asked in person at the desk',
        requestedBy: 'u1',
        requestedAt: '2025-03-02T09:00:00.000Z',
      };
      await store.transaction((tx) => tx.putErasure(erasure));
      await store.transaction((tx) =>
        tx.putErasure({
          ...erasure,
          confirmedBy: 'u2',
          confirmedAt: '2025-03-02T10:00:00.000Z',
          erased: { people: 2 },
        }),
      );
      expect(await store.listErasures()).toEqual([
        { ...erasure, confirmedBy: 'u2', confirmedAt: '2025-03-02T10:00:00.000Z', erased: { people: 2 } },
      ]);
      expect(await store.transaction((tx) => tx.getErasureForUpdate('e1'))).toMatchObject({
        confirmedBy: 'u2',
      });
    });

    it('purges deleted versions older than a seq mark, one collection at a time, and keeps the horizon', async () => {
      await put('households', { id: 'h1', _deleted: true, siteId: 'site-a' });
      await put('people', { id: 'p1', _deleted: true, siteId: 'site-a' });
      await store.markSeq('2026-01-01T00:00:00.000Z');
      await put('households', { id: 'h2', _deleted: true, siteId: 'site-a' });
      await put('households', { id: 'h3', _deleted: false, siteId: 'site-a' });
      expect(await store.purgeDeleted('households', '2025-12-31T00:00:00.000Z')).toBe(0);
      expect(await store.purgeHorizon('households')).toBe(0);
      expect(await store.purgeDeleted('households', '2026-01-02T00:00:00.000Z')).toBe(1);
      expect(await store.getDocument('households', 'h1')).toBeUndefined();
      expect(await store.getDocument('households', 'h2')).toBeDefined();
      expect(await store.getDocument('people', 'p1')).toBeDefined();
      const horizon = await store.purgeHorizon('households');
      expect(horizon).toBeGreaterThan(0);
      expect(await store.purgeHorizon('people')).toBe(0);
      // Nothing left to remove below the mark: the horizon stays.
      expect(await store.purgeDeleted('households', '2026-01-02T00:00:00.000Z')).toBe(0);
      expect(await store.purgeHorizon('households')).toBe(horizon);
    });

    it('cancels what a family no longer calls for with the reason given (by default: no longer planned)', async () => {
      const at = '2026-12-07T10:00:00.000Z';
      const reminder = (recordId: string) => hearingReminder(recordId, '2026-12-19T10:00:00.000Z');
      expect(await store.messages.syncHousehold('h1', [reminder('m1'), reminder('m2')], at)).toEqual({
        added: 2,
        cancelled: 0,
      });
      expect(await store.messages.syncHousehold('h1', [reminder('m2')], at)).toEqual({
        added: 0,
        cancelled: 1,
      });
      expect(await store.messages.syncHousehold('h1', [reminder('m3'), reminder('m4')], at)).toEqual({
        added: 2,
        cancelled: 1,
      });
      // One member's consent withdrawn: their reminder says so, the other one does not.
      expect(await store.messages.syncHousehold('h1', [], at, { withdrawnKeys: ['m3:d1:x'] })).toEqual({
        added: 0,
        cancelled: 2,
      });
      expect(await store.messages.syncHousehold('h1', [reminder('m5')], at)).toEqual({
        added: 1,
        cancelled: 0,
      });
      expect(await store.messages.syncHousehold('h1', [], at, { reason: 'consent_withdrawn' })).toEqual({
        added: 0,
        cancelled: 1,
      });
      const reasons = await Promise.all(
        ['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => store.messages.getMessage(`${id}:d1:x`)),
      );
      expect(reasons.map((m) => [m?.state, m?.failureReason])).toEqual([
        ['cancelled', 'no_longer_planned'],
        ['cancelled', 'no_longer_planned'],
        ['cancelled', 'consent_withdrawn'],
        ['cancelled', 'no_longer_planned'],
        ['cancelled', 'consent_withdrawn'],
      ]);
    });

    it('takes a queued message through claim, send and delivery, and keeps settings, the rate count and the cursor', async () => {
      const at = (minute: number) => `2026-12-07T10:${String(minute).padStart(2, '0')}:00.000Z`;
      const reminder = (recordId: string, sendMinute: number) => hearingReminder(recordId, at(sendMinute));
      await store.messages.syncHousehold(
        'h1',
        [reminder('m1', 0), reminder('m2', 1), reminder('m3', 50)],
        at(0),
      );

      // Due at 10:05: m1 and m2, in send order; m3 is not due yet.
      const claimed = await store.messages.claimDue('worker-1', at(5), at(6), 10);
      expect(claimed.map((m) => [m.key, m.state, m.attempts])).toEqual([
        ['m1:d1:x', 'sending', 1],
        ['m2:d1:x', 'sending', 1],
      ]);
      expect(await store.messages.claimDue('worker-2', at(5), at(6), 10)).toEqual([]);
      // Only the claiming worker ends a claim.
      const sent = {
        state: 'sent',
        at: at(5),
        provider: 'twilio',
        providerId: 'SM1',
        channel: 'sms',
        language: 'es',
        fallback: false,
      } as const;
      expect(await store.messages.finish('m1:d1:x', 'worker-2', sent, at(5))).toBe(false);
      expect(await store.messages.finish('m1:d1:x', 'worker-1', sent, at(5))).toBe(true);
      expect(await store.messages.countSentSince('site-a', at(4))).toBe(1);
      expect(await store.messages.countSentSince('site-a', at(6))).toBe(0);
      expect(await store.messages.reportDelivery('SM1', { state: 'delivered' }, at(7))).toMatchObject({
        key: 'm1:d1:x',
        state: 'delivered',
        deliveredAt: at(7),
        sentAt: at(5),
        providerId: 'SM1',
        language: 'es',
        fallback: false,
      });
      expect(
        await store.messages.reportDelivery('SM-unknown', { state: 'delivered' }, at(7)),
      ).toBeUndefined();
      // m2's claim runs out without an answer: it may have gone, so it fails and is never retried.
      expect(
        (await store.messages.failExpiredClaims(at(7))).map((m) => [m.key, m.state, m.failureReason]),
      ).toEqual([['m2:d1:x', 'failed', 'outcome_unknown']]);
      expect(
        (
          await store.messages.listMessages({ householdId: 'h1', states: ['failed', 'queued'], limit: 10 })
        ).map((m) => m.key),
      ).toEqual(['m3:d1:x', 'm2:d1:x']);
      expect(await store.messages.listMessages({ siteIds: [], limit: 10 })).toEqual([]);
      expect(
        (await store.messages.listMessages({ siteIds: ['site-a'], order: 'updated', limit: 1 }))[0]?.key,
      ).toBe('m1:d1:x');

      const settings = {
        switches: { hearing: true, ice_checkin: false, departure: true },
        templates: {},
        timeZone: 'Africa/Nairobi',
        ratePerMinute: 12,
      };
      expect(await store.messages.getSettings('site-a')).toBeUndefined();
      await store.messages.putSettings('site-a', settings as never, 'admin-1', at(8));
      await store.messages.putSettings(
        'site-a',
        { ...settings, ratePerMinute: 20 } as never,
        'admin-1',
        at(9),
      );
      expect(await store.messages.getSettings('site-a')).toMatchObject({
        ratePerMinute: 20,
        timeZone: 'Africa/Nairobi',
      });

      // The scheduler's cursor only moves forward.
      expect(await store.messages.cursor('milestones')).toBe(0);
      await store.messages.setCursor('milestones', 5);
      await store.messages.setCursor('milestones', 3);
      expect(await store.messages.cursor('milestones')).toBe(5);
    });

    it("keeps the log provider's messages across reopening, newest first, bounded per site, and forgets a family's", async () => {
      const at = (minute: number) => `2026-12-07T10:${String(minute).padStart(2, '0')}:00.000Z`;
      await store.messages.syncHousehold(
        'h1',
        [
          {
            key: 'm1:d1:x',
            siteId: 'site-a',
            householdId: 'h1',
            recordCollection: 'milestones',
            recordId: 'm1',
            kind: 'hearing',
            lead: 'd1',
            eventAt: at(30),
            sendAt: at(0),
          },
        ],
        at(0),
      );
      await store.messages.keepLogged({
        key: 'm1:d1:x',
        siteId: 'site-a',
        to: '+254712345678',
        channel: 'sms',
        body: 'Recordatorio: su audiencia',
        at: at(1),
      });
      // Kept once per key.
      await store.messages.keepLogged({
        key: 'm1:d1:x',
        siteId: 'site-a',
        to: '+254712345678',
        channel: 'sms',
        body: 'again',
        at: at(2),
      });
      await store.messages.keepLogged({
        key: 'other',
        siteId: 'site-b',
        to: '+254712345679',
        channel: 'whatsapp',
        body: 'Kumbusho',
        at: at(3),
      });
      const reopened = open();
      expect((await reopened.messages.listLogged(undefined, 10)).map((m) => [m.key, m.body, m.at])).toEqual([
        ['other', 'Kumbusho', at(3)],
        ['m1:d1:x', 'Recordatorio: su audiencia', at(1)],
      ]);
      expect((await reopened.messages.listLogged(['site-a'], 10)).map((m) => m.key)).toEqual(['m1:d1:x']);
      for (let i = 0; i < LOGGED_MESSAGES_KEPT + 5; i += 1) {
        await store.messages.keepLogged({
          key: `bulk-${i}`,
          siteId: 'site-b',
          to: '+254712345679',
          channel: 'sms',
          body: `n${i}`,
          at: new Date(Date.parse(at(4)) + i * 1000).toISOString(),
        });
      }
      const siteB = await store.messages.listLogged(['site-b'], 1000);
      expect(siteB).toHaveLength(LOGGED_MESSAGES_KEPT);
      expect(siteB[0]?.key).toBe(`bulk-${LOGGED_MESSAGES_KEPT + 4}`);
      expect(await store.messages.forgetLogged(['h1'])).toBe(1);
      expect(await store.messages.listLogged(['site-a'], 10)).toEqual([]);
    });

    it('stores a document and reads it back, per collection', async () => {
      const seq = await put('households', household('h1', { size: 4 }));
      expect(await store.getDocument('households', 'h1')).toEqual({
        collection: 'households',
        id: 'h1',
        seq,
        siteId: 'site-a',
        deleted: false,
        doc: household('h1', { size: 4 }),
      });
      expect(await store.getDocument('people', 'h1')).toBeUndefined();
      expect(await store.getDocument('households', 'missing')).toBeUndefined();

      const found = await store.transaction((tx) => tx.getDocuments('households', ['h1', 'missing', 'h1']));
      expect([...found.keys()]).toEqual(['h1']);
      expect(found.get('h1')?.doc).toEqual(household('h1', { size: 4 }));
    });

    it('gives every write a higher sequence number, across collections', async () => {
      const seqs = [
        await put('households', household('h1')),
        await put('people', household('p1')),
        await put('households', household('h1', { size: 2 }), 'site-b'),
      ];
      expect(seqs[0]).toBeGreaterThan(0);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(new Set(seqs).size).toBe(3);
      const latest = await store.getDocument('households', 'h1');
      expect(latest).toMatchObject({ seq: seqs[2], siteId: 'site-b', doc: { size: 2 } });
    });

    it('pulls one collection in sequence order, page by page, each document at its latest version once', async () => {
      for (let i = 0; i < 7; i++) {
        await put('households', household(`h${i}`));
        await put('people', household(`p${i}`));
      }
      await put('households', household('h2', { size: 9 }));

      const { pages, checkpoint } = await pullAll('households', 0, 3);
      expect(pages.map((page) => page.documents.length)).toEqual([3, 3, 1]);
      const pulled = pages.flatMap((page) => page.documents);
      expect(pulled.map((d) => d.id)).toEqual(['h0', 'h1', 'h3', 'h4', 'h5', 'h6', 'h2']);
      expect(pulled.every((d) => d.collection === 'households')).toBe(true);
      expect(pulled.at(-1)?.doc).toEqual(household('h2', { size: 9 }));
      const seqs = pulled.map((d) => d.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      for (const page of pages) expect(page.lastSeq).toBe(page.documents.at(-1)?.seq);
      expect(checkpoint).toBe(seqs.at(-1));
    });

    it('reports lastSeq as the checkpoint itself when nothing is newer', async () => {
      expect(await store.pull('households', 0, 10)).toEqual({ documents: [], lastSeq: 0 });
      const seq = await put('households', household('h1'));
      expect(await store.pull('households', seq, 10)).toEqual({ documents: [], lastSeq: seq });
      // A write to another collection does not move this collection's checkpoint.
      await put('people', household('p1'));
      expect(await store.pull('households', seq, 10)).toEqual({ documents: [], lastSeq: seq });
      expect((await store.pull('households', seq - 1, 10)).lastSeq).toBe(seq);
    });

    it('keeps a deletion as a version that pulls carry to other devices', async () => {
      const created = await put('households', household('h1', { size: 3 }));
      const deleted = await put('households', household('h1', { size: 3 }, true), 'site-b');
      expect(deleted).toBeGreaterThan(created);
      expect(await store.getDocument('households', 'h1')).toMatchObject({
        seq: deleted,
        deleted: true,
        siteId: 'site-b',
        doc: { id: 'h1', _deleted: true, size: 3 },
      });
      const page = await store.pull('households', created, 10);
      expect(page.documents.map((d) => [d.id, d.deleted])).toEqual([['h1', true]]);
    });

    it('recognises a push key it has seen before, and only that exact one', async () => {
      const remember = (collection: string, id: string, key: string) =>
        store.transaction((tx) => tx.rememberPush(collection, id, key));
      expect(await remember('households', 'h1', 'k1')).toBe(true);
      expect(await remember('households', 'h1', 'k1')).toBe(false);
      expect(
        await store.transaction(async (tx) => [
          await tx.rememberPush('households', 'h1', 'k2'),
          await tx.rememberPush('households', 'h1', 'k2'),
        ]),
      ).toEqual([true, false]);
      expect(await remember('households', 'h2', 'k1')).toBe(true);
      expect(await remember('people', 'h1', 'k1')).toBe(true);
    });

    it('writes a batch of versions in order: each a higher sequence number, a repeated record ending at its last', async () => {
      const before = await put('households', household('h0'));
      const seqs = await store.transaction((tx) =>
        tx.putDocuments([
          { collection: 'households', doc: household('h1', { v: 1 }), siteId: 'site-a' },
          { collection: 'people', doc: household('p1'), siteId: 'site-b' },
          { collection: 'households', doc: household('h1', { v: 2 }), siteId: 'site-a' },
          { collection: 'households', doc: household('h2', {}, true), siteId: 'site-a' },
        ]),
      );
      expect(seqs).toHaveLength(4);
      expect(seqs.every((seq, i) => seq > (seqs[i - 1] ?? before))).toBe(true);
      expect(await store.transaction((tx) => tx.putDocuments([]))).toEqual([]);

      const h1 = await store.getDocument('households', 'h1');
      expect(h1).toMatchObject({ seq: seqs[2], siteId: 'site-a', doc: household('h1', { v: 2 }) });
      expect(await store.getDocument('people', 'p1')).toMatchObject({ seq: seqs[1], siteId: 'site-b' });
      expect(await store.getDocument('households', 'h2')).toMatchObject({ seq: seqs[3], deleted: true });
      const pulled = (await store.pull('households', before, 10)).documents.map((d) => [d.id, d.seq]);
      expect(pulled).toEqual([
        ['h1', seqs[2]],
        ['h2', seqs[3]],
      ]);
    });

    it('remembers a batch of push keys as one call per key would: only the first of equal ones is new', async () => {
      await store.transaction((tx) => tx.rememberPush('households', 'h1', 'old'));
      const isNew = await store.transaction((tx) =>
        tx.rememberPushes('households', [
          { id: 'h1', pushKey: 'old' },
          { id: 'h1', pushKey: 'k1' },
          { id: 'h2', pushKey: 'k1' },
          { id: 'h1', pushKey: 'k1' },
        ]),
      );
      expect(isNew).toEqual([false, true, true, false]);
      expect(await store.transaction((tx) => tx.rememberPushes('households', []))).toEqual([]);
      expect(await store.transaction((tx) => tx.hasPushKey('households', 'h2', 'k1'))).toBe(true);
      expect(
        await store.transaction((tx) => tx.rememberPushes('people', [{ id: 'h1', pushKey: 'k1' }])),
      ).toEqual([true]);
    });

    it('appends a batch of audit entries in order, with and without details', async () => {
      await store.transaction((tx) =>
        tx.appendAudits([
          {
            at: '2025-03-01T10:00:00.000Z',
            userId: 'u1',
            deviceId: 'd1',
            action: 'create',
            collection: 'households',
            recordId: 'h1',
            siteId: 'site-a',
            details: { headName: [null, 'Amina'] },
          },
          {
            at: '2025-03-01T10:00:00.000Z',
            userId: 'u1',
            deviceId: 'd1',
            action: 'conflict',
            collection: 'households',
            recordId: 'h1',
            siteId: 'site-a',
            details: { field: 'headName' },
          },
          { at: '2025-03-01T10:00:01.000Z', userId: 'u2', deviceId: 'd2', action: 'login' },
        ]),
      );
      await store.transaction((tx) => tx.appendAudits([]));
      const listed = await store.listAudit({ limit: 10 });
      expect(listed.map((e) => e.action)).toEqual(['login', 'conflict', 'create']);
      expect(listed[0]!.id).toBeGreaterThan(listed[1]!.id);
      expect(listed[1]!.id).toBeGreaterThan(listed[2]!.id);
      expect(listed[2]).toMatchObject({
        at: '2025-03-01T10:00:00.000Z',
        userId: 'u1',
        deviceId: 'd1',
        collection: 'households',
        recordId: 'h1',
        siteId: 'site-a',
        details: { headName: [null, 'Amina'] },
      });
      expect(listed[0]).not.toHaveProperty('details');
      expect(listed[0]).not.toHaveProperty('siteId');
    });

    it('writes a batch of versions, push keys and audit entries as the three calls in order would', async () => {
      const audit = (recordId: string) => ({
        at: '2025-03-01T10:00:00.000Z',
        userId: 'u1',
        deviceId: 'd1',
        action: 'change',
        collection: 'households',
        recordId,
        siteId: 'site-a',
        details: { v: [1, 2] },
      });
      const before = await put('households', household('h0'));
      await store.transaction((tx) => tx.rememberPush('households', 'h1', 'seen'));
      // The one-statement form (no record twice) ...
      const seqs = await store.transaction((tx) =>
        tx.writeBatch({
          documents: [
            { collection: 'households', doc: household('h1', { v: 1 }), siteId: 'site-a' },
            { collection: 'households', doc: household('h2', {}, true), siteId: 'site-b' },
          ],
          pushKeys: {
            collection: 'households',
            entries: [
              { id: 'h1', pushKey: 'seen' },
              { id: 'h1', pushKey: 'sent-1' },
            ],
          },
          audits: [audit('h1'), audit('h2')],
        }),
      );
      expect(seqs).toHaveLength(2);
      expect(seqs[0]).toBeGreaterThan(before);
      expect(seqs[1]).toBeGreaterThan(seqs[0]!);
      expect(await store.getDocument('households', 'h1')).toMatchObject({
        seq: seqs[0],
        doc: household('h1', { v: 1 }),
      });
      expect(await store.getDocument('households', 'h2')).toMatchObject({
        seq: seqs[1],
        siteId: 'site-b',
        deleted: true,
      });
      expect(await store.transaction((tx) => tx.hasPushKey('households', 'h1', 'sent-1'))).toBe(true);
      // ... and the one that needs a statement per run (a record twice), or has nothing to audit.
      const again = await store.transaction((tx) =>
        tx.writeBatch({
          documents: [
            { collection: 'households', doc: household('h3', { v: 1 }), siteId: 'site-a' },
            { collection: 'households', doc: household('h3', { v: 2 }), siteId: 'site-a' },
          ],
          pushKeys: { collection: 'households', entries: [{ id: 'h3', pushKey: 'sent-3' }] },
          audits: [audit('h3')],
        }),
      );
      expect(again[1]).toBeGreaterThan(again[0]!);
      expect(again[0]).toBeGreaterThan(seqs[1]!);
      expect(await store.getDocument('households', 'h3')).toMatchObject({
        seq: again[1],
        doc: household('h3', { v: 2 }),
      });
      const quiet = await store.transaction((tx) =>
        tx.writeBatch({
          documents: [{ collection: 'people', doc: household('p1'), siteId: 'site-a' }],
          pushKeys: { collection: 'people', entries: [] },
          audits: [],
        }),
      );
      expect(quiet[0]).toBeGreaterThan(again[1]!);
      expect(await store.transaction((tx) => tx.hasPushKey('households', 'h3', 'sent-3'))).toBe(true);
      const listed = await store.listAudit({ limit: 10 });
      expect(listed.map((e) => e.recordId)).toEqual(['h3', 'h2', 'h1']);
      expect(listed[2]).toMatchObject(audit('h1'));
      const pulled = (await store.pull('households', before, 10)).documents.map((d) => [d.id, d.seq]);
      expect(pulled).toEqual([
        ['h1', seqs[0]],
        ['h2', seqs[1]],
        ['h3', again[1]],
      ]);
    });

    it('writes nothing from a transaction that fails, and keeps what a committed one wrote', async () => {
      const audit: AuditEntryInput = {
        at: '2025-03-01T10:00:00.000Z',
        userId: 'u1',
        deviceId: 'd1',
        action: 'push',
      };
      await expect(
        store.transaction(async (tx) => {
          await tx.putDocument('households', household('h1'), 'site-a');
          await tx.rememberPush('households', 'h1', 'k1');
          await tx.appendAudit(audit);
          throw new Error('merge failed');
        }),
      ).rejects.toThrow('merge failed');

      expect(await store.getDocument('households', 'h1')).toBeUndefined();
      expect(await store.pull('households', 0, 10)).toEqual({ documents: [], lastSeq: 0 });
      expect(await store.listAudit({ limit: 10 })).toEqual([]);

      const result = await store.transaction(async (tx) => {
        expect(await tx.rememberPush('households', 'h1', 'k1')).toBe(true);
        await tx.putDocument('households', household('h1'), 'site-a');
        await tx.appendAudit(audit);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store.getDocument('households', 'h1')).toBeDefined();
      expect(await store.listAudit({ limit: 10 })).toHaveLength(1);
    });

    it('refuses a transaction handle used after its transaction ended', async () => {
      let leaked: Parameters<Parameters<Store['transaction']>[0]>[0] | undefined;
      await store.transaction(async (tx) => {
        leaked = tx;
      });
      if (!leaked) throw new Error('transaction callback did not run');
      await expect(leaked.putDocument('households', household('h1'), 'site-a')).rejects.toThrow();
      expect(await store.getDocument('households', 'h1')).toBeUndefined();
    });

    it('appends audit entries and lists them newest first, filtered', async () => {
      const entries: AuditEntryInput[] = [
        { at: '2025-03-01T10:00:00.000Z', userId: 'amina', deviceId: 'tab-1', action: 'login' },
        {
          at: '2025-03-01T10:05:00.000Z',
          userId: 'amina',
          deviceId: 'tab-1',
          action: 'update',
          collection: 'households',
          recordId: 'h1',
          details: { 'address.camp': ['North', 'South'], size: [3, 4] },
        },
        {
          at: '2025-03-01T10:06:00.000Z',
          userId: 'jon',
          deviceId: 'tab-2',
          action: 'create',
          collection: 'households',
          recordId: 'h2',
        },
        {
          at: '2025-03-01T10:07:00.000Z',
          userId: 'jon',
          deviceId: 'tab-2',
          action: 'update',
          collection: 'households',
          recordId: 'h1',
          details: { size: [4, 5] },
        },
        {
          at: '2025-03-01T10:08:00.000Z',
          userId: 'jon',
          deviceId: 'tab-2',
          action: 'create',
          collection: 'people',
          recordId: 'h1',
        },
      ];
      for (const entry of entries) await store.transaction((tx) => tx.appendAudit(entry));

      const all = await store.listAudit({ limit: 100 });
      expect(all.map(({ id: _id, ...rest }) => rest)).toEqual([...entries].reverse());
      const ids = all.map((entry) => entry.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);

      const actions = (list: { action: string; at: string }[]) =>
        list.map((e) => `${e.action}@${e.at.slice(11, 16)}`);
      expect(
        actions(await store.listAudit({ collection: 'households', recordId: 'h1', limit: 100 })),
      ).toEqual(['update@10:07', 'update@10:05']);
      expect(actions(await store.listAudit({ recordId: 'h1', limit: 100 }))).toEqual([
        'create@10:08',
        'update@10:07',
        'update@10:05',
      ]);
      expect(actions(await store.listAudit({ userId: 'amina', limit: 100 }))).toEqual([
        'update@10:05',
        'login@10:00',
      ]);
      expect(actions(await store.listAudit({ collection: 'households', userId: 'jon', limit: 100 }))).toEqual(
        ['update@10:07', 'create@10:06'],
      );
      expect(actions(await store.listAudit({ limit: 2 }))).toEqual(['create@10:08', 'update@10:07']);
    });

    function user(id: string, username: string, fields: Partial<UserRecord> = {}): UserRecord {
      return {
        id,
        username,
        displayName: `User ${id}`,
        passwordHash: '$argon2id$fake',
        roles: ['volunteer'],
        siteIds: ['site-a'],
        disabled: false,
        createdAt: '2025-03-01T10:00:00.000Z',
        updatedAt: '2025-03-01T10:00:00.000Z',
        ...fields,
      };
    }
    const site = (id: string): SiteRecord => ({
      id,
      name: `Site ${id}`,
      kind: 'welcome_center',
      createdAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-01T10:00:00.000Z',
    });

    it('stores users with case-insensitive unique usernames, and their sites and units', async () => {
      await store.transaction(async (tx) => {
        await tx.putSite(site('site-a'));
        await tx.putSite({ ...site('site-b'), kind: 'helpline_office' });
        await tx.putUnit({
          id: 'u1',
          name: 'Protection',
          siteId: 'site-b',
          callbackHours: 48,
          createdAt: '2025-03-01T10:00:00.000Z',
          updatedAt: '2025-03-01T10:00:00.000Z',
        });
      });
      expect(await store.countUsers()).toBe(0);
      const amina = user('a1', 'Amina', {
        roles: ['volunteer', 'driver'],
        siteIds: ['site-a', 'site-b'],
        unitId: 'u1',
      });
      expect(await store.transaction((tx) => tx.insertUser(amina))).toBe(true);
      expect(await store.transaction((tx) => tx.insertUser(user('a2', 'AMINA')))).toBe(false);
      expect(await store.countUsers()).toBe(1);
      expect(await store.getUser('a1')).toEqual(amina);
      expect(await store.findUserByUsername('aMiNa')).toEqual(amina);
      expect(await store.findUserByUsername('nobody')).toBeUndefined();

      // A taken username in a transaction leaves the rest of that transaction usable.
      await store.transaction(async (tx) => {
        expect(await tx.insertUser(user('a3', 'amina'))).toBe(false);
        expect(await tx.insertUser(user('j1', 'jon'))).toBe(true);
        const locked = await tx.getUserForUpdate('j1');
        expect(await tx.updateUser({ ...locked!, displayName: 'Jon', disabled: true, unitId: 'u1' })).toBe(
          true,
        );
        expect(await tx.updateUser({ ...locked!, username: 'Amina' })).toBe(false);
      });
      expect(await store.getUser('j1')).toMatchObject({
        displayName: 'Jon',
        disabled: true,
        unitId: 'u1',
        username: 'jon',
      });
      expect((await store.listUsers()).map((u) => [u.username, u.failedLogins])).toEqual([
        ['Amina', 0],
        ['jon', 0],
      ]);
      expect((await store.listSites()).map((s) => [s.id, s.kind])).toEqual([
        ['site-a', 'welcome_center'],
        ['site-b', 'helpline_office'],
      ]);
      expect(await store.getUnit('u1')).toMatchObject({ siteId: 'site-b', callbackHours: 48 });
      expect(await store.getSite('nowhere')).toBeUndefined();
    });

    it('keeps the must-change-password flag of a password someone else chose until it is cleared', async () => {
      // Issue 15 item 9: set by the first start and by an admin, cleared when the holder changes it.
      const given = { ...user('mc1', 'Baraka'), mustChangePassword: true };
      expect(await store.transaction((tx) => tx.insertUser(given))).toBe(true);
      expect(await store.getUser('mc1')).toEqual(given);
      const { mustChangePassword: _cleared, ...chosen } = given;
      expect(await store.transaction((tx) => tx.updateUser(chosen))).toBe(true);
      expect(await store.getUser('mc1')).toEqual(chosen);
      expect(await store.findUserByUsername('baraka')).toEqual(chosen);
    });

    it('keeps the name of each device, the latest one winning', async () => {
      expect(await store.deviceNames([])).toEqual(new Map());
      await store.nameDevice({
        id: 'tab-1',
        name: 'Front desk tablet 1',
        namedBy: 'a1',
        namedAt: '2025-03-01T10:00:00.000Z',
      });
      await store.nameDevice({
        id: 'tab-2',
        name: 'Van phone',
        namedBy: 'a1',
        namedAt: '2025-03-01T10:00:00.000Z',
      });
      await store.nameDevice({
        id: 'tab-1',
        name: 'Front desk tablet 2',
        namedBy: 'b2',
        namedAt: '2025-03-02T10:00:00.000Z',
      });
      expect(await store.deviceNames(['tab-1', 'tab-2', 'tab-3'])).toEqual(
        new Map([
          ['tab-1', 'Front desk tablet 2'],
          ['tab-2', 'Van phone'],
        ]),
      );
    });

    it('keeps sessions by token hash, and revokes one or all of a user', async () => {
      await store.transaction((tx) => tx.insertUser(user('a1', 'amina')));
      const session = (hash: string) => ({
        tokenHash: hash,
        userId: 'a1',
        deviceId: 'tab-1',
        createdAt: '2025-03-01T10:00:00.000Z',
        expiresAt: '2025-03-01T22:00:00.000Z',
        lastSeenAt: '2025-03-01T10:00:00.000Z',
      });
      await store.createSession(session('h1'));
      await store.createSession(session('h2'));
      await store.createSession({ ...session('h3'), userId: 'a1' });
      expect(await store.findSession('h1')).toEqual(session('h1'));
      await store.touchSession('h1', '2025-03-01T11:00:00.000Z');
      await store.revokeSession('h1', '2025-03-01T11:30:00.000Z');
      expect(await store.findSession('h1')).toMatchObject({
        lastSeenAt: '2025-03-01T11:00:00.000Z',
        revokedAt: '2025-03-01T11:30:00.000Z',
      });
      expect(await store.transaction((tx) => tx.revokeUserSessions('a1', '2025-03-01T12:00:00.000Z'))).toBe(
        2,
      );
      expect((await store.findSession('h2'))?.revokedAt).toBe('2025-03-01T12:00:00.000Z');
      expect((await store.findSession('h1'))?.revokedAt).toBe('2025-03-01T11:30:00.000Z');
      expect(await store.findSession('unknown')).toBeUndefined();
    });

    it('counts login failures in a window, locks at the limit, and counts concurrent failures from several processes', async () => {
      const policy = { nowMs: 1_000_000, windowMs: 900_000, maxFailures: 5, lockMs: 900_000 };
      for (let i = 1; i <= 4; i++) {
        expect(
          await store.recordLoginFailure('user', 'amina', { ...policy, nowMs: policy.nowMs + i }),
        ).toEqual({
          failures: i,
          windowStartedMs: 1_000_001,
        });
      }
      expect(await store.recordLoginFailure('user', 'amina', { ...policy, nowMs: 1_000_010 })).toEqual({
        failures: 5,
        windowStartedMs: 1_000_001,
        lockedUntilMs: 1_900_010,
      });
      expect(await store.getThrottle('ip', 'amina')).toBeUndefined();
      // After the window a new count starts.
      expect(await store.recordLoginFailure('user', 'amina', { ...policy, nowMs: 3_000_000 })).toMatchObject({
        failures: 1,
        windowStartedMs: 3_000_000,
      });
      await store.clearThrottle('user', 'amina');
      expect(await store.getThrottle('user', 'amina')).toBeUndefined();

      const others = [open(), open(), open()];
      await Promise.all(
        others.flatMap((s) =>
          Array.from({ length: 5 }, () =>
            s.recordLoginFailure('ip', '10.0.0.1', { ...policy, maxFailures: 20 }),
          ),
        ),
      );
      expect(await store.getThrottle('ip', '10.0.0.1')).toMatchObject({ failures: 15 });
    });

    it('pulls only the given sites when asked, and lists audit entries by site', async () => {
      await put('households', household('h1'), 'site-a');
      await put('households', household('h2'), 'site-b');
      const h3 = await put('households', household('h3'), 'site-c');
      const page = await store.pull('households', 0, 10, ['site-a', 'site-c']);
      expect(page.documents.map((d) => d.id)).toEqual(['h1', 'h3']);
      expect(page.lastSeq).toBe(h3);
      expect((await store.pull('households', 0, 10, [])).documents).toEqual([]);

      await store.transaction(async (tx) => {
        await tx.appendAudit({
          at: '2025-03-01T10:00:00.000Z',
          userId: 'u',
          deviceId: 'd',
          action: 'create',
          siteId: 'site-a',
        });
        await tx.appendAudit({
          at: '2025-03-01T10:01:00.000Z',
          userId: 'u',
          deviceId: 'd',
          action: 'create',
          siteId: 'site-b',
        });
        await tx.appendAudit({ at: '2025-03-01T10:02:00.000Z', userId: 'u', deviceId: 'd', action: 'login' });
      });
      expect((await store.listAudit({ siteIds: ['site-a'], limit: 10 })).map((e) => e.siteId)).toEqual([
        'site-a',
      ]);
      expect(await store.listAudit({ siteIds: [], limit: 10 })).toEqual([]);
      expect(await store.listAudit({ limit: 10 })).toHaveLength(3);
    });

    it('treats migrating again, or from several processes at once, as a no-op', async () => {
      const seq = await put('households', household('h1'));
      await store.migrate();
      const second = open();
      const third = open();
      await Promise.all([second.migrate(), third.migrate()]);
      expect((await second.getDocument('households', 'h1'))?.seq).toBe(seq);
      const next = await second.transaction((tx) => tx.putDocument('households', household('h2'), 'site-a'));
      expect(next).toBeGreaterThan(seq);
      expect((await store.pull('households', 0, 10)).documents.map((d) => d.id)).toEqual(['h1', 'h2']);
    });

    it('keeps one device scope rule per site and role, the latest winning, and reads them in order', async () => {
      await store.transaction((tx) =>
        tx.putDeviceScopeRules(
          [
            { siteId: 'site-b', role: 'driver', keepDays: 2 },
            { siteId: 'site-a', role: 'volunteer', keepDays: null },
            { siteId: 'site-a', role: 'driver', keepDays: 7 },
          ],
          'admin-1',
          '2025-03-01T10:00:00.000Z',
        ),
      );
      await store.transaction((tx) =>
        tx.putDeviceScopeRules(
          [{ siteId: 'site-a', role: 'driver', keepDays: 14 }],
          'admin-2',
          '2025-03-02T10:00:00.000Z',
        ),
      );
      expect(await store.deviceScopeRules()).toEqual([
        { siteId: 'site-a', role: 'driver', keepDays: 14, updatedAt: '2025-03-02T10:00:00.000Z' },
        { siteId: 'site-a', role: 'volunteer', keepDays: null, updatedAt: '2025-03-01T10:00:00.000Z' },
        { siteId: 'site-b', role: 'driver', keepDays: 2, updatedAt: '2025-03-01T10:00:00.000Z' },
      ]);
    });

    it('refuses to start on a migration edited after it was applied, and applies nothing', async () => {
      await fixture.editFirstMigration();
      await expect(open().migrate()).rejects.toThrow(/001_initial\.sql was edited after it was applied/);
      // Still usable as it was: the refusal changed nothing.
      await put('households', household('h1'));
      expect((await store.getDocument('households', 'h1'))?.doc.headName).toBe('Head of h1');
    });

    it('commits transactions queued together, each failing one rolling back alone', async () => {
      // Started in one event-loop turn, so a store that commits in groups applies them in one.
      const outcomes = await Promise.allSettled(
        [0, 1, 2, 3, 4].map((n) =>
          store.transaction(async (tx) => {
            await tx.appendAudit({
              at: new Date().toISOString(),
              userId: `u${n}`,
              deviceId: 'd',
              action: 'push',
            });
            await tx.rememberPush('households', `g${n}`, `k${n}`);
            const seq = await tx.putDocument('households', household(`g${n}`), 'site-a');
            // The first writer (which took any write lock) and one in the middle fail after writing.
            if (n === 0 || n === 3) throw new Error(`transaction ${n} fails`);
            return seq;
          }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual([
        'rejected',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      const seqs = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      const pulled = await store.pull('households', 0, 10);
      expect(pulled.documents.map((d) => [d.id, d.seq])).toEqual([
        ['g1', seqs[0]],
        ['g2', seqs[1]],
        ['g4', seqs[2]],
      ]);
      const audited = (await store.listAudit({ limit: 10 })).map((entry) => entry.userId).sort();
      expect(audited).toEqual(['u1', 'u2', 'u4']);
      const kept = await store.transaction(async (tx) =>
        Promise.all([0, 1, 2, 3, 4].map((n) => tx.hasPushKey('households', `g${n}`, `k${n}`))),
      );
      expect(kept).toEqual([false, true, true, false, true]);
      // What follows a group still writes under the rules: a later transaction takes a later number.
      const after = await store.transaction((tx) => tx.putDocument('households', household('g5'), 'site-a'));
      expect(after).toBeGreaterThan(seqs[2]!);
    });

    it('never lets a pull skip a commit while transactions interleave', async () => {
      const random = mulberry32(20250301);
      const writers = 60;
      const hotIds = ['hot-1', 'hot-2', 'hot-3'];
      const committed = new Set<string>();
      const rolledBack = new Set<string>();
      let openNow = 0;
      let mostOpen = 0;

      // Each writer: starts, waits, bumps a shared "hot" document read under lock, writes its own
      // document, then holds the transaction open for a while (others commit meanwhile) and commits
      // or fails. Timings are random, so commit order differs from start order. The writers are
      // spread over several processes where the store allows it (SQLite's writer waits for the
      // file lock synchronously, so stores of one file cannot share one Node process): within
      // one, transactions commit in groups (a failing member rolls back alone); across them,
      // groups interleave.
      const processes = fixture.concurrentTransactions
        ? [store, ...Array.from({ length: 5 }, () => open())]
        : [store];
      const runWriter = async (n: number) => {
        const id = `h${n}`;
        const hot = hotIds[n % hotIds.length]!;
        const [before, between, after] = [random() * 6, random() * 3, random() * 6];
        const fails = random() < 0.2;
        try {
          await processes[n % processes.length]!.transaction(async (tx) => {
            mostOpen = Math.max(mostOpen, ++openNow);
            try {
              await tx.appendAudit({
                at: new Date().toISOString(),
                userId: 'u',
                deviceId: `d${n}`,
                action: 'push',
              });
              await sleep(before);
              const current = (await tx.getDocuments('households', [hot])).get(hot);
              const count = (current?.doc.count as number | undefined) ?? 0;
              await tx.putDocument('households', household(hot, { count: count + 1 }), 'site-a');
              await sleep(between);
              await tx.putDocument('households', household(id, { writer: n }), `site-${n}`);
              await sleep(after);
              if (fails) throw new Error(`writer ${n} fails`);
            } finally {
              openNow--;
            }
          });
          committed.add(id);
        } catch (error) {
          if (!fails) throw error;
          rolledBack.add(id);
        }
      };

      // The puller is another process, so it never waits behind the writers for a connection.
      const reader = open();
      const seen = new Map<string, number>();
      const latestSeen = new Map<string, WireDocument>();
      let checkpoint = 0;
      let writing = true;
      const takePage = async () => {
        const page = await reader.pull('households', checkpoint, 4);
        for (const doc of page.documents) {
          expect(doc.seq).toBeGreaterThan(checkpoint);
          seen.set(doc.id, (seen.get(doc.id) ?? 0) + 1);
          latestSeen.set(doc.id, doc.doc);
        }
        expect(page.lastSeq).toBeGreaterThanOrEqual(checkpoint);
        checkpoint = page.lastSeq;
        return page.documents.length;
      };
      const puller = (async () => {
        while (writing) {
          await takePage();
          await sleep(random() * 2);
        }
        while ((await takePage()) > 0);
      })();

      await Promise.all(Array.from({ length: writers }, (_, n) => runWriter(n))).finally(
        () => (writing = false),
      );
      await puller;

      expect(committed.size + rolledBack.size).toBe(writers);
      expect(committed.size).toBeGreaterThan(writers / 2);
      expect(rolledBack.size).toBeGreaterThan(0);
      for (const id of committed) expect(seen.get(id), `${id} seen once`).toBe(1);
      for (const id of rolledBack) expect(seen.has(id), `${id} rolled back`).toBe(false);

      // Every committed bump of a hot document was serialised (none lost), and the puller ends on the final version.
      const expectedCounts = new Map(hotIds.map((hot) => [hot, 0]));
      for (const id of committed) {
        const hot = hotIds[Number(id.slice(1)) % hotIds.length]!;
        expectedCounts.set(hot, expectedCounts.get(hot)! + 1);
      }
      for (const hot of hotIds) {
        const stored = await store.getDocument('households', hot);
        expect(stored?.doc.count).toBe(expectedCounts.get(hot));
        expect(latestSeen.get(hot)).toEqual(stored?.doc);
      }
      if (fixture.concurrentTransactions) expect(mostOpen).toBeGreaterThan(3);
    });
  });
}

storeConformance('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'waystation-store-'));
  return {
    open: () => openSqliteStore(join(dir, 'sync.db')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    concurrentTransactions: false,
    editFirstMigration: async () => {
      const raw = new Database(join(dir, 'sync.db'));
      try {
        raw.prepare("UPDATE migrations SET checksum = 'edited' WHERE name = '001_initial.sql'").run();
      } finally {
        raw.close();
      }
    },
  };
});

storeConformance('PostgreSQL', async () => {
  const pg = await createTestPostgres();
  return {
    open: () => openPostgresStore(pg.connectionString, { schema: pg.schema }),
    cleanup: () => pg.drop(),
    concurrentTransactions: true,
    editFirstMigration: async () => {
      const client = new Client({ connectionString: pg.connectionString });
      await client.connect();
      try {
        await client.query(
          `UPDATE ${escapeIdentifier(pg.schema)}.schema_migrations SET checksum = 'edited' WHERE version = 1`,
        );
      } finally {
        await client.end();
      }
    },
  };
});
