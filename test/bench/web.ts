// Section: the web page. The JavaScript the sign-in and the inbox load (gzip), as the browser
// fetched it, and the time from "sign in" to the inbox table's first rows with 1,000 open tasks
// (1,000 submitted P1 cases waiting on one approver), in headless Chromium on localhost, against
// the time to the sign-in page in the same run (the baseline: what a page costs with no data).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startTestSystem, submittedRequest } from '../api/client.ts';
import { CHROMIUM } from '../web/harness.ts';
import { ensureWebBuild } from '../web/build.ts';
import { median, round } from './stats.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';

const DIST = new URL('../../web/dist/', import.meta.url).pathname;
const APPROVER = 'jianwai.approver';

export const webSection: BenchSection = {
  id: 'web',
  title: { zh: '网页：首屏脚本与 1,000 条待办的收件箱', en: 'web page: initial JavaScript and the inbox with 1,000 open tasks' },
  budgetSeconds: 60,
  async run(ctx: BenchContext): Promise<SectionResult> {
    if (!existsSync(CHROMIUM)) return { metrics: [], notes: [`skipped: ${CHROMIUM} is not installed`] };
    ensureWebBuild();
    const s = await startTestSystem();
    const tasks = Math.max(50, Math.round(1000 * ctx.scale));
    try {
      ctx.progress(`${tasks} submitted P1 cases for ${APPROVER}`);
      for (let i = 0; i < tasks; i += 20) await Promise.all(Array.from({ length: Math.min(20, tasks - i) }, () => submittedRequest(s)));
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'] });
      const password = (s.demo!.users[APPROVER] as { password?: string }).password!;
      const signInMs: number[] = [], inboxMs: number[] = [];
      let scripts = new Set<string>();
      try {
        for (let round = 0; round < 3; round++) {
          const context = await browser.newContext({ locale: 'zh-CN' }); // cold: no cache, no session
          const page = await context.newPage();
          const loaded = new Set<string>();
          page.on('response', (r) => { const u = new URL(r.url()); if (u.pathname.endsWith('.js')) loaded.add(u.pathname); });
          let t0 = performance.now();
          await page.goto(s.url + '/');
          await page.getByLabel('登录名').waitFor();
          signInMs.push(performance.now() - t0);
          await page.getByLabel('登录名').fill(APPROVER);
          await page.getByLabel(/^密码$/).fill(password);
          t0 = performance.now();
          await page.getByRole('button', { name: /登\s*录/ }).click();
          await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
          inboxMs.push(performance.now() - t0);
          scripts = loaded;
          await context.close();
        }
      } finally { await browser.close(); }
      const sizes = [...scripts].map((p) => readFileSync(join(DIST, p)));
      const gzip = sizes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
      const raw = sizes.reduce((n, b) => n + b.length, 0);
      const base = median(signInMs) ?? NaN, inbox = median(inboxMs) ?? NaN;
      return {
        metrics: [
          { key: 'web.initialJsGzipKiB', zh: '登录与待办页脚本（gzip）', en: 'JS of sign-in + inbox (gzip)', value: round(gzip / 1024, 1), unit: 'KiB', digits: 1 },
          { key: 'web.signInPageMs', zh: '打开登录页（基线）', en: 'to the sign-in page (baseline)', value: round(base, 0), unit: 'ms' },
          { key: 'web.inboxMs', zh: `登录到待办首行（${tasks} 条）`, en: `sign-in to first inbox rows (${tasks} tasks)`, value: round(inbox, 0), unit: 'ms' },
          { key: 'web.inboxVsSignIn', zh: '待办 / 登录页', en: 'inbox / sign-in page', value: round(inbox / base, 2), unit: '×', digits: 2 },
        ],
        notes: [`${scripts.size} scripts, ${round(raw / 1024, 0)} KiB before gzip; median of 3 cold contexts (no cache)`],
        details: { scripts: [...scripts], signInMs, inboxMs, tasks },
      };
    } finally { await s.cleanup(); }
  },
};
