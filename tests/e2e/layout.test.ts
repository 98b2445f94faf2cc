/**
 * Every main screen of every role, at a 360 px phone and a 1280 px desktop,
 * in English and in Arabic, on the demo data: a screenshot of each lands in
 * test-results/ (layout-<role>-<screen>-<lang>-<width>.png), and the test fails
 * on what a person could not use or read:
 *  - a control that cannot be reached: scrolled into view, the element at its
 *    centre is another one on top of it (a sticky bar over a field);
 *  - text overflowing its box, or a word split across two lines in a table;
 *  - an axe-core violation rated serious or critical;
 *  - a raw translation key on screen;
 *  - a header that takes three rows at 1280 px, or header and banners that
 *    leave less than two thirds of a phone's height to the page;
 *  - a section heading touching the control above it; an oversized radio.
 * One demo server and one browser for the whole file; one device per role.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newDevice, screenshot } from './browser';
import { openApp, rawTranslationKeys, signInAs, unlockWithPin, waitUntilSynced } from './appDriver';
import { startDemoServer } from './demoServer';
import type { E2eServer } from './server';

type AxeWindow = {
  axe: {
    run: (
      context: Document,
    ) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
  };
};
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const WIDTHS = [1280, 360] as const;
const HEIGHT = 740;

const FAMILY = '/households/:first';

const ROLES: { role: string; screens: string[] }[] = [
  { role: 'coordinator', screens: ['/', '/review', '/dashboard', '/reports', '/audit'] },
  { role: 'admin', screens: ['/admin', '/admin/sites', '/admin/devices', '/audit'] },
  { role: 'volunteer', screens: ['/', '/households/new'] },
  // FAMILY: a welcome-center family's page (its sections, messages and consent included), found at start.
  { role: 'caseworker', screens: ['/tasks', FAMILY] },
  { role: 'case_officer', screens: ['/queue', '/queue?show=done', '/tasks', '/households'] },
  { role: 'helpline_agent', screens: ['/helpline'] },
  { role: 'driver', screens: ['/driver'] },
];

let browser: Browser;
let server: E2eServer;
let familyPath: string;

beforeAll(async () => {
  server = await startDemoServer(inject('appDir'));
  browser = await launchChromium();
  const { documents } = await server.store.pull('households', 0, 1, ['welcome-center']);
  familyPath = `/households/${String(documents[0]?.doc.id)}`;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(role: string): Promise<Page> {
  const context = await newDevice(browser, { viewport: { width: 1280, height: HEIGHT } });
  const page = await context.newPage();
  await openApp(page, server.url);
  await signInAs(page, server, { username: role, password: `${role}-demo` });
  // Measure settled screens: the coordinator's first sync carries the whole demo site.
  await waitUntilSynced(page, 120_000);
  return page;
}

/** In-app navigation (a page load would lock the app): the router follows history changes. */
async function show(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page
    .locator('main h1')
    .first()
    .waitFor({ timeout: 60_000 })
    .catch(async (error: unknown) => {
      // Say what the screen showed instead: a timeout alone does not tell a slow screen from a wrong one.
      const shown = await page
        .locator('body')
        .innerText()
        .catch(() => '(page gone)');
      throw new Error(`No heading at ${page.url()}; the page shows: ${shown.slice(0, 600)}`, {
        cause: error,
      });
    });
  // Let lazy screens and live queries settle before measuring: the screen has not changed for 250 ms (the
  // sync stream never idles the network, so that is no sign), or 5 s have passed.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          clearTimeout(quiet);
          quiet = setTimeout(done, 250);
        });
        let quiet = setTimeout(done, 250);
        const cap = setTimeout(done, 5_000);
        function done() {
          observer.disconnect();
          clearTimeout(quiet);
          clearTimeout(cap);
          resolve();
        }
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
      }),
  );
}

/** What a person could not use or read on the screen as it is now; empty when all is well. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => {
      const text = (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().slice(0, 40);
      const id = el.id ? `#${el.id}` : '';
      const cls =
        typeof el.className === 'string' && el.className
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : '';
      return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
    };
    const visible = (el: Element) =>
      el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
      el.getBoundingClientRect().width > 2 &&
      el.getBoundingClientRect().height > 2;

    // Reachable: each control's centre, once scrolled into view, is the control (or its label).
    const controls = [
      ...document.querySelectorAll(
        'button, a[href], input, select, textarea, summary, [role="button"], [tabindex="0"]',
      ),
    ];
    for (const el of controls) {
      if (!visible(el)) continue;
      // Layout (sticky bars included) is computed synchronously: no need to wait for a paint.
      el.scrollIntoView({ block: 'center', inline: 'center' });
      // A link wrapping over two lines: its first line's box, not the box around both lines.
      const rect = el.getClientRects()[0] ?? el.getBoundingClientRect();
      const x = Math.min(Math.max(rect.left + rect.width / 2, 1), window.innerWidth - 1);
      const y = Math.min(Math.max(rect.top + rect.height / 2, 1), window.innerHeight - 1);
      // Off-screen by design (the skip link until focused).
      if (rect.bottom < 0 || rect.top > window.innerHeight || rect.right < 0 || rect.left > window.innerWidth)
        continue;
      const hit = document.elementFromPoint(x, y);
      if (!hit) continue;
      const labels = 'labels' in el ? [...((el as HTMLInputElement).labels ?? [])] : [];
      if (el === hit || el.contains(hit) || labels.some((label) => label.contains(hit))) continue;
      problems.push(`unreachable: ${describe(el)} is under ${describe(hit)}`);
    }
    window.scrollTo(0, 0);

    // Text that overflows its box (scroll containers are meant to).
    for (const el of document.querySelectorAll('header *, main *, [role="status"], [role="alert"]')) {
      if (!(el instanceof HTMLElement) || !visible(el)) continue;
      if (['INPUT', 'SELECT', 'TEXTAREA', 'svg', 'IMG', 'CANVAS'].includes(el.tagName)) continue;
      if (el.closest('svg, .recharts-wrapper')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'inline' || style.display === 'contents') continue;
      if (['auto', 'scroll'].includes(style.overflowX)) continue;
      const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!hasText) continue;
      if (el.scrollWidth > el.clientWidth + 1 && style.textOverflow !== 'ellipsis') {
        problems.push(`text overflows: ${describe(el)} (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }

    // No word split across lines in a table cell ("volunt / eer").
    for (const cell of document.querySelectorAll('main td, main th')) {
      if (!visible(cell)) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[^\s,·/()-]{4,}/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const tops = new Set(
            [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
          );
          if (tops.size > 1) problems.push(`word split across lines: "${match[0]}" in ${describe(cell)}`);
        }
      }
    }

    // A section heading does not touch the control just above it.
    for (const heading of document.querySelectorAll('main h2, main h3')) {
      const previous = heading.previousElementSibling;
      if (!previous || !visible(heading) || !visible(previous)) continue;
      const gap = heading.getBoundingClientRect().top - previous.getBoundingClientRect().bottom;
      const hasControl =
        previous.matches('button, a.button, .form-actions') || previous.querySelector('button, a.button');
      if (hasControl && gap < 8)
        problems.push(`heading touches the control above: ${describe(heading)} (gap ${Math.round(gap)} px)`);
    }

    // Radios and checkboxes at the size of a finger, not of a button.
    for (const input of document.querySelectorAll('main input[type="radio"], main input[type="checkbox"]')) {
      if (!visible(input)) continue;
      const { width, height } = input.getBoundingClientRect();
      if (width > 32 || height > 32)
        problems.push(`oversized ${describe(input)}: ${Math.round(width)}×${Math.round(height)}`);
    }
    return problems;
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  // The CSP refuses inline scripts, so axe is evaluated through the debugging protocol.
  await page.evaluate(AXE_SOURCE);
  const { violations } = await page.evaluate(() => (window as unknown as AxeWindow).axe.run(document));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Header and banners: at most two rows at a desktop width, at most a third of a phone's height. */
async function chromeProblems(page: Page, width: number): Promise<string[]> {
  return page.evaluate((w) => {
    const problems: string[] = [];
    const header = document.querySelector('.app-header');
    const main = document.querySelector('main');
    if (!header || !main) return ['no header or main'];
    if (w >= 1024) {
      const rows = new Set(
        [...header.querySelectorAll('a, button, select')]
          .filter((el) => el.checkVisibility() && el.getBoundingClientRect().height > 0)
          .map((el) => Math.round(el.getBoundingClientRect().top / 12)),
      );
      if (rows.size > 2) problems.push(`the header wraps to ${rows.size} rows`);
    } else {
      const top = main.getBoundingClientRect().top + window.scrollY;
      if (top > window.innerHeight / 3)
        problems.push(`header and banners take ${Math.round(top)} of ${window.innerHeight} px`);
    }
    return problems;
  }, width);
}

function slug(path: string): string {
  return path === '/' ? 'home' : path.replace(/^\//, '').replace(/[/?=&]/g, '-');
}

describe('layout of the main screens, per role, at 360 and 1280 px, in English and Arabic', () => {
  for (const { role, screens } of ROLES) {
    it(`${role}: every control reachable, no overflowing text, no serious axe violation`, async () => {
      const page = await signIn(role);
      const problems: string[] = [];
      for (const language of ['en', 'ar'] as const) {
        if (language === 'ar') {
          await page.setViewportSize({ width: 1280, height: HEIGHT });
          await page.getByLabel('Language', { exact: true }).selectOption('ar');
          await page.waitForFunction(() => document.documentElement.dir === 'rtl');
        }
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: HEIGHT });
          for (const screen of screens) {
            const path = screen === FAMILY ? familyPath : screen;
            await show(page, path);
            await screenshot(
              page,
              `layout-${role}-${slug(screen === FAMILY ? '/family' : path)}-${language}-${width}`,
            );
            const where = `${role} ${path} ${language} ${width}px`;
            problems.push(...(await chromeProblems(page, width)).map((p) => `${where}: ${p}`));
            problems.push(...(await layoutProblems(page)).map((p) => `${where}: ${p}`));
            // axe once per screen and language (English at the desktop width, Arabic on the phone): it is the slow check.
            if ((language === 'en') === (width === 1280)) {
              problems.push(...(await seriousViolations(page)).map((p) => `${where}: axe ${p}`));
            }
            problems.push(...(await rawTranslationKeys(page)).map((p) => `${where}: raw key ${p}`));
          }
        }
      }
      await page.context().close();
      expect(problems).toEqual([]);
    }, 240_000);
  }
});

describe('the audit log, as an administrator reads it', () => {
  it('says each action in words with its outcome and changed fields, filters through the address, and opens the record', async () => {
    const { documents } = await server.store.pull('households', 0, 1, ['welcome-center']);
    const household = documents[0]?.doc;
    expect(household).toBeDefined();
    const householdId = String(household?.id);
    // The newest entries, so they open the log's first page.
    const now = Date.now();
    await server.store.transaction(async (tx) => {
      await tx.appendAudit({
        at: new Date(now - 60_000).toISOString(),
        userId: 'demo-helpline-agent',
        deviceId: 'desk-1',
        action: 'helpline.verification_attempt',
        collection: 'calls',
        recordId: 'call-audit-1',
        siteId: 'welcome-center',
        details: { householdId, passed: false, questionIds: ['dateOfBirth'] },
      });
      await tx.appendAudit({
        at: new Date(now).toISOString(),
        userId: 'demo-volunteer',
        deviceId: 'desk-1',
        action: 'change',
        collection: 'households',
        recordId: householdId,
        siteId: 'welcome-center',
        details: { contactPhone: ['+1 602 555 0100', '+1 602 555 0199'] },
      });
    });
    const page = await signIn('admin');
    await show(page, '/audit');
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.getByText('Verification attempt — failed').first().waitFor({ timeout: 30_000 });
    const changed = table.getByRole('row').filter({ hasText: 'Changed: Contact phone' }).first();
    await changed.waitFor();
    expect(await rawTranslationKeys(page)).toEqual([]);

    // Filter by action: the choice is kept in the address, so a reload keeps it.
    await page.getByLabel('What', { exact: true }).selectOption('helpline.verification_attempt');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.get('action'))
      .toBe('helpline.verification_attempt');
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'Changed' }).count()).toBe(0);
    await page.reload();
    await unlockWithPin(page);
    await page
      .getByRole('table', { name: 'Audit log' })
      .getByText('Verification attempt — failed')
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('What', { exact: true }).inputValue()).toBe('helpline.verification_attempt');

    // The row opens the family the call was about.
    await page
      .getByRole('table', { name: 'Audit log' })
      .getByRole('row')
      .filter({ hasText: 'Verification attempt — failed' })
      .first()
      .getByRole('link')
      .first()
      .click();
    await page.waitForURL((url) => url.pathname === `/households/${householdId}`);
    await page.context().close();
  });
});
