/**
 * The administration forms in real Chromium: adding a user, setting their
 * password, renaming them and adding a site. Each refuses bad input on the
 * page with the field's own sentence and sends nothing; good input is saved
 * on the server and the form says so.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedAdmin, startE2eServer, type E2eServer, type E2eUser } from './server';
import { openAdministration } from './appDriver';

const SITE = 'harbour';

let browser: Browser;
let server: E2eServer;
let admin: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  const at = new Date().toISOString();
  await server.store.transaction(async (tx) => {
    await tx.putSite({
      id: SITE,
      name: 'Harbour welcome center',
      kind: 'welcome_center',
      createdAt: at,
      updatedAt: at,
    });
  });
  admin = await seedAdmin(server, [SITE]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('administration forms', () => {
  it('refuse bad input on the page and save good input', async () => {
    const page = await (await newDevice(browser)).newPage();
    await openAdministration(page, server, admin);

    // A new user with a password that is too short: the field says why, nothing is created.
    const add = page.getByRole('form', { name: 'Add a user' });
    await add.getByLabel('Username').fill('new.person');
    await add.getByLabel('Display name').fill('Nuru Person');
    await add.getByLabel('Initial password').fill('short');
    await add.getByLabel('Intake volunteer').check();
    await add.getByRole('button', { name: 'Add user' }).click();
    await add.getByRole('alert').getByText('Correct the marked fields.').waitFor();
    await add.getByText('At least 10 characters.', { exact: true }).waitFor();
    expect(await server.store.findUserByUsername('new.person')).toBeUndefined();

    await add.getByLabel('Initial password').fill('a long enough password');
    await add.getByRole('button', { name: 'Add user' }).click();
    await add.getByRole('status').getByText('Nuru Person was added.').waitFor();
    await expect
      .poll(async () => (await server.store.findUserByUsername('new.person'))?.roles)
      .toEqual(['volunteer']);
    expect(await add.getByLabel('Username').inputValue()).toBe('');

    // Their page: a short new password is refused; a good one is set.
    await page.getByRole('link', { name: 'Nuru Person' }).click();
    const reset = page.getByRole('form', { name: 'Reset password' });
    await reset.getByLabel('New password').fill('short');
    await reset.getByRole('button', { name: 'Set new password' }).click();
    await reset.getByText('At least 10 characters.', { exact: true }).waitFor();
    const before = (await server.store.findUserByUsername('new.person'))?.passwordHash;
    await reset.getByLabel('New password').fill('another good password');
    await reset.getByRole('button', { name: 'Set new password' }).click();
    await reset.getByRole('status').getByText('New password set for Nuru Person.').waitFor();
    expect((await server.store.findUserByUsername('new.person'))?.passwordHash).not.toBe(before);

    // An empty name is refused; a new one is saved.
    const edit = page.getByRole('form', { name: 'Name, roles and sites' });
    await edit.getByLabel('Display name').fill('   ');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByRole('alert').getByText('Correct the marked fields.').waitFor();
    await edit.getByText('Enter a name (up to 120 characters).').waitFor();
    expect((await server.store.findUserByUsername('new.person'))?.displayName).toBe('Nuru Person');
    await edit.getByLabel('Display name').fill('Nuru Mwangi');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByRole('status').getByText('Changes saved.').waitFor();
    await expect
      .poll(async () => (await server.store.findUserByUsername('new.person'))?.displayName)
      .toBe('Nuru Mwangi');

    // A site with no name is refused; a named one is added and the form is empty again.
    await page.getByRole('link', { name: 'Back to users' }).first().click();
    await page.locator('a[href="/admin/sites"]').first().click();
    const site = page.getByRole('form', { name: 'Add a site' });
    await site.getByRole('button', { name: 'Add site' }).click();
    await site.getByText('Enter a name (up to 120 characters).').waitFor();
    expect(await server.store.listSites()).toHaveLength(1);
    await site.getByLabel('Site name').fill('Lakeside helpline');
    await site.getByLabel('Kind').selectOption('helpline_office');
    await site.getByRole('button', { name: 'Add site' }).click();
    await expect
      .poll(async () => (await server.store.listSites()).map((s) => [s.name, s.kind]))
      .toContainEqual(['Lakeside helpline', 'helpline_office']);
    await site.getByRole('status').getByText('Saved.').waitFor();
    expect(await site.getByLabel('Site name').inputValue()).toBe('');
    await page.context().close();
  }, 180_000);
});
