// P4 in the browser: a chair vacancy reported, then every step taken on the case page's action
// forms — nominate, the parent union agrees, publicity runs out on the hand-moved clock, the vote,
// the report, the parent union's approval — until the case shows the new chair recorded.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { open, pick, pickDate, send, stateIs } from './actions.ts';
import { hasChromium, shootFailures, shot, shotBoth, world, type World } from './harness.ts';

const P4 = '/api/workflows/chair-by-election/instances';
const vacancy = { vacancyDate: '2026-02-10', reason: 'transferred', actingChair: '赵副主席', previousChair: '钱主席' };

describe('web: P4 chair by-election driven through its case page to the recorded chair', function () {
  this.timeout(120_000);
  this.bail(true);
  let w: World;
  let requester: Page, approver: Page;
  let caseUrl = '';
  before(async function () {
    if (!hasChromium) { console.log('    (skipped: /usr/bin/chromium is not installed — apt-get install chromium fonts-noto-cjk)'); return this.skip(); }
    w = await world();
  });
  afterEach(async function () { if (this.currentTest?.state === 'failed') await shootFailures(w, this.currentTest.title); });
  after(async () => w?.cleanup());
  /** A fresh context signed in through the page, on its inbox. */
  async function signedIn(login: string) {
    const page = await w.as(login);
    await page.getByRole('heading', { name: '待办' }).waitFor();
    return page;
  }

  it('the union reports the vacancy and nominates a candidate on the case page', async () => {
    // The start form is driven in the page by the P1 story; here the vacancy comes in by the API.
    const started = await w.s.call('POST', P4, 'guomao.requester', vacancy);
    expect(started.status).to.equal(201);
    requester = await signedIn('guomao.requester');
    caseUrl = `${w.s.url}/cases/${started.body.id}`;
    await requester.goto(caseUrl);
    await stateIs(requester, '提名候选人');
    await shotBoth(requester, 'p4-case-nomination');
    await open(requester, 'NOMINATE'); // minItems 1: the first candidate's fields are there
    await requester.locator('#ev-NOMINATE_candidates_0_name').fill('孙敏');
    await requester.locator('#ev-NOMINATE_candidates_0_currentPost').fill('工会副主席');
    await requester.locator('#ev-NOMINATE_candidates_0_partyMember').check();
    await shot(requester, 'p4-nominate-form-zh');
    await send(requester);
    await stateIs(requester, '上一级工会审查候选人');
  });

  it('the parent union agrees to the candidate; publicity runs out on the clock', async () => {
    approver = await signedIn('jianwai.approver');
    await approver.getByRole('link', { name: /主席补选/ }).first().waitFor(); // the case waits on them
    await approver.goto(caseUrl);
    await stateIs(approver, '上一级工会审查候选人');
    await open(approver, 'APPROVE_CANDIDATE');
    await approver.locator('#ev-APPROVE_CANDIDATE_partyAgreement').check();
    await approver.locator('#ev-APPROVE_CANDIDATE_partyOrganisation').fill('北京国贸物业管理有限公司党支部');
    await pickDate(approver, 'ev-APPROVE_CANDIDATE_partyAgreedOn', '2026-03-02');
    await send(approver);
    await stateIs(approver, '候选人公示');
    // Publicity ends Monday 2026-03-09: seven calendar days, five working days.
    await approver.locator('li').filter({ hasText: '候选人公示期满' }).filter({ hasText: '剩 5 个工作日' }).waitFor();
    await shot(approver, 'p4-case-publicity-zh');
    w.s.clock.set('2026-03-09T16:00:01Z'); // seven days of publicity end
    await w.s.scheduler.tick();
    w.s.clock.set('2026-03-12T06:00:00Z');
  });

  it('the union records the vote and reports the result', async () => {
    requester = await signedIn('guomao.requester'); // ten days on the clock: the old session has expired
    await requester.goto(caseUrl);
    await stateIs(requester, '待召开选举');
    await open(requester, 'ELECTION_HELD');
    await pickDate(requester, 'ev-ELECTION_HELD_date', '2026-03-12');
    await pick(requester, 'ev-ELECTION_HELD_electingBody', /^会员代表大会$/);
    await requester.locator('#ev-ELECTION_HELD_entitled').fill('90');
    await requester.locator('#ev-ELECTION_HELD_present').fill('70');
    await requester.locator('#ev-ELECTION_HELD_votes').fill('61');
    await shot(requester, 'p4-election-form-zh');
    await send(requester);
    await stateIs(requester, '已当选，待报上一级工会');
    await open(requester, 'REPORT_RESULT');
    await pickDate(requester, 'ev-REPORT_RESULT_startDate', '2026-03-12');
    await send(requester);
    await stateIs(requester, '上一级工会审批选举结果');
  });

  it('the parent union approves the result: the case shows the new chair recorded, the chain verified', async () => {
    approver = await signedIn('jianwai.approver');
    await approver.goto(caseUrl);
    await stateIs(approver, '上一级工会审批选举结果');
    await open(approver, 'APPROVE_RESULT');
    await send(approver);
    await stateIs(approver, '新任主席已登记');
    await approver.locator('[data-state="chairRecorded"][data-current]').waitFor();
    await approver.locator('[data-testid="chain"]').filter({ hasText: '记录链已核验' }).waitFor();
    expect(await approver.locator('button[data-event]').count()).to.equal(0); // a final state: nothing left to do
    expect(await approver.getByText('孙敏').count()).to.be.greaterThan(0);
    await shotBoth(approver, 'p4-case-chair-recorded');
  });
});
