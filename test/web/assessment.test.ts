// P5 in the browser: an HR user of 朝阳 runs a small assessment round on its campaign page — opens
// it (the roster from the register), uploads the score sheet (preview, then import), decides the
// grades in the table with the one 优秀 place — and after publicity and the review window on the
// hand-moved clock every member case shows its grade confirmed. axe and screenshots zh/en.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { xlsxOf } from '../sheets/files.ts';
import { hasChromium, shootFailures, shot, shotBoth, world, type World } from './harness.ts';

describe('web: an HR user confirms an assessment round on its campaign page', function () {
  this.timeout(120_000);
  this.bail(true);
  let w: World;
  let hr: Page;
  let id = '';
  const people: Record<string, number> = {};
  before(async function () {
    if (!hasChromium) { console.log('    (skipped: /usr/bin/chromium is not installed)'); return this.skip(); }
    w = await world();
    const units = ['jianwai-station', 'yonganli', 'guomao', 'jianwai', 'wangjing-tech'];
    for (const [i, key] of units.entries())
      await w.s.knex('people').insert({ org_id: w.s.demo!.orgs[key].id, name: `考核人${i + 1}`, identity_id: null, kind: 'social_worker', status: 'in_post', start_date: '2020-01-01', end_date: null, details: '{}', source_instance_id: null, created_at: '2020-01-01T00:00:00Z' });
    for (const p of await w.s.knex('people').select('id', 'name')) people[p.name] = p.id;
    const started = await w.s.call('POST', '/api/workflows/annual-assessment/instances', 'chaoyang.hr', { year: 2025, deadline: '2026-03-31' });
    expect(started.status).to.equal(201);
    id = started.body.id;
  });
  afterEach(async function () { if (this.currentTest?.state === 'failed') await shootFailures(w, this.currentTest.title); });
  after(async () => w?.cleanup());

  it('opens the round and imports the score sheet through the page', async () => {
    hr = await w.as('chaoyang.hr');
    await hr.getByRole('link', { name: '年度考核' }).click();
    await hr.getByRole('link', { name: /2025 年度考核/ }).click();
    await hr.getByRole('button', { name: /开始考核/ }).click();
    await hr.getByText('已生成考核名单').waitFor();
    await hr.getByRole('cell', { name: '考核人5' }).first().waitFor();
    const sheet = await xlsxOf([['考核年度', '人员编号', '姓名', '政治素质', '工作业绩', '工作态度', '述职摘要'],
      ...[1, 2, 3, 4, 5].map((n) => [2025, people[`考核人${n}`], `考核人${n}`, n === 1 ? 96 : 82, n === 1 ? 95 : 80, 88, '全年完成职工服务工作'])]);
    await hr.getByLabel(/选择评分表/).setInputFiles({ name: '评分表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: sheet });
    await hr.getByText('共 5 行，检查无误').waitFor();
    await hr.getByRole('button', { name: '确认导入' }).click();
    await hr.getByText('评分已导入').waitFor();
    await hr.getByRole('button', { name: /确定这 5 人的等次/ }).waitFor();
    await shotBoth(hr, 'p5-campaign-scored');
  });

  it('decides the grades in the table: the one 优秀 place taken, a second refused with the reason', async () => {
    await hr.getByLabel('等次 考核人2').click();
    await hr.locator('.ant-select-dropdown:visible .ant-select-item-option[title="优秀"]').click();
    await hr.getByRole('button', { name: /确定这 5 人的等次/ }).click();
    await hr.getByText(/优秀名额不足/).waitFor();
    await hr.getByLabel('等次 考核人2').click();
    await hr.locator('.ant-select-dropdown:visible .ant-select-item-option[title="称职"]').click();
    await hr.getByRole('button', { name: /确定这 5 人的等次/ }).click();
    await hr.getByText('等次已确定').waitFor();
    await hr.getByText('已用 1 / 共 1，剩余 0（不超过 20%，向下取整）').waitFor();
    await shot(hr, 'p5-campaign-decided-zh');
  });

  it('after publicity and the review window every member case is confirmed, its grade in the register', async () => {
    w.s.clock.advance(10 * 86_400_000); // the 优秀 publicity (5 working days) ends; the others' review window runs
    await w.s.scheduler.tick();
    w.s.clock.advance(35 * 86_400_000); // every review window (30 days) is over
    await w.s.scheduler.tick();
    hr = await w.as('chaoyang.hr'); // 45 days on: the earlier sign-in has lapsed
    await hr.getByRole('navigation').first().waitFor();
    await hr.goto(`${w.s.url}/assessments/${id}`);
    await hr.getByRole('cell', { name: '考核人5' }).first().waitFor();
    const states = await hr.locator('tbody tr td:last-child').allTextContents();
    expect(states.filter((s) => s === '等次已确认')).to.have.length(5);
    const entries = await w.s.knex('person_records').where({ kind: 'assessment' });
    expect(entries).to.have.length(5);
    expect(await w.s.knex('person_records').where({ kind: 'commendation', person_id: people['考核人1'] })).to.have.length(1);
    await hr.getByRole('link', { name: '考核人1' }).click();
    await hr.getByText('等次已确认').first().waitFor();
    await shot(hr, 'p5-member-confirmed-zh');
  });
});
