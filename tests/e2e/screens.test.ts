/**
 * Scenarios 3, 5 and 6 of the browser proof, on the main screens (family
 * list, form, detail): Arabic is right-to-left with no raw translation key
 * anywhere; axe-core finds no serious or critical violation; a 360×740 phone
 * has no horizontal scroll.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newDevice, screenshot } from './browser';
import { seedUser, startE2eServer, type E2eServer } from './server';
import { hasHorizontalScroll, openApp, rawTranslationKeys, registerFamily, signInAs } from './appDriver';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}
type AxeWindow = { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } };

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
let server: E2eServer;
let device: BrowserContext;
let page: Page;
let householdId: string;

/** In-app navigation: a reload would lock the app (the PIN screen), as it should. */
async function show(screen: 'list' | 'form' | 'detail'): Promise<void> {
  const href = { list: '/', form: '/households/new', detail: `/households/${householdId}` }[screen];
  // A family's page is reached from the list, as a person would.
  if (screen === 'detail' && new URL(page.url()).pathname !== '/') await show('list');
  await page.locator(`a[href="${href}"]:visible`).first().click();
  await page.waitForURL((url) => url.pathname === href);
  await page.locator('main h1').first().waitFor();
  if (screen === 'detail') await page.locator('main').getByText('Rosa').first().waitFor();
}

async function seriousViolations(): Promise<string[]> {
  // The app's CSP refuses inline scripts (as it should), so axe is evaluated through the
  // debugging protocol, which a page's policy does not govern, instead of a script tag.
  await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  const { violations } = await page.evaluate(() => (window as unknown as AxeWindow).axe.run(document));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  const volunteer = await seedUser(server, { username: 'lina', password: 'correct horse 12', roles: ['volunteer'] });
  browser = await launchChromium();
  device = await newDevice(browser);
  page = await device.newPage();
  await openApp(page, server.url);
  await signInAs(page, server, volunteer);
  householdId = await registerFamily(page, {
    familyName: 'Okafor',
    contactPhone: '+1 602 555 0190',
    members: [
      { givenName: 'Rosa', familyName: 'Okafor', dateOfBirth: '1988-02-03' },
      { givenName: 'Ifeanyi', familyName: 'Okafor', dateOfBirth: '2016-07-30' },
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('main screens', () => {
  it('have no serious or critical accessibility violation (axe-core)', async () => {
    for (const screen of ['list', 'form', 'detail'] as const) {
      await show(screen);
      expect(await seriousViolations(), screen).toEqual([]);
    }
  });

  it('fit a 360×740 phone without horizontal scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      for (const screen of ['list', 'form', 'detail'] as const) {
        await show(screen);
        expect(await hasHorizontalScroll(page), screen).toBe(false);
      }
    } finally {
      await page.setViewportSize({ width: 1024, height: 768 });
    }
  });

  it('in Arabic are right-to-left, with no raw translation key visible', async () => {
    await show('list');
    await page.getByLabel('Language').selectOption('ar');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    for (const screen of ['list', 'form', 'detail'] as const) {
      await show(screen);
      expect(await rawTranslationKeys(page), screen).toEqual([]);
      // Arabic script is on screen: the strings are translated, not English fallbacks.
      expect(await page.evaluate(() => /[\u0600-\u06FF]/.test(document.querySelector('main')?.textContent ?? ''))).toBe(true);
      if (screen === 'form') await screenshot(page, 'household-form-ar');
    }
  });
});
