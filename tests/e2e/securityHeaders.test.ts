/**
 * The app and its service worker work under the server's Content-Security-
 * Policy (scripts only from the app's own origin, no eval, no inline
 * scripts): sign in, go offline, reload, unlock with the PIN and register a
 * family, with no policy violation reported. And no other page may frame the
 * app (the PIN screen must not be clickjacked).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newDevice, waitForServiceWorker } from './browser';
import { seedUser, startE2eServer, type E2eServer, type E2eUser } from './server';
import { pendingCount, registerFamily, signInAs, unlockWithPin } from './appDriver';

let browser: Browser;
let server: E2eServer;
let volunteer: E2eUser;

beforeAll(async () => {
  server = await startE2eServer({ staticDir: inject('appDir') });
  volunteer = await seedUser(server, { username: 'amina', password: 'correct horse 12', roles: ['volunteer'] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records every policy violation the page reports, from the first script on, on every load. */
async function watchViolations(device: BrowserContext, console: string[]) {
  await device.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  device.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
}

async function violationsIn(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations ?? ['(watcher missing)']);
}

describe('security headers in Chromium', () => {
  it('the app and its service worker work offline under the policy, with no violation', async () => {
    const device = await newDevice(browser);
    const consoleViolations: string[] = [];
    await watchViolations(device, consoleViolations);
    const page = await device.newPage();
    const first = await page.goto(server.url);
    // The policy is really in force on the page under test.
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30_000 });
    await signInAs(page, server, volunteer);
    await waitForServiceWorker(page);
    expect(await violationsIn(page)).toEqual([]);

    await device.setOffline(true);
    await page.reload();
    await unlockWithPin(page);
    await page.locator('.sync-bar', { hasText: 'Offline' }).waitFor();
    await registerFamily(page, {
      familyName: 'Haile',
      members: [{ givenName: 'Selam', familyName: 'Haile', dateOfBirth: '1991-02-03' }],
    });
    expect(await pendingCount(page)).toBeGreaterThan(0);
    expect(await violationsIn(page)).toEqual([]);
    expect(consoleViolations).toEqual([]);
    await device.close();
  });

  it('refuses to be framed by another page', async () => {
    const device = await newDevice(browser);
    const page = await device.newPage();
    // Another origin (localhost is not 127.0.0.1) embedding the app's sign-in page; setContent waits for the frame's load.
    const outside = server.url.replace('127.0.0.1', 'localhost');
    await page.goto(`${outside}/api/health`);
    await page.setContent(`<iframe src="${server.url}/" width="800" height="600"></iframe>`, { waitUntil: 'load' });
    const child = page.frames().find((frame) => frame.parentFrame() === page.mainFrame());
    // Chromium shows its own error page instead of the app.
    expect(child?.url()).not.toContain(server.url);
    expect(await child?.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    await device.close();
  });
});
