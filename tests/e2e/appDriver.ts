/**
 * What a person does in the app, in English labels (the tests set the
 * interface language explicitly where it matters).
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export interface MemberInput {
  givenName: string;
  familyName: string;
  dateOfBirth?: string;
  /** Instead of a date of birth. */
  estimatedAge?: number;
  sex?: 'female' | 'male' | 'other' | 'unknown';
  relationship?: string;
}

export interface FamilyInput {
  familyName: string;
  contactPhone?: string;
  members: MemberInput[];
}

export async function openApp(page: Page, url: string, path = '/'): Promise<void> {
  await page.goto(url + path);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 });
}

/** Fills the intake form with the keyboard-reachable controls and saves. Returns the household id. */
export async function registerFamily(page: Page, family: FamilyInput): Promise<string> {
  await page.getByRole('link', { name: 'Register a family' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Register a family' }).waitFor();
  // A registration abandoned earlier in the test is restored as a draft: start afresh.
  const discard = page.getByRole('button', { name: 'Discard it and start a new one' });
  if (await discard.isVisible()) await discard.click();
  const familyFieldset = page.getByRole('group', { name: 'Family' });
  await familyFieldset.getByLabel('Family name').fill(family.familyName);
  if (family.contactPhone) await page.getByLabel('Contact phone').fill(family.contactPhone);
  await page.getByLabel('How they arrived').selectOption('bus');
  for (const [index, member] of family.members.entries()) {
    if (index > 0) await page.getByRole('button', { name: 'Add a person' }).click();
    await fillMember(page, index, member);
  }
  await page.getByRole('button', { name: 'Save' }).click();
  // The detail page of the saved family (not the form's own /households/new).
  await page.waitForURL(/\/households\/(?!new$)[A-Za-z0-9_-]+$/, { timeout: 30_000 });
  const id = new URL(page.url()).pathname.split('/').pop();
  expect(id).toBeTruthy();
  return id!;
}

/** Fills person `index` (0-based) of the open household form. */
export async function fillMember(page: Page, index: number, member: MemberInput): Promise<void> {
  const person = page.getByRole('group', { name: `Person ${index + 1}`, exact: true });
  await person.getByLabel('Given name').fill(member.givenName);
  await person.getByLabel('Family name').fill(member.familyName);
  if (member.dateOfBirth) await person.getByLabel('Date of birth').fill(member.dateOfBirth);
  if (member.estimatedAge !== undefined) {
    await person.getByLabel('Estimated age (years)').fill(String(member.estimatedAge));
  }
  await person.getByLabel('Sex').selectOption(member.sex ?? 'female');
  await person
    .getByLabel('Relationship to the head of the family')
    .selectOption(member.relationship ?? (index === 0 ? 'head' : 'child'));
}

export async function pendingCount(page: Page): Promise<number> {
  const text = (await page.locator('.sync-bar').textContent()) ?? '';
  const match = text.match(/(\d+) changes? waiting to sync/);
  return match ? Number(match[1]) : 0;
}

export async function waitUntilSynced(page: Page, timeout = 60_000): Promise<void> {
  await page.locator('.sync-bar', { hasText: 'All changes synced' }).waitFor({ timeout });
}

/** Text that looks like an i18n key left untranslated, e.g. "form.familyName". */
export async function rawTranslationKeys(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return [...text.matchAll(/\b[a-z][a-zA-Z]+(?:\.[a-zA-Z_]+)+\b/g)].map((m) => m[0]);
}

export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** The PIN signInAs chooses unless told otherwise. */
export const DEFAULT_TEST_PIN = '482915';

/**
 * Signs in through the app's own screens (online): username and password,
 * then the PIN the first sign-in on a device asks for. Ends on the first
 * screen of the user's role. Use after openApp (the sign-in screen shows).
 */
export async function signInAs(
  page: Page,
  _server: { url: string },
  user: { username: string; password: string; pin?: string; deviceName?: string },
): Promise<void> {
  const pin = user.pin ?? DEFAULT_TEST_PIN;
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const choosePin = page.getByRole('heading', { name: 'Choose a PIN' });
  const signedIn = page.locator('.app-header');
  await choosePin.or(signedIn).first().waitFor({ timeout: 30_000 });
  if (await choosePin.isVisible()) {
    await page.getByLabel('New PIN').fill(pin);
    await page.getByLabel('Type the PIN again').fill(pin);
    if (user.deviceName !== undefined) await page.getByLabel('Name of this device').fill(user.deviceName);
    await page.getByRole('button', { name: 'Save PIN and continue' }).click();
  }
  await signedIn.waitFor({ timeout: 30_000 });
}

/** Opens the app on `page`, signs the administrator in and goes to the administration (one of its pages: `section`). */
export async function openAdministration(
  page: Page,
  server: { url: string },
  admin: { username: string; password: string },
  section?: 'sites' | 'users',
): Promise<void> {
  await openApp(page, server.url);
  await signInAs(page, server, admin);
  await page.locator('a[href="/admin"]').first().click();
  if (section) await page.locator(`a[href="/admin/${section}"]`).first().click();
}

/** On the lock screen: enters the PIN and waits for the app. */
export async function unlockWithPin(page: Page, pin = DEFAULT_TEST_PIN): Promise<void> {
  // Generous waits: after a reload the app shell and the encrypted store open from scratch.
  await page
    .getByLabel('PIN', { exact: true })
    .fill(pin, { timeout: 60_000 })
    .catch(async (error: unknown) => {
      // Say what the screen showed instead: a timeout alone does not tell a hang from a wrong screen.
      const shown = await page
        .locator('body')
        .innerText()
        .catch(() => '(page gone)');
      throw new Error(`No PIN field at ${page.url()}; the page shows: ${shown.slice(0, 600)}`, {
        cause: error,
      });
    });
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.locator('.app-header').waitFor({ timeout: 60_000 });
}

/**
 * A screen's link in the app's main navigation, wherever it is: on a phone
 * the nav is behind the "Menu" button, on a desktop the later screens are
 * under "More". Opens what needs opening and returns the visible link.
 */
export async function mainNavLink(page: Page, name: string | RegExp) {
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', typeof name === 'string' ? { name, exact: true } : { name });
  if (!(await link.isVisible())) {
    const more = nav.getByRole('button', { name: 'More' });
    if ((await more.isVisible()) && (await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  }
  return link;
}
