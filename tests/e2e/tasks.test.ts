/**
 * Tasks about a family (issue 16 item 9), in real Chromium with two signed-in
 * devices: a case worker on the family's page adds a task for that family
 * assigned to a colleague and an overdue one for herself; both show on the
 * family's page, her own in her list with the family's name and "Overdue";
 * the colleague's device receives hers after sync; and with the network
 * gone, the in-app reminders list still shows the due task.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { hasHorizontalScroll, openApp, rawTranslationKeys, signInAs, waitUntilSynced, mainNavLink, unlockWithPin } from './appDriver';
import { seedFamily, SITE } from './welcomeSeed';

let browser: Browser;
let server: E2eServer;
let lucia: E2eUser;
let amina: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
  lucia = await seedUser(server, {
    username: 'cw.lucia',
    password: 'caseworker pass 1',
    roles: ['caseworker'],
    siteIds: [SITE],
    displayName: 'Lucía Romero',
  });
  amina = await seedUser(server, {
    username: 'cw.amina',
    password: 'caseworker pass 2',
    roles: ['caseworker'],
    siteIds: [SITE],
    displayName: 'Amina Yusuf',
  });
  await seedFamily(server, {
    id: 'hh-garcia',
    familyName: 'García Pérez',
    contactPhone: '+1 602 555 0142',
    members: [{ id: 'p-maria', givenName: 'María José', dateOfBirth: '1989-03-02', relationship: 'head', languages: ['es'] }],
    legs: [],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A datetime-local value `hours` from now, in the device's zone (the browser's and the test's are the same). */
function localInput(hours: number): string {
  const at = new Date(Date.now() + hours * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** Records the notifications the page shows (through the service worker or the constructor) in window.shownNotifications. */
async function recordNotifications(device: BrowserContext): Promise<void> {
  await device.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
    if (typeof ServiceWorkerRegistration !== 'undefined') {
      ServiceWorkerRegistration.prototype.showNotification = function (title: string) {
        shown.push(title);
        return Promise.resolve();
      };
    }
    if ('Notification' in window) {
      const Real = window.Notification;
      const Recorded = function (title: string) {
        shown.push(title);
      } as unknown as typeof Notification;
      Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
      Recorded.requestPermission = Real.requestPermission.bind(Real);
      window.Notification = Recorded;
    }
  });
}

const shownNotifications = (page: Page) =>
  page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);

async function addTaskOnFamilyPage(page: Page, task: { title: string; hoursFromNow: number; assignTo: string }) {
  const section = page.getByRole('region', { name: 'Tasks' });
  await section.getByRole('button', { name: 'Add task' }).click();
  const form = page.getByRole('form', { name: 'Add a task' });
  // Prefilled with the family whose page this is.
  await form.getByText('García Pérez').waitFor();
  await form.getByLabel('Task', { exact: true }).fill(task.title);
  await form.getByLabel('Due').fill(localInput(task.hoursFromNow));
  await form.getByLabel('Assign to').selectOption({ label: task.assignTo });
  await form.getByRole('button', { name: 'Save task' }).click();
  await page.getByRole('status').getByText('Task saved').waitFor();
}

describe('tasks about a family', () => {
  it('are added from the family page, reach the assignee’s device, show overdue, and remind offline', async () => {
    const device = await newDevice(browser, { viewport: { width: 360, height: 740 } });
    await recordNotifications(device);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, lucia);
    await waitUntilSynced(page);
    // The directory (who can be assigned) is fetched once online and kept for offline use.
    await page.getByRole('link', { name: /García Pérez/ }).first().click({ timeout: 60_000 });
    await page.getByRole('heading', { level: 1, name: 'García Pérez' }).waitFor({ timeout: 60_000 });

    await addTaskOnFamilyPage(page, { title: 'Call the sponsor in Denver', hoursFromNow: 48, assignTo: 'Amina Yusuf' });
    await addTaskOnFamilyPage(page, { title: 'Book the medical screening', hoursFromNow: -26, assignTo: 'Me' });

    // The family's tasks: both, the overdue one first and marked in words.
    const familyTasks = page.getByRole('region', { name: 'Tasks' }).getByRole('listitem');
    await expect.poll(() => familyTasks.count()).toBe(2);
    expect(await familyTasks.nth(0).innerText()).toContain('Book the medical screening');
    expect(await familyTasks.nth(0).innerText()).toContain('Overdue');
    expect(await familyTasks.nth(1).innerText()).toContain('Call the sponsor in Denver');
    expect(await familyTasks.nth(1).innerText()).toContain('Amina Yusuf');
    expect(await familyTasks.nth(1).innerText()).not.toContain('Overdue');
    expect(await hasHorizontalScroll(page)).toBe(false);

    // Her own list names the family and says the task is overdue.
    await (await mainNavLink(page, 'My tasks')).click();
    await page.getByRole('heading', { level: 1, name: 'My tasks' }).waitFor();
    const mine = page.locator('.task-list tr.task');
    await expect.poll(() => mine.count()).toBe(1);
    expect(await mine.first().innerText()).toContain('Book the medical screening');
    expect(await mine.first().innerText()).toContain('Overdue');
    await mine.first().getByRole('link', { name: 'García Pérez' }).waitFor();
    expect(await page.getByText('Open the family').count()).toBe(0);
    expect(await rawTranslationKeys(page)).toEqual([]);
    await waitUntilSynced(page);

    // Offline, the reminders come from the data on the device.
    await device.setOffline(true);
    const reminders = await mainNavLink(page, /Reminders/);
    await expect.poll(() => reminders.innerText()).toContain('1');
    await reminders.click();
    await page.getByRole('heading', { level: 1, name: 'Reminders' }).waitFor();
    const list = page.locator('.reminder-list > li');
    await expect.poll(() => list.count()).toBe(1);
    expect(await list.first().innerText()).toContain('Book the medical screening');
    expect(await list.first().innerText()).toContain('García Pérez');
    // Nobody allowed notifications on this device: none shown, a button offers them (never asked on load).
    await page.getByRole('button', { name: 'Turn on notifications on this device' }).waitFor();
    expect(await shownNotifications(page)).toEqual([]);
    // Dismissed, it stays dismissed on this device.
    await list.first().getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => list.count()).toBe(0);
    await page.getByText('No reminders.').waitFor();
    expect(await rawTranslationKeys(page)).toEqual([]);
    expect(await hasHorizontalScroll(page)).toBe(false);
    await device.setOffline(false);

    // The colleague's device receives the task assigned to her.
    const other = await newDevice(browser);
    const colleague = await other.newPage();
    await openApp(colleague, server.url);
    await signInAs(colleague, server, amina);
    await waitUntilSynced(colleague);
    await (await mainNavLink(colleague, 'My tasks')).click();
    const hers = colleague.locator('.task-list tr.task');
    await expect.poll(() => hers.count(), { timeout: 30_000 }).toBe(1);
    expect(await hers.first().innerText()).toContain('Call the sponsor in Denver');
    await hers.first().getByRole('link', { name: 'García Pérez' }).waitFor();
    await other.close();
    await device.close();
  });

  it('where notifications are allowed, a due task shows one, once', async () => {
    const device = await newDevice(browser);
    await device.grantPermissions(['notifications'], { origin: server.url });
    await recordNotifications(device);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, lucia);
    await waitUntilSynced(page);
    await expect.poll(() => shownNotifications(page), { timeout: 30_000 }).toEqual(['Book the medical screening']);
    await (await mainNavLink(page, /Reminders/)).click();
    await page.getByRole('heading', { level: 1, name: 'Reminders' }).waitFor();
    await page.getByText('Notifications are on').waitFor();
    await (await mainNavLink(page, 'My tasks')).click();
    await page.getByRole('heading', { level: 1, name: 'My tasks' }).waitFor();
    expect(await shownNotifications(page)).toEqual(['Book the medical screening']);
    await device.close();
  });

  it('a long list is paged', async () => {
    const at = new Date().toISOString();
    await server.store.transaction(async (tx) => {
      for (let i = 0; i < 30; i += 1) {
        const id = `task-bulk-${String(i).padStart(2, '0')}`;
        await tx.putDocument(
          'tasks',
          {
            id,
            siteId: SITE,
            createdAt: at,
            updatedAt: at,
            updatedBy: 'seed',
            deviceId: 'seed',
            title: `Bulk task ${String(i).padStart(2, '0')}`,
            assigneeUserId: amina.id,
            assigneeKey: `user:${amina.id}`,
            dueAt: new Date(Date.now() + (i + 1) * 86_400_000).toISOString(),
            status: 'open',
            _deleted: false,
          },
          SITE,
        );
      }
    });
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, amina);
    await waitUntilSynced(page);
    await (await mainNavLink(page, 'My tasks')).click();
    const rows = page.locator('.task-list tr.task');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(25);
    await page.getByText('1–25 of 31').waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => rows.count()).toBe(6);
    await page.getByText('26–31 of 31').waitFor();
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);

    // Sort and filters live in the address: a reload (which locks the app) keeps them.
    await page.getByRole('button', { name: /^Task/ }).click();
    await page.getByRole('button', { name: /^Task/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-title');
    await expect.poll(() => rows.nth(1).innerText()).toContain('Bulk task 29');
    await page.getByLabel('Search by task or family').fill('Bulk task 1');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('Bulk task 1');
    await expect.poll(() => rows.count()).toBe(10);
    await page.reload();
    await unlockWithPin(page);
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(10);
    expect(await rows.first().innerText()).toContain('Bulk task 19');
    expect(await page.getByLabel('Search by task or family').inputValue()).toBe('Bulk task 1');
    await device.close();
  });
});
