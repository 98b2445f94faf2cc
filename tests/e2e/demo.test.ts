/**
 * The demo in real Chromium: a server seeded as `npm run demo` seeds it (small
 * size), the banner on the sign-in screen and inside the app, the accounts
 * listed on the sign-in screen, and each role signed in with its demo
 * password landing on a working screen that holds the seeded data.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newDevice, screenshot } from './browser';
import { openApp, signInAs, unlockWithPin } from './appDriver';
import { startDemoServer } from './demoServer';
import type { E2eServer } from './server';

let browser: Browser;
let server: E2eServer;

beforeAll(async () => {
  server = await startDemoServer(inject('appDir'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a screen by its address: a page load locks the app, so the PIN opens it again. */
async function goTo(page: Page, path: string): Promise<void> {
  await page.goto(server.url + path);
  await unlockWithPin(page);
}

/** A fresh device, signed in with the role's demo account picked from the sign-in screen's list. */
async function signInWithDemoAccount(role: string, roleLabel: string): Promise<Page> {
  const context = await newDevice(browser);
  const page = await context.newPage();
  await openApp(page, server.url);
  await page.getByTestId('demo-banner').waitFor();
  await page.getByRole('button', { name: `Use (${roleLabel})` }).click();
  expect(await page.getByLabel('Username').inputValue()).toBe(role);
  expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe(`${role}-demo`);
  await signInAs(page, server, { username: role, password: `${role}-demo` });
  await expect.poll(() => page.getByTestId('demo-banner').textContent()).toContain('DEMO — invented data');
  return page;
}

describe('npm run demo, in the browser', () => {
  it('lists one account per role on the sign-in screen, under the demo banner', async () => {
    const page = await (await newDevice(browser)).newPage();
    await openApp(page, server.url);
    const banner = page.getByTestId('demo-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/DEMO — invented data.*never on a production database/);
    const table = page.getByRole('region', { name: 'Demo accounts' });
    for (const role of ['volunteer', 'driver', 'caseworker', 'helpline_agent', 'case_officer', 'coordinator', 'admin']) {
      await table.getByText(`${role}-demo`, { exact: true }).waitFor();
    }
    await page.context().close();
  });

  it('volunteer: the family list holds the seeded families', async () => {
    const page = await signInWithDemoAccount('volunteer', 'Intake volunteer');
    await page.locator('.household-list .household-card').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('.household-list .household-card').count()).toBeGreaterThan(5);
    await page.context().close();
  });

  it("driver: today's pick-ups list today's legs", async () => {
    const page = await signInWithDemoAccount('driver', 'Driver');
    await goTo(page, '/driver');
    await page.getByRole('heading', { name: "Today's pick-ups" }).waitFor();
    await page.locator('.driver-leg').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('.driver-leg').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('case officer: the unit queue starts with an overdue call-back', async () => {
    const page = await signInWithDemoAccount('case_officer', 'Case officer');
    await goTo(page, '/queue');
    await page.locator('.queue-item').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.queue-item').first().getAttribute('class'), { timeout: 30_000 }).toContain(
      'queue-item--overdue',
    );
    await page.context().close();
  });

  it("helpline agent: the call desk finds a registered family by name", async () => {
    const page = await signInWithDemoAccount('helpline_agent', 'Helpline agent');
    await goTo(page, '/helpline');
    const { documents } = await server.store.pull('households', 0, 1, ['helpline-office']);
    const familyName = String(documents[0]?.doc.familyName);
    const search = page.getByLabel('Find the family');
    await search.waitFor({ timeout: 30_000 });
    await expect
      .poll(
        async () => {
          await search.fill('');
          await search.fill(familyName);
          return page.getByRole('list', { name: 'Families found' }).getByRole('button').count();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    await page.context().close();
  });

  it('coordinator: open conflicts to review, and a dashboard with figures from the seeded data', async () => {
    const page = await signInWithDemoAccount('coordinator', 'Coordinator');
    await goTo(page, '/review');
    await page.locator('.conflict-side').first().waitFor({ timeout: 60_000 });
    await goTo(page, '/dashboard');
    await page.locator('.report-actions').waitFor({ timeout: 30_000 });
    // The dashboard reads the device's records once; refresh until the first sync has brought them all.
    await expect
      .poll(
        async () => {
          const values = await page.locator('.report-figure__value').allTextContents();
          const nonZero = values.filter((value) => /[1-9]/.test(value)).length;
          if (nonZero < 3) await page.locator('.report-actions button').first().click();
          return nonZero;
        },
        { timeout: 90_000, interval: 2000 },
      )
      .toBeGreaterThanOrEqual(3);
    await screenshot(page, 'demo-coordinator-dashboard');
    await page.context().close();
  });

  it("admin: the users list holds every demo account", async () => {
    const page = await signInWithDemoAccount('admin', 'Administrator');
    await goTo(page, '/admin');
    const table = page.locator('.data-table table');
    await table.waitFor({ timeout: 30_000 });
    for (const name of ['Lucía Ortega', 'Kwame Addo', 'Daudi Kiprono', 'Sofía Duarte']) {
      await table.getByText(name).first().waitFor();
    }
    await page.context().close();
  });
});
