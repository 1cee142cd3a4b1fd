// P6 in the browser: a chair's exit approved on its case page by the parent union opens the
// by-election, which the case page links, the parent union finds in its inbox tagged 督办
// (supervising) and the chair's union finds there as its task; the renew-or-exit list shows a
// contract ending with its decision. axe on every page, zh and en.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { insertPerson } from '../../db/people.ts';
import { open, send, stateIs } from './actions.ts';
import { hasChromium, shootFailures, shot, shotBoth, world, type World } from './harness.ts';

describe('web: a chair\'s exit opens the by-election; the renew-or-exit list', function () {
  this.timeout(120_000);
  this.bail(true);
  let w: World;
  let exitId = '';
  before(async function () {
    if (!hasChromium) { console.log('    (skipped: /usr/bin/chromium is not installed — apt-get install chromium fonts-noto-cjk)'); return this.skip(); }
    w = await world();
  });
  afterEach(async function () { if (this.currentTest?.state === 'failed') await shootFailures(w, this.currentTest.title); });
  after(async () => w?.cleanup());
  async function signedIn(login: string): Promise<Page> {
    const page = await w.as(login);
    await page.getByRole('heading', { name: '待办' }).waitFor();
    return page;
  }
  const guomao = () => w.s.demo!.orgs.guomao.id;
  const person = (name: string, details: Record<string, unknown>) => insertPerson(w.s.knex, {
    org_id: guomao(), name, identity_id: null, kind: 'cadre', status: 'in_post', start_date: '2021-03-01', end_date: null,
    details: JSON.stringify(details), source_instance_id: null, created_at: '2021-03-01T00:00:00Z',
  });

  it('the parent union approves a chair\'s exit on its case page: the by-election opens, linked, with its three months', async () => {
    const chair = await person('钱主席', { role: 'chair' });
    const started = await w.s.call('POST', `/api/workflows/worker-exit/instances?org=${guomao()}`, 'chaoyang.hr', { personId: chair, reason: 'resignation' });
    expect(started.status).to.equal(201);
    exitId = started.body.id;
    await w.s.call('POST', `/api/instances/${exitId}/events`, 'guomao.requester', { type: 'CONFIRM', exitDate: '2026-03-01' });

    const approver = await signedIn('jianwai.approver');
    await approver.getByRole('link', { name: /人员退出：钱主席/ }).first().click(); // the exit waits on them
    await stateIs(approver, '上一级工会审批');
    await shotBoth(approver, 'exit-case-approval');
    await open(approver, 'APPROVE');
    await approver.locator('#ev-APPROVE_actingChair').fill('赵副主席');
    await send(approver);
    await stateIs(approver, '办理交接');
    const link = approver.getByRole('link', { name: /主席补选：原主席 钱主席.*2026-06-01/ });
    await link.waitFor(); // the linked by-election, its deadline three months from the exit date
    await shotBoth(approver, 'exit-case-handover');
    await link.click();
    await stateIs(approver, '提名候选人');
    await approver.locator('li').filter({ hasText: '主席补选期限' }).first().waitFor();
    await shotBoth(approver, 'exit-by-election');
    await approver.goto(`${w.s.url}/deadlines`);
    await approver.getByLabel('时间范围').click(); // the three months end beyond the default 30 days
    await approver.locator('.ant-select-item-option').filter({ hasText: '365 天内' }).click();
    await approver.getByRole('link', { name: /主席补选：原主席 钱主席/ }).first().waitFor(); // the parent union follows its deadline
  });

  const byElectionRow = (page: Page) => page.locator('tr').filter({ has: page.getByRole('link', { name: /主席补选：原主席 钱主席/ }) });

  it('the by-election appears in the parent union\'s inbox, tagged 督办 / Supervising, with its three months', async () => {
    const approver = await signedIn('jianwai.approver');
    await byElectionRow(approver).filter({ hasText: '督办' }).filter({ hasText: '2026-06-01' }).waitFor();
    await shot(approver, 'inbox-supervising-zh');
    await approver.getByRole('button', { name: /Language|语言/ }).first().click();
    await byElectionRow(approver).filter({ hasText: 'Supervising' }).waitFor();
    await shot(approver, 'inbox-supervising-en');
  });

  it('the chair\'s union finds the by-election in its inbox and closes the exit with the handover checklist', async () => {
    const requester = await signedIn('guomao.requester');
    await byElectionRow(requester).first().waitFor();
    expect(await byElectionRow(requester).filter({ hasText: '督办' }).count()).to.equal(0); // its own move: a task, not supervised
    await requester.goto(`${w.s.url}/cases/${exitId}`);
    await stateIs(requester, '办理交接');
    await open(requester, 'HANDOVER_DONE');
    for (const f of ['work', 'files', 'assets', 'accounts', 'pay', 'audit']) await requester.locator(`#ev-HANDOVER_DONE_${f}`).check();
    await send(requester);
    await stateIs(requester, '已退出');
    await shotBoth(requester, 'exit-case-exited');
    expect((await w.s.knex('people').where({ name: '钱主席' }).first()).status).to.equal('exited');
  });

  it('the renew-or-exit list shows a contract ending within 60 days with its decision', async () => {
    await person('孙干事', { contract: { from: '2023-05-01', to: '2026-04-30' } });
    await w.s.scheduler.tick(); // the daily sweep opens the decision
    const hr = await signedIn('chaoyang.hr');
    await hr.getByRole('link', { name: '续签或退出' }).click();
    const row = hr.locator('tr').filter({ hasText: '孙干事' });
    await row.filter({ hasText: '2026-04-30' }).filter({ hasText: '待决定续签或退出' }).waitFor();
    await shotBoth(hr, 'contracts-list');
  });
});
