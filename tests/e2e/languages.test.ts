/**
 * The interface languages on a cold start: the app loads only the language it
 * starts in (English is in the app code; each other language is a chunk of
 * its own), and every language still opens with no network after one visit,
 * because the service worker precached every chunk.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newDevice, waitForServiceWorker } from './browser';
import { startE2eServer, type E2eServer } from './server';
import { openApp } from './appDriver';
import en from '../../locales/en/translation.json';
import ar from '../../locales/ar/translation.json';
import sw from '../../locales/sw/translation.json';

let browser: Browser;
let server: E2eServer;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The language chunks this page has loaded (from the network or the service worker's cache). */
function translationChunks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => /\/assets\/translation-[^/]*\.js$/.test(path)),
  );
}

const firstHeading = (page: Page) => page.getByRole('heading', { level: 1 }).first();

describe('interface languages', () => {
  it('a cold start loads only its own language, and each language opens offline', async () => {
    const device = await newDevice(browser);
    const page = await device.newPage();
    await openApp(page, server.url);
    expect(await firstHeading(page).textContent()).toBe(en.auth.signIn.title);
    await waitForServiceWorker(page);
    // English is in the app code: no other language was loaded for this screen.
    expect(await translationChunks(page)).toEqual([]);

    await device.setOffline(true);
    await page.getByLabel(en.language.label).selectOption('ar');
    await page.getByRole('heading', { level: 1, name: ar.auth.signIn.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await translationChunks(page)).toHaveLength(1);

    await page.getByLabel(ar.language.label).selectOption('sw');
    await page.getByRole('heading', { level: 1, name: sw.auth.signIn.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');

    // Started again with no network, in the language chosen: the first screen is already
    // Swahili (it waits for its language, never shows English first), from one language chunk.
    await page.reload();
    await firstHeading(page).waitFor();
    expect(await firstHeading(page).textContent()).toBe(sw.auth.signIn.title);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sw');
    expect(await translationChunks(page)).toHaveLength(1);
    await device.close();
  });
});
