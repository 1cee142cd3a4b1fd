// Browser tests' harness for the deadline, register and admin pages: the real system (fresh DB,
// hand-moved clock) serving web/dist, headless Debian Chromium, a page per user and language,
// axe on every page (no serious or critical violation) and screenshots under test/web/screenshots/.
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestSystem, type Sys } from '../api/client.ts';
import { ensureWebBuild } from './build.ts';

export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');
export type Lang = 'zh' | 'en';

export type Browsing = { sys: Sys; browser: Browser; close(): Promise<void> };

export async function startBrowsing(): Promise<Browsing> {
  ensureWebBuild();
  const sys = await startTestSystem();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
  return { sys, browser, close: async () => { await browser.close(); await sys.cleanup(); } };
}

/**
 * A page signed in as a demo user by its Bearer token (every request of the page carries it),
 * in the given language and width. `path` is opened and waited for.
 */
export async function pageAs(b: Browsing, login: string, path: string, o: { lang?: Lang; width?: number } = {}): Promise<Page> {
  const context = await b.browser.newContext({
    viewport: { width: o.width ?? 1280, height: 900 }, locale: o.lang === 'en' ? 'en-US' : 'zh-CN', timezoneId: 'Asia/Shanghai',
    extraHTTPHeaders: { authorization: `Bearer ${b.sys.token(login)}` },
  });
  await context.addInitScript((lang) => localStorage.setItem('uw.lang', lang), o.lang ?? 'zh');
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(b.sys.url + path);
  return page;
}

/** axe-core over the page as it is: no serious or critical violation. */
export async function accessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
}

export async function screenshot(page: Page, name: string, lang: Lang): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${lang}.png`), fullPage: true });
}
