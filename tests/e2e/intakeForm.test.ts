/**
 * The volunteer at the intake table (issue 16, items 10–13): the duplicate
 * warning for another transliteration of a name, beside the name; members
 * listed head first, children by age; long text with its limit and counter;
 * a half-filled form kept when the volunteer goes elsewhere.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { seedUser, startE2eServer, type E2eServer } from './server';
import { openApp, registerFamily, signInAs } from './appDriver';

let browser: Browser;
let server: E2eServer;
let device: BrowserContext;
let page: Page;
let abdullahiId: string;

/** In-app navigation (a reload would lock the app behind its PIN, as it should). */
async function goTo(href: string): Promise<void> {
  await page.locator(`a[href="${href}"]`).first().click();
  await page.waitForURL((url) => url.pathname === href);
  await page.locator('main h1').first().waitFor();
}

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  const volunteer = await seedUser(server, { username: 'amal', password: 'correct horse 12', roles: ['volunteer', 'caseworker'] });
  browser = await launchChromium();
  device = await newDevice(browser);
  page = await device.newPage();
  await openApp(page, server.url);
  await signInAs(page, server, volunteer);
  await goTo('/');
  abdullahiId = await registerFamily(page, {
    familyName: 'Abdullahi',
    members: [{ givenName: 'Mohammed', familyName: 'Abdullahi', dateOfBirth: '1985-03-02', sex: 'male' }],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the duplicate check while typing', () => {
  it('flags "Muhammad Abdallah" as the registered "Mohammed Abdullahi", in an alert beside the name', async () => {
    await goTo('/');
    await page.getByRole('link', { name: 'Register a family' }).first().click();
    const person = page.getByRole('group', { name: 'Person 1', exact: true });
    await person.getByLabel('Given name').fill('Muhammad');
    await person.getByLabel('Family name').fill('Abdallah');

    // No date of birth yet: the same name, spelled another way, is already a possible duplicate.
    const warning = person.getByRole('status');
    await warning.getByText('This person may already be registered').waitFor();
    await expect.poll(() => warning.textContent()).toContain('Possibly Mohammed Abdullahi');

    // With the same date of birth it is likely, and it links to the family.
    await person.getByLabel('Date of birth').fill('1985-03-02');
    await expect.poll(() => warning.textContent()).toContain('Mohammed Abdullahi, born');
    const link = warning.getByRole('link', { name: 'Open the Abdullahi family (new tab)' });
    expect(await link.getAttribute('href')).toBe(`/households/${abdullahiId}`);

    // Beside the name: right under the name fields, above the date of birth and the nationality,
    // and styled as a warning (not plain text).
    const warningBox = await warning.boundingBox();
    const familyNameBox = await person.getByLabel('Family name').boundingBox();
    const dateBox = await person.getByLabel('Date of birth').boundingBox();
    expect(warningBox && familyNameBox && dateBox).toBeTruthy();
    expect(warningBox!.y).toBeGreaterThan(familyNameBox!.y);
    expect(warningBox!.y).toBeLessThan(dateBox!.y);
    const background = await warning.locator('.duplicate-warning').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');

    // A different name with the same birthday is not flagged.
    await person.getByLabel('Given name').fill('Mahmoud');
    await expect.poll(() => warning.textContent()).toBe('');
  });
});

describe("a family's members", () => {
  it('are listed head first, then the partner, then the children oldest first, on the page and in the form', async () => {
    await goTo('/');
    // Typed in the order people came to the table: a baby, a grandmother, an older child, the partner, the head.
    const id = await registerFamily(page, {
      familyName: 'Cabdi',
      members: [
        { givenName: 'Hodan', familyName: 'Cabdi', estimatedAge: 0, relationship: 'child' },
        { givenName: 'Xaawo', familyName: 'Cabdi', estimatedAge: 70, relationship: 'grandparent' },
        { givenName: 'Cumar', familyName: 'Cabdi', dateOfBirth: '2014-05-01', relationship: 'child', sex: 'male' },
        { givenName: 'Faadumo', familyName: 'Cabdi', dateOfBirth: '1990-01-01', relationship: 'spouse' },
        { givenName: 'Cali', familyName: 'Cabdi', dateOfBirth: '1986-01-01', relationship: 'head', sex: 'male' },
      ],
    });
    const section = page.getByRole('region', { name: 'People' });
    const names = () => section.locator('.member-details h3').allTextContents();
    await expect.poll(names).toHaveLength(5);
    expect((await names()).map((n) => n.split(' ')[0])).toEqual(['Cali', 'Faadumo', 'Cumar', 'Hodan', 'Xaawo']);
    expect(await section.getByRole('region', { name: 'Hodan Cabdi' }).textContent()).toContain('under 1 year');

    await page.locator(`a[href="/households/${id}/edit"]`).click();
    const person1 = page.getByRole('group', { name: 'Person 1', exact: true });
    await expect.poll(() => person1.getByLabel('Given name').inputValue()).toBe('Cali');
    const givenNames = await page.locator('fieldset.member input[id$="-givenName"]').evaluateAll((inputs) =>
      inputs.map((input) => (input as HTMLInputElement).value),
    );
    expect(givenNames).toEqual(['Cali', 'Faadumo', 'Cumar', 'Hodan', 'Xaawo']);
    await page.getByRole('link', { name: 'Cancel' }).or(page.getByRole('button', { name: 'Cancel' })).first().click();
  });
});

/** Words, not one long run of letters: a cut would fall mid-word. */
function pastedReport(length: number): string {
  const words = 'the family arrived from the border after three days and needs medical screening '.repeat(
    Math.ceil(length / 80) + 1,
  );
  return words.slice(0, length);
}

describe('long text', () => {
  it('a pasted 20,000-character case note is kept whole, counted and refused with its limit; a shorter one is saved', async () => {
    await goTo('/');
    await page.locator(`a[href="/households/${abdullahiId}"]`).first().click();
    const box = page.getByLabel('New note');
    const report = pastedReport(20_000);
    await box.fill(report);
    expect((await box.inputValue()).length).toBe(20_000); // not cut to 8,000
    const counter = page.locator('#case-note-count');
    await expect.poll(() => counter.textContent()).toContain('20,000 of 8,000 characters');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Too long' }).textContent())
      .toBe('Too long: at most 8,000 characters.');
    expect(await page.locator('.case-notes__timeline li').count()).toBe(0);
    expect((await box.inputValue()).length).toBe(20_000);

    await box.fill(report.slice(0, 500));
    await expect.poll(() => counter.textContent()).toBe('500 of 8,000 characters');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => page.locator('.case-notes__timeline li').count()).toBe(1);
  });

  it("the family's notes show their limit and counter, and a note over it is refused with the limit", async () => {
    await goTo('/');
    await page.getByRole('link', { name: 'Register a family' }).first().click();
    const notes = page.getByLabel('Notes', { exact: true });
    await expect.poll(() => page.locator('#household-notes-count').textContent()).toBe('0 of 4,000 characters');
    await page.getByRole('group', { name: 'Family' }).getByLabel('Family name').fill('Tesfay');
    await page.getByLabel('How they arrived').selectOption('bus');
    const person = page.getByRole('group', { name: 'Person 1', exact: true });
    await person.getByLabel('Given name').fill('Selam');
    await person.getByLabel('Family name').fill('Tesfay');
    await person.getByLabel('Estimated age (years)').fill('30');
    await person.getByLabel('Sex').selectOption('female');
    await person.getByLabel('Relationship to the head of the family').selectOption('head');
    await notes.fill(pastedReport(4_500));
    await expect.poll(() => page.locator('#household-notes-count').textContent()).toContain('4,500 of 4,000 characters');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#household-notes-error').textContent()).toBe('Too long: at most 4,000 characters.');
    expect(new URL(page.url()).pathname).toBe('/households/new');
    expect((await notes.inputValue()).length).toBe(4_500);
  });
});

describe('a half-filled registration', () => {
  it('is kept when the volunteer goes to another screen, restored when they come back, and gone once saved', async () => {
    await goTo('/');
    await page.getByRole('link', { name: 'Register a family' }).first().click();
    // The test above left a draft (its notes too long): the form opens with it, and the volunteer starts afresh.
    await page.getByRole('group', { name: 'Family' }).waitFor();
    const discard = page.getByRole('button', { name: 'Discard it and start a new one' });
    if (await discard.isVisible()) await discard.click();
    await page.getByRole('group', { name: 'Family' }).getByLabel('Family name').fill('Gebremedhin');
    await page.getByLabel('How they arrived').selectOption('bus');
    const person = page.getByRole('group', { name: 'Person 1', exact: true });
    await person.getByLabel('Given name').fill('Selam');
    await person.getByLabel('Family name').fill('Gebremedhin');
    await person.getByLabel('Estimated age (years)').fill('34');

    // Away to the family list, and back.
    await goTo('/');
    await page.getByRole('link', { name: 'Register a family' }).first().click();
    await page.getByRole('status').filter({ hasText: 'Your unsaved registration was kept' }).waitFor();
    const again = page.getByRole('group', { name: 'Person 1', exact: true });
    expect(await page.getByRole('group', { name: 'Family' }).getByLabel('Family name').inputValue()).toBe('Gebremedhin');
    expect(await again.getByLabel('Given name').inputValue()).toBe('Selam');
    expect(await again.getByLabel('Estimated age (years)').inputValue()).toBe('34');

    // Finished and saved: the next registration starts empty.
    await again.getByLabel('Sex').selectOption('female');
    await again.getByLabel('Relationship to the head of the family').selectOption('head');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/households\/(?!new$)[A-Za-z0-9_-]+$/);
    await goTo('/');
    await page.getByRole('link', { name: 'Register a family' }).first().click();
    const fresh = page.getByRole('group', { name: 'Person 1', exact: true });
    await fresh.getByLabel('Given name').waitFor();
    expect(await fresh.getByLabel('Given name').inputValue()).toBe('');
    expect(await page.getByText('Your unsaved registration was kept').count()).toBe(0);
  });
});
