/**
 * Every save says it was saved, in the interface's language (issue 17): a
 * call-back result on the queue, a task marked done, an administrator's edit
 * of a user, each in English, Spanish, French, Arabic and Swahili, on the demo
 * data. The confirmation is read from the one toast region (role="status")
 * and compared with the locale file's sentence, so a missing or English-only
 * translation fails.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { mainNavLink, openApp, signInAs, waitUntilSynced } from './appDriver';
import { startDemoServer } from './demoServer';
import type { E2eServer } from './server';

const LANGUAGES = ['en', 'es', 'fr', 'ar', 'sw'] as const;
type Language = (typeof LANGUAGES)[number];
type Toasts = { toast: Record<string, string> };
const toasts = Object.fromEntries(
  LANGUAGES.map((lng) => [
    lng,
    (JSON.parse(readFileSync(new URL(`../../locales/${lng}/translation.json`, import.meta.url), 'utf8')) as Toasts).toast,
  ]),
) as Record<Language, Record<string, string>>;

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

async function signIn(role: string): Promise<Page> {
  const page = await (await newDevice(browser)).newPage();
  await openApp(page, server.url);
  await signInAs(page, server, { username: role, password: `${role}-demo` });
  return page;
}

async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.locator('#interface-language').selectOption(language);
  await page.waitForFunction((lng) => document.documentElement.lang === lng, language);
}

/** The toast region holds this sentence (a toast lasts six seconds: read it while it is there). */
async function confirmed(page: Page, text: string): Promise<void> {
  await page.locator('.toast-region').getByText(text, { exact: true }).waitFor({ timeout: 15_000 });
}

describe('a save confirms in every interface language', () => {
  it('a call-back result on the queue', async () => {
    const page = await signIn('case_officer');
    await page.locator('.queue-item').first().waitFor({ timeout: 60_000 });
    for (const language of LANGUAGES) {
      await switchLanguage(page, language);
      const item = page.locator('.queue-item').first();
      // The row may still be open from the language before (a "no answer" keeps it first).
      const details = item.locator('details.queue-item__act');
      if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
      // "No answer, try again" keeps the call in the queue, so every language has one to record.
      await item.locator('select').first().selectOption('no_answer_retry');
      await item.locator('form').first().locator('button[type="submit"]').click();
      await confirmed(page, toasts[language].callbackRecorded!);
    }
    await page.context().close();
  }, 180_000);

  it('a task marked done', async () => {
    const [officer] = (await server.store.listUsers()).filter((u) => u.username === 'case_officer');
    expect(officer).toBeDefined();
    const at = new Date().toISOString();
    await server.store.transaction(async (tx) => {
      for (const language of LANGUAGES) {
        await tx.putDocument(
          'tasks',
          {
            id: `task-confirm-${language}`,
            siteId: officer!.siteIds[0]!,
            createdAt: at,
            updatedAt: at,
            updatedBy: 'seed',
            deviceId: 'seed',
            title: `Confirm in ${language}`,
            assigneeUserId: officer!.id,
            assigneeKey: `user:${officer!.id}`,
            dueAt: new Date(Date.now() + 86_400_000).toISOString(),
            status: 'open',
            _deleted: false,
          },
          officer!.siteIds[0]!,
        );
      }
    });
    const page = await signIn('case_officer');
    await waitUntilSynced(page);
    await (await mainNavLink(page, 'My tasks')).click();
    await page.locator('.task-list tr.task').first().waitFor({ timeout: 60_000 });
    for (const language of LANGUAGES) {
      await switchLanguage(page, language);
      const title = `Confirm in ${language}`;
      await page.locator('.task-list tr.task', { hasText: title }).getByRole('button').click();
      await confirmed(page, toasts[language].taskDone!.replace('{{title}}', title));
    }
    await page.context().close();
  }, 180_000);

  it("an administrator's edit of a user", async () => {
    const page = await signIn('admin');
    await page.locator('nav.tabs a[href="/admin"]').first().click();
    await page.locator('a[href^="/admin/users/"]').first().click({ timeout: 30_000 });
    await page.locator('form[aria-labelledby="edit-user-title"]').waitFor({ timeout: 30_000 });
    for (const language of LANGUAGES) {
      await switchLanguage(page, language);
      await page.locator('form[aria-labelledby="edit-user-title"] button[type="submit"]').click();
      await confirmed(page, toasts[language].userSaved!);
    }
    await page.context().close();
  }, 180_000);
});
