// The recruitment board in a browser (issue 10 item 5): HR imports a file through the wizard, sees
// the bad row named (row, column, message), fixes it, uploads again and commits; then on a
// campaign's board selects applicants and qualifies them in bulk — a selection with one applicant
// who cannot be qualified is refused whole, that row named — and sees the columns' counts change.
// Row events from the board too: disqualify several with one reason, mark absent, record the checks
// failed with a reason for one and passed for the others (a selection with one not in the checks
// refused whole, named), each one campaign event. The ranking and the funnel tabs; axe on every
// page, screenshots in zh and en.
import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { applicant, closeRegistration, openRound, send } from '../api/p2-round.ts';
import { badCheck, idNo, PEOPLE_HEADER, utf8Csv } from '../sheets/files.ts';
import { hasChromium, shootFailures, shot, shotBoth, world, type World } from './harness.ts';
import { refusedInForm, tick } from './actions.ts';

const HR = 'chaoyang.hr';

describe('web: recruitment board and import wizard', function () {
  this.timeout(90_000);
  let w: World;
  let page: Page;
  let id: string;
  let second: { id: string; key: Record<string, string> }; // a round with 3 places on A and one invited per place: several in the checks
  const dir = mkdtempSync(path.join(tmpdir(), 'uw-board-'));
  const file = (name: string, rows: unknown[][]) => { const p = path.join(dir, name); writeFileSync(p, utf8Csv(rows, true)); return p; };
  const count = (stage: string) => page.getByTestId(`count-${stage}`).innerText();

  before(async function () {
    if (!hasChromium) this.skip();
    w = await world();
    const r = await openRound(w.s, [1, 2, 3, 4].map((n) => applicant('A', n, n === 2 ? { certificates: ['social_worker'] } : {})).concat([applicant('B', 1)]));
    id = r.id;
    second = await openRound(w.s, [11, 12, 13, 14].map((n) => applicant('A', n)).concat([applicant('B', 11), applicant('B', 12)]), { placesA: 3, terms: { interviewRatio: 1 } });
    await closeRegistration(w.s);
    await send(w.s, id, { type: 'DISQUALIFY', rows: [{ applicant: r.key.A报考人3, reason: '学历不符 / education below the requirement' }] });
    page = await w.as(HR);
    await page.getByRole('navigation').first().waitFor(); // signed in before the first goto
  });
  afterEach(async function () { if (this.currentTest?.state === 'failed') await shootFailures(w, this.currentTest.title); });
  after(() => w?.cleanup());

  it('HR imports a file: a bad row is named with its row, column and message, nothing imported; the fixed file is committed', async () => {
    await page.goto(`${w.s.url}/imports?back=/cases/${id}/board`);
    await page.getByRole('heading', { name: '导入' }).waitFor();
    const row = (n: number, id18 = idNo(n)) => ['专职工会社会工作者', '建外街道总工会', `导入${n}`, id18, '社会工作者', '2026-03-01'];
    await page.getByTestId('import-file').setInputFiles(file('bad.csv', [PEOPLE_HEADER, row(801), row(802, badCheck(idNo(802)))]));
    const errors = page.getByTestId('row-errors');
    await errors.getByText(/公民身份号码/).first().waitFor();
    expect(await errors.locator('tbody tr').count()).to.equal(1);
    const cells = await errors.locator('tbody tr').first().locator('td').allInnerTexts();
    expect(cells[0]).to.equal('3'); // the header is row 1
    expect(cells[1]).to.match(/^D/);
    await page.getByText(/一行也不导入/).waitFor();
    await shotBoth(page, 'import-errors');
    expect(await w.s.knex('people').where({ name: '导入801' }).first()).to.equal(undefined);

    await page.getByTestId('import-file').setInputFiles(file('fixed.csv', [PEOPLE_HEADER, row(801), row(802)]));
    await page.getByTestId('import-commit').click();
    await page.getByRole('status').getByText('已导入 2 行').waitFor();
    await shotBoth(page, 'import-done');
    expect(await w.s.knex('people').whereIn('name', ['导入801', '导入802']).count({ n: '*' }).first().then((r: any) => Number(r.n))).to.equal(2);
  });

  it('HR opens the board from the campaign\'s page, a selection with a refused row changes nothing and names it, then qualifies two in bulk and the counts move', async () => {
    await page.goto(`${w.s.url}/cases/${id}`);
    await page.getByTestId('board-link').click();
    await page.getByRole('heading', { name: /招录看板/ }).waitFor();
    await page.locator('[data-card="A报考人1"]').waitFor();
    expect([await count('registered'), await count('qualified'), await count('disqualified')]).to.deep.equal(['4', '0', '1']);
    await shotBoth(page, 'board');

    for (const n of ['A报考人1', 'A报考人2', 'A报考人3']) await page.getByLabel(`选择 ${n}`).check();
    await page.locator('[data-bulk="QUALIFY"]').click();
    const refused = page.getByTestId('refused-row');
    await refused.first().waitFor();
    expect(await refused.allInnerTexts()).to.have.length(1);
    expect(await refused.first().innerText()).to.match(/A报考人3/);
    expect(await count('registered')).to.equal('4');

    await page.getByLabel('选择 A报考人3').uncheck();
    await page.locator('[data-bulk="QUALIFY"]').click();
    await page.getByRole('status').getByText(/已对 2 人办理/).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="count-qualified"]')?.textContent === '2');
    expect([await count('registered'), await count('qualified')]).to.deep.equal(['2', '2']);
    await page.locator('[data-stage="qualified"] [data-card="A报考人2"]').waitFor();
    const kids = await w.s.knex('instances').where({ parent_id: id, state: 'qualified' }).count({ n: '*' }).first();
    expect(Number((kids as any).n)).to.equal(2);

    // Filters: with a certificate, only A报考人2 is left on the board.
    await page.getByLabel('职业资格证书').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '有职业资格证书' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="board-total"]')?.textContent === '共 1 人');
    await page.locator('[data-card="A报考人2"]').waitFor();
    expect(await page.locator('[data-card="A报考人1"]').count()).to.equal(0);
  });

  it('shows the ranking per post with its tie-break and the funnel as a chart, and a card\'s timeline with the campaign\'s events', async () => {
    await page.goto(`${w.s.url}/cases/${id}/board`);
    await page.getByRole('tab', { name: '排名' }).click();
    await page.getByTestId('tie-break').getByText(/笔试成绩（含加分）/).waitFor();
    await page.getByRole('cell', { name: 'A报考人1' }).waitFor();
    await shotBoth(page, 'board-ranking');
    await page.getByRole('tab', { name: '漏斗' }).click();
    await page.getByTestId('funnel').waitFor();
    expect(await page.getByTestId('funnel').locator('rect').count()).to.be.greaterThan(5);
    await shotBoth(page, 'board-funnel');
    await page.getByRole('tab', { name: '看板' }).click();
    await page.locator('[data-card="A报考人1"]').getByRole('button').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('资格审查通过').first().waitFor();
    await drawer.getByText('上级事项').first().waitFor();
    await shot(page, 'board-timeline-zh'); // the drawer covers the language switch
  });

  const select = async (names: string[], on = true) => { for (const n of names) await page.getByLabel(`选择 ${n}`, { exact: true })[on ? 'check' : 'uncheck'](); };
  const waitCount = (stage: string, n: number) => page.waitForFunction(([s, v]) => document.querySelector(`[data-testid="count-${s}"]`)?.textContent === v, [stage, String(n)] as const);

  it('HR disqualifies two applicants from the board with one reason asked once: one campaign event, a row each, the counts move', async () => {
    await page.goto(`${w.s.url}/cases/${id}/board`);
    await page.locator('[data-card="A报考人4"]').waitFor();
    await select(['A报考人4', 'B报考人1']);
    await page.locator('[data-bulk="DISQUALIFY"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/将对所选 2 人同样填写/).waitFor();
    await dialog.getByLabel('不通过理由').fill('报名材料不全 / papers missing');
    await shot(page, 'board-row-event-zh'); // the dialog covers the language switch
    await dialog.getByRole('button', { name: '资格审查不通过' }).click();
    await page.getByRole('status').getByText(/已对 2 人办理「资格审查不通过」/).waitFor();
    await waitCount('disqualified', 3);
    expect([await count('registered'), await count('qualified')]).to.deep.equal(['0', '2']);
    const rows = await w.s.knex('history').where({ instance_id: id, type: 'DISQUALIFY' }).orderBy('seq');
    expect(JSON.parse(rows.at(-1).payload).rows.map((r: any) => r.reason)).to.deep.equal(['报名材料不全 / papers missing', '报名材料不全 / papers missing']);
  });

  it('HR marks one absent from the written exam, then records the checks from the board: failed with a reason for one, passed for the others; a selection with one not in the checks is refused whole and that row named', async () => {
    const k = second.key;
    const sendTo = (body: Record<string, unknown>) => send(w.s, second.id, body);
    await sendTo({ type: 'QUALIFY', applicants: [k.A报考人11, k.A报考人12, k.A报考人13, k.B报考人11, k.B报考人12] });
    await sendTo({ type: 'DISQUALIFY', rows: [{ applicant: k.A报考人14, reason: '学历不符 / education below the requirement' }] });
    await sendTo({ type: 'SCHEDULE_WRITTEN', time: '2026-03-21T01:00:00Z', place: '朝阳区职工服务中心' });
    await page.goto(`${w.s.url}/cases/${second.id}/board`);
    await page.locator('[data-card="B报考人11"]').waitFor();
    await select(['B报考人11']);
    await page.locator('[data-bulk="ABSENT_WRITTEN"]').click(); // nothing to ask: sent at once
    await page.getByRole('status').getByText(/已对 1 人办理「标记笔试缺考」/).waitFor();
    await waitCount('out', 1);
    expect((await w.s.knex('instances').where({ correlation_key: k.B报考人11 }).first()).state).to.equal('absent');

    await sendTo({ type: 'RECORD_WRITTEN', rows: [['A报考人11', 80], ['A报考人12', 75], ['A报考人13', 70], ['B报考人12', 65]].map(([n, score]) => ({ applicant: k[n], score })) });
    await sendTo({ type: 'SCHEDULE_INTERVIEW', time: '2026-03-28T01:00:00Z', place: '朝阳区职工服务中心' });
    await sendTo({ type: 'RECORD_INTERVIEW', rows: ['A报考人11', 'A报考人12', 'A报考人13', 'B报考人12'].map((n) => ({ applicant: k[n], score: 80 })) });
    await sendTo({ type: 'CLOSE_INTERVIEW' });
    await page.reload();
    await waitCount('checks', 4);

    const dialog = page.getByRole('dialog');
    await select(['A报考人11']);
    await page.locator('[data-bulk="RECORD_CHECKS"]').click();
    // Passed starts unticked: without a reason the form says so, and nothing is sent.
    await refusedInForm(page, dialog.getByRole('button', { name: '录入体检考察结果' }), dialog.getByText("应当有必需属性 '未通过理由'"));
    expect(await dialog.getByText(/then/).count(), 'the condition itself is not a message').to.equal(0);
    expect(await count('checks')).to.equal('4');
    await dialog.getByLabel('未通过理由').fill('体检不合格 / failed the physical');
    await dialog.getByRole('button', { name: '录入体检考察结果' }).click();
    await page.getByRole('status').getByText(/已对 1 人办理/).waitFor();
    await waitCount('checks', 3);
    expect(await count('out')).to.equal('2');

    await select(['A报考人12', 'A报考人13', 'B报考人12', 'A报考人14']);
    await page.locator('[data-bulk="RECORD_CHECKS"]').click();
    await tick(dialog.getByLabel('体检考察通过'));
    await dialog.getByRole('button', { name: '录入体检考察结果' }).click();
    const refused = dialog.getByTestId('refused-row');
    await refused.first().waitFor();
    expect(await refused.allInnerTexts()).to.have.length(1);
    expect(await refused.first().innerText()).to.match(/A报考人14/);
    await shot(page, 'board-row-refused-zh');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await w.s.knex('instances').where({ parent_id: second.id, state: 'checksPassed' }).count({ n: '*' }).first().then((r: any) => Number(r.n))).to.equal(0);

    await select(['A报考人14'], false);
    await page.locator('[data-bulk="RECORD_CHECKS"]').click();
    await tick(dialog.getByLabel('体检考察通过'));
    await dialog.getByRole('button', { name: '录入体检考察结果' }).click();
    await page.getByRole('status').getByText(/已对 3 人办理/).waitFor();
    const states = Object.fromEntries((await w.s.knex('instances').where({ parent_id: second.id })).map((r: any) => [r.correlation_key, r.state]));
    expect(['A报考人11', 'A报考人12', 'A报考人13', 'B报考人12'].map((n) => states[k[n]])).to.deep.equal(['checksFailed', 'checksPassed', 'checksPassed', 'checksPassed']);
    const checks = await w.s.knex('history').where({ instance_id: second.id, type: 'RECORD_CHECKS' }).orderBy('seq');
    expect(checks.map((h: any) => JSON.parse(h.payload).rows.length)).to.deep.equal([1, 3]); // one event each time, a row per applicant
    await page.locator('[data-stage="checks"] [data-card="A报考人12"]').getByText(/通过/).waitFor();
  });
});
