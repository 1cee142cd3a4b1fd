// P3 in the browser, with no page code of its own: a district's HR starts a wage-instructor
// selection from its published start form, nominates a social worker on the case page, submits;
// the district's leadership approves; HR appoints — the case shows the appointee onboarding. axe on each page.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { insertPerson } from '../../db/people.ts';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { act, open, pick, pickDate, stateIs } from './actions.ts';
import { hasChromium, shootFailures, shot, shotBoth, world, type World } from './harness.ts';

describe('web: P3 wage-instructor selection started from its published form, approved and appointed', function () {
  this.timeout(120_000);
  this.bail(true);
  let w: World;
  let hr: Page;
  let caseUrl = '';
  let socialWorker = 0;
  before(async function () {
    if (!hasChromium) { console.log('    (skipped: /usr/bin/chromium is not installed — apt-get install chromium fonts-noto-cjk)'); return this.skip(); }
    w = await world();
    socialWorker = await insertPerson(w.s.knex, {
      org_id: w.s.demo!.orgs['jianwai-station'].id, name: '周一', identity_id: null, kind: 'social_worker', status: 'in_post', start_date: '2024-05-01',
      end_date: null, details: '{}', source_instance_id: null, created_at: '2024-05-01T00:00:00Z',
    });
  });
  afterEach(async function () { if (this.currentTest?.state === 'failed') await shootFailures(w, this.currentTest.title); });
  after(async () => w?.cleanup());

  it('HR starts the selection from the form the API publishes and nominates a social worker of a station', async () => {
    hr = await w.as('chaoyang.hr');
    await hr.getByRole('heading', { name: '待办' }).waitFor();
    await hr.getByRole('menuitem', { name: '发起', exact: true }).click();
    await hr.getByRole('link', { name: '工资集体协商指导员选聘' }).click();
    await pick(hr, 'start_pathway', /从专职工会社会工作者中选聘/);
    await hr.locator('#start_title').fill('2026 年朝阳区工资集体协商指导员选聘');
    await shotBoth(hr, 'p3-start-form');
    await hr.getByRole('button', { name: '发起申请' }).click();
    await hr.waitForURL(/\/cases\//);
    caseUrl = hr.url();
    await stateIs(hr, '提名');

    const station = w.s.demo!.orgs['jianwai-station'];
    const form = await open(hr, 'NOMINATE_SOCIAL_WORKER');
    await hr.locator('#ev-NOMINATE_SOCIAL_WORKER_socialWorkerId').fill(String(socialWorker));
    await hr.locator('#ev-NOMINATE_SOCIAL_WORKER_name').fill('周一');
    await hr.locator('#ev-NOMINATE_SOCIAL_WORKER_idNumber').fill(withCheckDigit('11010519800101011'));
    await hr.locator('#ev-NOMINATE_SOCIAL_WORKER_stationId').fill(String(station.id));
    await hr.locator('#ev-NOMINATE_SOCIAL_WORKER_stationName').fill(station.name);
    await shot(hr, 'p3-nominate-form-zh');
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached' }); // the case stays in nomination, one nominee more
    await hr.getByText(/提名 1 人/).first().waitFor();
    await act(hr, 'SUBMIT');
    await stateIs(hr, '待本级工会审批');
  });

  it('the district\'s leadership finds it in the inbox and approves; HR appoints, the appointee onboarding', async () => {
    const approver = await w.as('chaoyang.approver');
    await approver.getByRole('link', { name: /工资集体协商指导员选聘/ }).first().click();
    await stateIs(approver, '待本级工会审批');
    await shot(approver, 'p3-case-review-zh');
    await act(approver, 'APPROVE', { comment: '同意' });
    await stateIs(approver, '已批准，待任命');

    await hr.goto(caseUrl);
    await stateIs(hr, '已批准，待任命');
    await open(hr, 'APPOINT');
    await pickDate(hr, 'ev-APPOINT_startDate', '2026-03-16');
    const before = await hr.locator('[data-testid="state"]').textContent();
    await hr.getByRole('dialog').locator('button[type="submit"]').click();
    await hr.waitForFunction((b) => document.querySelector('[data-testid="state"]')?.textContent !== b, before);
    await stateIs(hr, '已任命（岗前培训中）');
    await shotBoth(hr, 'p3-case-appointed');
    const [p] = await w.s.knex('people').where({ kind: 'wage_instructor' });
    expect([p.name, p.status, p.start_date]).to.deep.equal(['周一', 'onboarding', '2026-03-16']);
  });
});
