// Signing in and out in the browser: five wrong passwords lock the login and the page says until
// when; sign-out ends the session; a cookie write from a foreign Origin is refused.
import { expect } from 'chai';
import { P1 } from '../api/client.ts';
import { p1Request } from '../helpers.ts';
import { hasChromium, shootFailures, shotBoth, signIn, world, type World } from './harness.ts';

describe('web: sign-in, lock, sign-out and the Origin check', function () {
  this.timeout(120_000);
  let w: World;
  before(async function () {
    if (!hasChromium) { console.log('    (skipped: /usr/bin/chromium is not installed — apt-get install chromium fonts-noto-cjk)'); return this.skip(); }
    w = await world();
  });
  afterEach(async function () { if (this.currentTest?.state === 'failed') await shootFailures(w, this.currentTest.title); });
  after(async () => w?.cleanup());

  it('five wrong passwords lock the login, and the page says so', async () => {
    const ctx = await w.browser.newContext();
    const page = await ctx.newPage();
    await page.goto(w.s.url + '/');
    await shotBoth(page, 'sign-in');
    for (let i = 0; i < 5; i++) {
      await signIn(page, 'chaoyang.viewer', 'wrong-password');
      await page.getByRole('alert').waitFor();
    }
    await signIn(page, 'chaoyang.viewer', w.s.demo!.users['chaoyang.viewer'].password);
    await page.getByRole('alert').filter({ hasText: '已锁定' }).waitFor();
    await shotBoth(page, 'sign-in-locked');
    await ctx.close();
  });

  it('sign-out ends the session; a cookie POST from a foreign Origin is refused', async () => {
    const page = await w.as('guomao.requester');
    await page.getByRole('heading', { name: '待办' }).waitFor();
    const foreign = await page.context().request.post(w.s.url + P1, { data: p1Request(), headers: { origin: 'http://elsewhere.example' } });
    expect(foreign.status()).to.equal(403);
    expect((await page.context().request.get(w.s.url + '/api/session')).status()).to.equal(200);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    expect((await page.context().request.get(w.s.url + '/api/session')).status()).to.equal(401);
  });
});
