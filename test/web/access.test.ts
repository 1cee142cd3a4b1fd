// Who sees what in the browser, and the phone: another district's user sees neither case and a
// direct link says "no access / 无权访问"; the parent union's approver approves at 375 px width.
import { expect } from 'chai';
import { p1Request } from '../helpers.ts';
import { P1 } from '../api/client.ts';
import { hasChromium, shootFailures, shot, shotBoth, world, type World } from './harness.ts';

const P4 = '/api/workflows/chair-by-election/instances';

describe('web: access across districts, and approving on a phone', function () {
  this.timeout(120_000);
  let w: World;
  let p1 = '', p4 = '';
  before(async function () {
    if (!hasChromium) { console.log('    (skipped: /usr/bin/chromium is not installed — apt-get install chromium fonts-noto-cjk)'); return this.skip(); }
    w = await world();
    p1 = (await w.s.call('POST', P1, 'guomao.requester', p1Request())).body.id;
    await w.s.call('POST', `/api/instances/${p1}/events`, 'guomao.requester', { type: 'SUBMIT' });
    p4 = (await w.s.call('POST', P4, 'guomao.requester', { vacancyDate: '2026-02-10', reason: 'transferred', actingChair: '赵副主席', previousChair: '钱主席' })).body.id;
  });
  afterEach(async function () { if (this.currentTest?.state === 'failed') await shootFailures(w, this.currentTest.title); });
  after(async () => w?.cleanup());

  it('a user of another district sees neither case, and a direct URL shows 无权访问 / No access', async () => {
    const other = await w.as('zgc.approver');
    await other.getByRole('heading', { name: '待办' }).waitFor();
    await other.waitForLoadState('networkidle');
    expect(await other.locator(`a[href="/cases/${p1}"], a[href="/cases/${p4}"]`).count()).to.equal(0);
    for (const id of [p1, p4]) {
      await other.goto(`${w.s.url}/cases/${id}`);
      await other.getByText('无权访问').waitFor();
    }
    await shotBoth(other, 'case-no-access');
    await other.getByRole('button', { name: /English/ }).click();
    await other.getByText('No access').waitFor();
  });

  it('at 375 px the approver finds the request in the inbox and approves it on its case page', async () => {
    const phone = await w.as('jianwai.approver', { width: 375 });
    await phone.locator(`a[href="/cases/${p1}"]`).waitFor();
    await shotBoth(phone, 'inbox-phone');
    await phone.locator(`a[href="/cases/${p1}"]`).click();
    await phone.locator('button[data-event="APPROVE"]').scrollIntoViewIfNeeded();
    await shotBoth(phone, 'case-phone');
    await phone.locator('button[data-event="APPROVE"]').click();
    await phone.getByRole('dialog').locator('#ev-APPROVE_conditions').fill('按月足额发放薪酬');
    await phone.getByRole('dialog').locator('button[type="submit"]').click();
    await phone.locator('[data-testid="state"]').filter({ hasText: '已批准' }).waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'no sideways scrolling of the whole page').to.be.at.most(375);
  });
});
