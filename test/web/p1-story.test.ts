// P1 in the browser, as a grassroots union and its parent union live it: start, a wrong field
// refused on the field, submit, return with a comment, resubmit, approve, the written approval.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { act, fillP1, stateIs } from './actions.ts';
import { hasChromium, shootFailures, shot, shotBoth, world, type World } from './harness.ts';

describe('web: P1 request → return → resubmit → approve in the browser, the approval printed and as PDF', function () {
  this.timeout(120_000);
  this.bail(true); // each step builds on the one before
  let w: World;
  let requester: Page, approver: Page;
  let caseUrl = '';
  before(async function () {
    if (!hasChromium) { console.log('    (skipped: /usr/bin/chromium is not installed — apt-get install chromium fonts-noto-cjk)'); return this.skip(); }
    w = await world();
  });
  afterEach(async function () { if (this.currentTest?.state === 'failed') await shootFailures(w, this.currentTest.title); });
  after(async () => w?.cleanup());

  it('the requester fills the P1 form (a wrong field shows its error on the field), starts and submits it', async () => {
    requester = await w.as('guomao.requester');
    await requester.getByRole('heading', { name: '待办' }).waitFor();
    await shotBoth(requester, 'inbox-requester');
    await requester.getByRole('menuitem', { name: '发起', exact: true }).click();
    await requester.getByRole('link', { name: '购买服务聘用审批' }).click();
    await fillP1(requester, '   '); // blank: the schema's pattern \S refuses it
    await requester.getByRole('button', { name: '发起申请' }).click();
    const err = requester.locator('.ant-form-item').filter({ has: requester.locator('#start_posts_0_title') }).last().locator('.ant-form-item-explain-error');
    await err.waitFor();
    expect(await err.textContent()).to.match(/不能为空/);
    await shotBoth(requester, 'start-p1-field-error');
    await requester.locator('#start_posts_0_title').fill('社会工作者');
    await requester.getByRole('button', { name: '发起申请' }).click();
    await requester.waitForURL(/\/cases\//);
    caseUrl = requester.url();
    await stateIs(requester, '草稿');
    await act(requester, 'SUBMIT');
    await stateIs(requester, '待上一级工会审批');
    await shotBoth(requester, 'case-submitted');
  });

  it('the parent union\'s approver finds it in the inbox and returns it with a comment', async () => {
    approver = await w.as('jianwai.approver');
    await approver.getByRole('link', { name: /社会工作者×2/ }).click();
    await stateIs(approver, '待上一级工会审批');
    await approver.locator('[data-state="submitted"][data-current]').waitFor();
    await act(approver, 'RETURN', { comment: '请补充经费测算' });
    await stateIs(approver, '退回修改');
    expect(await approver.getByText('请补充经费测算').count()).to.be.greaterThan(0);
  });

  it('the requester resubmits; the approver approves; the written approval opens with its number', async () => {
    await requester.goto(caseUrl);
    await stateIs(requester, '退回修改');
    await act(requester, 'RESUBMIT', { note: '已补充经费测算' });
    await stateIs(requester, '待上一级工会审批');
    await approver.goto(caseUrl);
    await act(approver, 'APPROVE', { conditions: '依法签订劳动合同' });
    await stateIs(approver, '已批准');
    await approver.locator('[data-testid="chain"]').filter({ hasText: '记录链已核验' }).waitFor();
    await shotBoth(approver, 'case-approved');
    const [doc] = await Promise.all([approver.context().waitForEvent('page'), approver.getByRole('link', { name: '打印页' }).click()]);
    await doc.waitForLoadState();
    expect(await doc.textContent('body')).to.include('建外工批〔2026〕1号').and.include('北京国贸物业管理有限公司工会');
    await doc.screenshot({ path: `${(await import('./harness.ts')).SHOTS}/document-approval.png`, fullPage: true });
    await doc.close();
  });

  it('the written approval\'s PDF downloads from the case page, its Chinese number and union extractable', async () => {
    const [download] = await Promise.all([approver.waitForEvent('download'), approver.getByRole('button', { name: '下载 PDF' }).first().click()]);
    expect(download.suggestedFilename()).to.match(/\.pdf$/);
    const file = path.join(tmpdir(), `uw-approval-${process.pid}.pdf`);
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    rmSync(file);
    expect(text.replace(/\s+/g, '')).to.include('建外工批〔2026〕1号').and.include('北京国贸物业管理有限公司工会');
  });

  it('my requests and handled list the case', async () => {
    await requester.getByRole('menuitem', { name: '我发起的', exact: true }).click();
    await requester.getByRole('heading', { name: '我发起的' }).waitFor();
    await shotBoth(requester, 'started');
    await approver.getByRole('menuitem', { name: '已办', exact: true }).click();
    await approver.getByRole('heading', { name: '已办' }).waitFor();
    await shotBoth(approver, 'acted');
  });
});
