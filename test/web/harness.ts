// The browser tests' world: one headless Chromium for a whole file, the real system serving the
// built page (fresh DB, hand-moved clock), a browser context per user, axe on every page visited
// and a screenshot of each (zh and en) under test/web/screenshots/.
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestSystem, type Sys } from '../api/client.ts';
import { ensureWebBuild } from './build.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = path.resolve(import.meta.dirname, 'screenshots');
export const hasChromium = existsSync(CHROMIUM);

/** On a failed test, what each open page showed: test/web/screenshots/FAILED-*.png. */
export async function shootFailures(w: World | undefined, title: string) {
  for (const [i, p] of (w?.browser.contexts().flatMap((c) => c.pages()) ?? []).entries())
    await p.screenshot({ path: path.join(SHOTS, `FAILED-${title.replace(/\W+/g, '-').slice(0, 40)}-${i}.png`), fullPage: true }).catch(() => undefined);
}

export type World = { s: Sys; browser: Browser; as(login: string, opts?: { width?: number; lang?: 'zh' | 'en' }): Promise<Page>; cleanup(): Promise<void> };

/** Signs in through the page when the demo user has a password (the session routes), else by Bearer token. */
export async function world(): Promise<World> {
  ensureWebBuild();
  mkdirSync(SHOTS, { recursive: true });
  const s = await startTestSystem();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'] });
  const contexts: BrowserContext[] = [];
  return {
    s, browser,
    async as(login, { width = 1280, lang = 'zh' } = {}) {
      const password = (s.demo!.users[login] as { password?: string }).password;
      const ctx = await browser.newContext({
        viewport: { width, height: width < 600 ? 800 : 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true,
        ...(password ? {} : { extraHTTPHeaders: { authorization: `Bearer ${s.token(login)}` } }),
      });
      contexts.push(ctx);
      await ctx.addInitScript((l) => localStorage.setItem('uw.lang', l), lang);
      const page = await ctx.newPage();
      page.on('pageerror', (e) => console.log(`    [page error, ${login}] ${e.message}`));
      await page.goto(s.url + '/');
      if (password) await signIn(page, login, password);
      return page;
    },
    async cleanup() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await s.cleanup();
    },
  };
}

export async function signIn(page: Page, login: string, password: string) {
  await page.getByLabel(/登录名|Login name/).fill(login);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
}

/** axe on the page as it stands: no serious or critical violation. */
export async function accessible(page: Page, what: string) {
  // A dialog zooming in, a message fading in or a button just hovered is between its colours: it fails
  // the contrast check at random. The pointer moves off, and the page's finite animations and
  // transitions are let finish first (spinners loop forever).
  await page.mouse.move(0, 0);
  await page.evaluate(() => Promise.race([
    Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))),
    new Promise((r) => setTimeout(r, 2000)),
  ]));
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), `axe on ${what}`).to.deep.equal([]);
}

/** A screenshot (and the axe check) of the page as it stands, named e.g. inbox-zh.png. */
export async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  // accessible() lets transitions finish. (Turning them off instead leaves antd's dropdowns waiting
  // for a transitionend that never comes.)
  await accessible(page, name);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The same page in the other language: the switch clicked, a screenshot, and back. */
export async function shotBoth(page: Page, name: string) {
  await shot(page, `${name}-zh`);
  await page.getByRole('button', { name: /Language|语言/ }).first().click();
  await shot(page, `${name}-en`);
  await page.getByRole('button', { name: /Language|语言/ }).first().click();
}
