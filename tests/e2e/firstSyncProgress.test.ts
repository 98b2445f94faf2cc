/**
 * First sync of a device joining the demo (medium size; people arrive in
 * several snapshot pages): the sync bar counts records received of the server's total, the
 * connection drops mid-way, and the device, reopened, picks up from its
 * checkpoint ("picking up where it stopped") and reaches "all received".
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import { launchChromium, newDevice } from './browser';
import { openApp, signInAs, unlockWithPin } from './appDriver';
import { startDemoServer } from './demoServer';
import type { E2eServer } from './server';

let browser: Browser;
let server: E2eServer;

beforeAll(async () => {
  server = await startDemoServer(inject('appDir'), 'medium');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function countsIn(text: string): [number, number] | undefined {
  const match = text.replace(/,/g, '').match(/(\d+) of (\d+)/);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

describe('first sync progress', () => {
  it('shows records received of the total, resumes after the connection drops, and reaches done', async () => {
    const device = await newDevice(browser);
    // The connection drops after the first page of people: later pages of it fail like a lost network.
    // A new device bootstraps from snapshot pages of up to 10,000 documents; the people
    // pages are asked 300 at a time here so that the bootstrap of people takes several.
    let peoplePages = 0;
    let dropped = true;
    await device.route(/\/api\/sync\/people\/(pull|snapshot)\?/, async (route: Route) => {
      peoplePages += 1;
      if (dropped && peoplePages > 1) return route.abort('internetdisconnected');
      const url = new URL(route.request().url());
      if (url.pathname.endsWith('/snapshot')) url.searchParams.set('limit', '300');
      return route.continue({ url: url.toString() });
    });
    const page = await device.newPage();
    await openApp(page, server.url);
    await signInAs(page, server, { username: 'coordinator', password: 'coordinator-demo' });

    const progress = page.getByTestId('sync-progress');
    await expect.poll(async () => (await progress.textContent().catch(() => '')) ?? '', { timeout: 60_000 }).toMatch(
      /Receiving records: [\d,]+ of [\d,]+/,
    );
    const partial = countsIn((await progress.textContent()) ?? '');
    expect(partial).toBeDefined();
    expect(partial![0]).toBeLessThan(partial![1]);

    // Close the app mid-sync; the device keeps what arrived and its checkpoints.
    await page.close();
    dropped = false;
    const again = await device.newPage();
    await again.goto(server.url);
    await unlockWithPin(again);
    const resumed = again.getByTestId('sync-progress');
    await expect
      .poll(async () => (await resumed.textContent().catch(() => '')) ?? '', { timeout: 60_000, interval: 100 })
      .toMatch(/Picking up where it stopped|All records received/);
    await expect
      .poll(async () => (await resumed.textContent().catch(() => '')) ?? '', { timeout: 60_000, interval: 100 })
      .toMatch(/All records received: ([\d,]+) of \1/);
    await device.close();
  });
});
