// The register in a browser (R-realname §3.4, R-prejob §3.2.3): an HR user adds a person with a wrong
// check digit, sees the error on the ID field, fixes it, records 16 hours of pre-job training and
// sees the person 在岗; axe on every page, screenshots in zh and en.
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { hasChromium, shootFailures, shot, shotBoth, world, type World } from './harness.ts';

/** Chooses an option of a searchable antd Select by typing its label. */
async function choose(page: Page, select: Locator, label: string) {
  await select.click();
  await page.keyboard.type(label);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

describe('web: the register — add a person, fix the ID number, pre-job training to 在岗', function () {
  this.timeout(90_000);
  let w: World;
  before(async function () {
    if (!hasChromium) this.skip();
    w = await world();
  });
  afterEach(async function () { if (this.currentTest?.state === 'failed') await shootFailures(w, this.currentTest.title); });
  after(() => w?.cleanup());

  it('an HR user adds a person, sees the check-digit error on its field, fixes it, adds 16 h of training and sees 在岗', async () => {
    const good = withCheckDigit('11010519900307004');
    const wrong = `${good.slice(0, 17)}${good[17] === '1' ? '2' : '1'}`;
    const page = await w.as('chaoyang.hr');
    await page.getByRole('navigation').first().waitFor();
    await page.goto(`${w.s.url}/people`);
    await page.getByRole('link', { name: '新增人员' }).click();
    const form = page.getByRole('form', { name: '新增人员' });
    await form.getByLabel('姓名').fill('冯雪');
    await form.getByLabel('身份证号').fill(wrong);
    await choose(page, form.getByLabel('人员类别'), '专职工会社会工作者');
    await choose(page, form.getByLabel('工会'), '建外街道工会服务站');
    await form.getByLabel('岗位').fill('社会工作者');
    await form.getByLabel('到岗日期').fill('2026-03-02');
    await form.getByLabel('薪酬档次').fill('二档');
    await shotBoth(page, 'person-new');
    await form.getByRole('button', { name: /保\s?存/ }).click();
    await form.getByText(/校验码应为/).waitFor();
    expect(await w.s.knex('people').where({ name: '冯雪' })).to.have.length(0);
    await form.getByLabel('身份证号').fill(good);
    await form.getByRole('button', { name: /保\s?存/ }).click();
    await page.getByRole('heading', { name: '冯雪' }).waitFor();
    expect(await page.getByTestId('person-status').innerText()).to.equal('入职培训中');
    expect(await page.locator('main.uw-page').innerText()).to.include(good);

    for (const [course, hours, date] of [['岗前培训（一）', '8', '2026-03-05'], ['岗前培训（二）', '8', '2026-03-06']]) {
      await page.getByRole('button', { name: '添加培训记录' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('日期').fill(date);
      await dialog.getByLabel('课程').fill(course);
      await dialog.getByLabel('学时').fill(hours);
      await dialog.getByLabel('培训机构').fill('北京市总工会职工大学');
      if (course.endsWith('（一）')) await shot(page, 'person-training-zh'); // the language switch lies behind the dialog
      await dialog.getByRole('button', { name: /保\s?存/ }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    await page.getByTestId('person-status').getByText('在岗', { exact: true }).waitFor();
    const timeline = await page.locator('.ant-timeline').innerText();
    expect(timeline).to.include('入职培训中 → 在岗').and.include('R-prejob §3.2.3').and.include('岗前培训（二）');
    await shotBoth(page, 'person-record');

    await page.getByRole('link', { name: /编\s?辑/ }).click();
    const edit = page.getByRole('form', { name: '编辑人员信息' });
    expect(await edit.getByLabel('姓名').inputValue()).to.equal('冯雪');
    await edit.getByLabel('岗位').fill('驻站社会工作者');
    await edit.getByRole('button', { name: /保\s?存/ }).click();
    await page.getByRole('heading', { name: '冯雪' }).waitFor();
    expect(await page.locator('main.uw-page').innerText()).to.include('驻站社会工作者');
    await page.context().close();
  });
});
