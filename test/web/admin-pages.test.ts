// The deadline, register and administration pages in a browser: what an admin does there, what a
// non-admin may not, an overdue deadline in red, the register with masked ID numbers; axe on
// every page and a screenshot of each in zh and en.
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { insertPerson } from '../../db/people.ts';
import { claimDueMail, markFailed } from '../../db/outbox.ts';
import { identityFor } from '../../workflows/engine/identities.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { submittedRequest } from '../api/client.ts';
import path from 'node:path';
import { accessible as axe, hasChromium, shootFailures, SHOTS, world, type World } from './harness.ts';

type Lang = 'zh' | 'en';
type Browsing = { sys: World['s']; browser: World['browser']; w: World };
/** A signed-in page of `login` (the shell harness's sign-in) opened at `path`. */
async function pageAs(b: Browsing, login: string, to: string, o: { lang?: Lang; width?: number } = {}) {
  const page = await b.w.as(login, o);
  await page.getByRole('navigation').first().waitFor();
  await page.goto(b.sys.url + to);
  return page;
}
const accessible = (page: Page) => axe(page, page.url());
const screenshot = (page: Page, name: string, lang: Lang) => page.screenshot({ path: path.join(SHOTS, `${name}-${lang}.png`), fullPage: true }).then(() => undefined);

const DAY = 86_400_000;
/** A two-character Chinese button's name: antd puts a space between the characters (保 存). */
const cjk2 = (w: string) => new RegExp(`^${w[0]}\\s?${w[1]}$`);
/** Chooses an option of a searchable antd Select by typing its label (the list is virtual: not all options are in the DOM). */
async function choose(page: Page, select: Locator, label: string) {
  await select.click();
  await page.keyboard.type(label);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

describe('web: deadlines, register and administration pages', function () {
  this.timeout(60_000);
  let b: Browsing;
  let caseId: string;
  let personId: number;
  before(async function () {
    if (!hasChromium) this.skip();
    const w = await world();
    b = { sys: w.s, browser: w.browser, w };
    caseId = await submittedRequest(b.sys); // waits on 建外's approver, with a mail to them
    // One person in the register, as a finished hire would enter them (the ID number encrypted, masked beside).
    const now = b.sys.clock.now();
    personId = await insertPerson(b.sys.knex, {
      org_id: b.sys.demo!.orgs.guomao.id, name: '钱晓燕', identity_id: await identityFor(b.sys.knex, DEV_PERSONAL_DATA, '11010519491231002X', now),
      kind: 'purchased_service_staff', status: 'in_post', start_date: '2026-01-05', end_date: null, details: '{}', source_instance_id: caseId, created_at: now.toISOString(),
    });
  });
  afterEach(async function () { if (this.currentTest?.state === 'failed') await shootFailures(b?.w, this.currentTest.title); });
  after(() => b?.w.cleanup());

  describe('管理 Administration', () => {
    it('an admin adds a union below another, and it appears in the tree', async () => {
      const page = await pageAs(b, 'admin', '/admin/orgs');
      await page.getByRole('tree').getByText('建外街道总工会', { exact: true }).click();
      const form = page.getByRole('form', { name: '在「建外街道总工会」下添加工会' });
      await choose(page, form.getByLabel('组织类型'), '基层工会');
      await form.getByLabel('名称').fill('建外测试科技有限公司工会');
      await form.getByLabel('会员数').fill('88');
      await form.getByRole('button', { name: '添加下级工会' }).click();
      await page.getByRole('tree').getByText('建外测试科技有限公司工会').waitFor();
      const made = (await b.sys.knex('orgs').where({ name: '建外测试科技有限公司工会' }).first())!;
      expect(made).to.include({ parent_id: b.sys.demo!.orgs.jianwai.id, kind: 'grassroots_union', members: 88 });
      await accessible(page);
      await page.context().close();
    });

    it('an admin adds a user with a one-time initial password, resets it, and the user must change it at first sign-in', async function () {
      // The admin's user routes (initial and reset passwords) may not be merged yet: skip until they are served.
      if (!(await b.sys.call('GET', '/api/openapi.json', 'admin')).body.paths['/api/users/{id}/password']) this.skip();
      const page = await pageAs(b, 'admin', '/admin/users');
      await page.getByRole('button', { name: '添加用户' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('姓名').fill('周敏（建外测试）');
      await dialog.getByLabel('登录名').fill('jianwai.zhou');
      await choose(page, dialog.getByLabel('工会'), '建外街道总工会');
      await dialog.getByLabel('一次性初始密码').fill('Initial-pass-2026');
      await dialog.getByRole('button', { name: '添加用户' }).click();
      const shown = page.getByRole('dialog', { name: '已添加用户 周敏（建外测试）' });
      await shown.getByText('Initial-pass-2026').waitFor();
      await accessible(page);
      await shown.getByRole('button', { name: '已记下' }).click();

      await page.getByRole('button', { name: '重置密码 周敏（建外测试）' }).click();
      await page.getByRole('dialog').getByLabel('一次性初始密码').fill('Reset-pass-2026x');
      await page.getByRole('dialog').getByRole('button', { name: '重置密码' }).click();
      await page.getByRole('dialog', { name: '已重置 周敏（建外测试） 的密码' }).getByText('Reset-pass-2026x').waitFor();
      await page.context().close();

      const user = await b.browser.newContext({ locale: 'zh-CN' }).then((c) => c.newPage());
      await user.goto(`${b.sys.url}/`);
      await user.getByLabel('登录名').fill('jianwai.zhou');
      await user.getByLabel('密码').fill('Reset-pass-2026x');
      await user.getByRole('button', { name: cjk2('登录') }).click();
      await user.getByText('首次登录请修改初始密码').waitFor();
      await user.getByLabel('当前密码').fill('Reset-pass-2026x');
      await user.getByLabel('新密码', { exact: true }).fill('Mine-own-pass-77');
      await user.getByLabel('再次输入新密码').fill('Mine-own-pass-77');
      await user.getByRole('button', { name: cjk2('保存') }).click();
      await user.getByRole('navigation').getByText('待办').waitFor();
      await user.context().close();
    });

    it('the root admin changes a setting with a reason and sees the change in the history', async () => {
      const hour = ((await b.sys.call('GET', '/api/settings', 'admin')).body.items as { key: string; title: { zh: string }; value: number }[])
        .find((x) => x.title.zh.startsWith('提醒邮件发出的时刻'))!;
      const page = await pageAs(b, 'admin', '/admin/settings');
      await page.getByRole('button', { name: `修改 ${hour.title.zh}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('取值').fill('8');
      await dialog.getByRole('button', { name: cjk2('保存') }).click();
      await dialog.getByText('请填写修改理由（记入历史）').waitFor(); // no reason, no change
      await dialog.getByLabel('修改理由').fill('市总办公室要求提前到 8 点');
      await dialog.getByRole('button', { name: cjk2('保存') }).click();
      const row = page.getByRole('row').filter({ hasText: '市总办公室要求提前到 8 点' });
      await row.waitFor();
      expect(await row.innerText()).to.include(`${hour.value} → 8`);
      expect((await b.sys.call('GET', '/api/settings', 'admin')).body.items.find((x: { key: string }) => x.key === hour.key).value).to.equal(8);
      await page.context().close();
    });

    it('the root admin enters a holiday of the coming year; it is listed', async () => {
      const page = await pageAs(b, 'admin', '/admin/calendar');
      const form = page.locator('form#override');
      await form.getByLabel('日期').fill('2027-02-09');
      await form.getByLabel('日期').press('Enter');
      await form.getByLabel('类型').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="放假"]').click();
      await form.getByLabel('说明').fill('春节');
      await form.getByRole('button', { name: cjk2('录入') }).click();
      await page.getByRole('row').filter({ hasText: '2027-02-09' }).filter({ hasText: '春节' }).waitFor();
      expect(await b.sys.knex('calendar_overrides').where({ date: '2027-02-09' }).first()).to.include({ kind: 'holiday', note: '春节' });
      await page.context().close();
    });

    it('an admin sees a failed mail with its error and sends it again', async () => {
      const now = b.sys.clock.now().getTime();
      const [mail] = (await claimDueMail(b.sys.knex, { now, limit: 10, leaseUntil: now + 60_000 })).filter((m) => m.instance_id === caseId && m.to_email);
      await markFailed(b.sys.knex, Number(mail.id), { attempts: 5, error: '550 邮箱不存在 / mailbox unavailable', retryAt: null });
      const page = await pageAs(b, 'admin', '/admin/outbox');
      const row = page.getByRole('row').filter({ hasText: '550 邮箱不存在' });
      await row.getByRole('button', { name: /^重发/ }).click();
      await page.getByText('已重新排队发送').waitFor();
      expect((await b.sys.knex('outbox').where({ id: mail.id }).first())!.status).to.equal('pending');
      await page.context().close();
    });

    it('an admin runs the audit-chain check over the subtree', async () => {
      const page = await pageAs(b, 'admin', '/admin/audit');
      await page.getByRole('button', { name: '开始核验' }).click();
      await page.getByText(/已核验 \d+ 个事项，记录链全部完整/).waitFor();
      await page.context().close();
    });

    it('a non-admin has no 管理 in the menu, and its direct URL says 无权访问', async () => {
      const page = await pageAs(b, 'chaoyang.hr', '/admin/users');
      await page.getByText('无权访问').waitFor();
      expect(await page.getByRole('navigation').getByText('管理').count()).to.equal(0);
      await accessible(page);
      await page.context().close();
    });
  });

  describe('人员 Register', () => {
    it('finds a person by name, the ID number masked in the list and on the record', async () => {
      const page = await pageAs(b, 'chaoyang.viewer', '/people');
      await page.getByLabel('姓名').fill('晓燕');
      const row = page.getByRole('row').filter({ hasText: '钱晓燕' });
      expect(await row.innerText()).to.include('1101**********002X');
      await row.getByRole('link', { name: '钱晓燕' }).click();
      await page.getByRole('heading', { name: '钱晓燕' }).waitFor();
      const text = await page.locator('main.uw-page').innerText();
      expect(text).to.include('1101**********002X').and.not.include('11010519491231002X');
      expect(await page.getByRole('link', { name: '查看' }).getAttribute('href')).to.equal(`/cases/${caseId}`);
      await accessible(page);
      await page.context().close();
    });
  });

  describe('期限 Deadlines', () => {
    it('lists the coming deadline with days left, then, once it has passed, among the overdue in red with its clause and case', async () => {
      const row = (page: Page) => page.getByRole('row').filter({ has: page.locator(`a[href="/cases/${caseId}"]`) }).first();
      const before = await pageAs(b, 'jianwai.approver', '/deadlines');
      expect(await row(before).innerText()).to.match(/剩 \d+ 个工作日/);
      await before.context().close();
      b.sys.clock.advance(40 * DAY); // a new page after the jump: the session's idle time runs on the same clock
      const page = await pageAs(b, 'jianwai.approver', '/deadlines');
      await page.getByText('已逾期', { exact: true }).click();
      const late = row(page).locator('.uw-overdue');
      expect(await late.innerText()).to.match(/逾期 \d+ 天/);
      expect(await late.evaluate((e) => getComputedStyle(e).color)).to.equal('rgb(185, 28, 28)');
      expect(await row(page).innerText()).to.include('§');
      await accessible(page);
      await page.context().close();
    });
  });

  describe('screenshots (zh and en) with axe on each page', () => {
    const shots: [string, string, string][] = [
      ['deadlines', 'jianwai.approver', '/deadlines'], ['people', 'chaoyang.viewer', '/people'], ['admin-orgs', 'admin', '/admin/orgs'],
      ['admin-users', 'admin', '/admin/users'], ['admin-settings', 'admin', '/admin/settings'], ['admin-calendar', 'admin', '/admin/calendar'],
      ['admin-outbox', 'admin', '/admin/outbox'], ['admin-audit', 'admin', '/admin/audit'], ['admin-no-access', 'chaoyang.hr', '/admin'],
    ];
    for (const lang of ['zh', 'en'] as Lang[])
      it(`every page in ${lang}, and at 375 px wide without its content scrolling sideways`, async function () {
        this.timeout(180_000);
        for (const [name, login, path] of [...shots, ['person', 'chaoyang.viewer', `/people/${personId}`]]) {
          for (const width of [1280, 375]) {
            const page = await pageAs(b, login, path, { lang, width });
            await page.locator('main h2, main .ant-result-title').first().waitFor();
            await page.waitForLoadState('networkidle');
            if (width === 375) {
              // The page's own content (the shell's header is the shell's): wide tables scroll inside their box.
              expect(await page.locator('main.uw-page').evaluate((e) => e.scrollWidth - e.clientWidth), `${name} at 375 px`).to.equal(0);
              if (lang === 'zh') await screenshot(page, `${name}-375`, lang);
            } else {
              await accessible(page);
              await screenshot(page, name, lang);
            }
            await page.context().close();
          }
        }
      });
  });
});
