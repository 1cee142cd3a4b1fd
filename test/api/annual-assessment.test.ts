// P5 over HTTP (issue 11 item 2): a round over a small district — started, opened from the
// register, scores imported from .xlsx, grades decided with the 优秀 cap hit and refused — and bad
// input (negative scores, grades outside the scale: 4xx, nothing stored), another district seeing none of it.
import { expect } from 'chai';
import { otherDistrictHr } from '../sheets/http.ts';
import { XLSX, xlsxOf } from '../sheets/files.ts';
import { databaseState, startTestSystem, type Sys } from './client.ts';

const P5 = '/api/workflows/annual-assessment/instances';
const events = (id: string) => `/api/instances/${id}/events`;
const HR = 'chaoyang.hr';
const HEADER = ['考核年度', '人员编号', '姓名', '政治素质', '工作业绩', '工作态度', '述职摘要'];

describe('P5 annual assessment over HTTP', function () {
  this.timeout(30_000);
  let s: Sys;
  const people: Record<string, number> = {};
  beforeEach(async () => {
    s = await startTestSystem({ clock: undefined });
    s.clock.set('2026-12-01T02:00:00Z');
    const orgs = ['jianwai-station', 'yonganli', 'guomao', 'jianwai', 'wangjing-tech', 'cy-centre'];
    for (const [i, key] of orgs.entries())
      await s.knex('people').insert({ org_id: s.demo!.orgs[key].id, name: `工作者${i + 1}`, identity_id: null, kind: i === 2 ? 'cadre' : 'social_worker', status: 'in_post', start_date: '2021-01-01', end_date: null, details: '{}', source_instance_id: null, created_at: '2021-01-01T00:00:00Z' });
    await s.knex('people').insert({ org_id: s.demo!.orgs.zgc.id, name: '海淀人员', identity_id: null, kind: 'social_worker', status: 'in_post', start_date: '2021-01-01', end_date: null, details: '{}', source_instance_id: null, created_at: '2021-01-01T00:00:00Z' });
    for (const p of await s.knex('people').select('id', 'name')) people[p.name] = p.id;
  });
  afterEach(async () => s.cleanup());

  const send = async (id: string, body: Record<string, unknown>) => {
    const r = await s.call('POST', events(id), HR, body);
    expect(r.status, `${body.type}: ${JSON.stringify(r.body).slice(0, 600)}`).to.equal(200);
    return r.body;
  };
  async function openRound(): Promise<string> {
    const r = await s.call('POST', P5, HR, { year: 2026, deadline: '2027-01-15' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    await send(r.body.id, { type: 'OPEN' });
    return r.body.id;
  }
  const upload = async (file: Buffer, login = HR) => {
    const res = await fetch(`${s.url}/api/imports?kind=assessment-scores`, { method: 'POST', headers: { authorization: `Bearer ${s.token(login)}`, 'content-type': XLSX }, body: new Uint8Array(file) });
    return { status: res.status, body: await res.json() };
  };
  const row = (n: number, score = 85) => [2026, people[`工作者${n}`], `工作者${n}`, score, score, score, '完成年度工作 / the year\'s work done'];

  it('runs a round: roster from the register, scores from .xlsx, 1 优秀 place of 6 taken and a second refused with the reason', async () => {
    const id = await openRound();
    const view = (await s.call('GET', `/api/instances/${id}`, HR)).body;
    expect(view.context.members.map((m: any) => m.name).sort()).to.deep.equal(['工作者1', '工作者2', '工作者3', '工作者4', '工作者5', '工作者6']);
    expect(view.children).to.have.length(6);
    expect((await s.call('POST', P5, HR, { year: 2026, deadline: '2027-01-20' })).status, 'one campaign per union and year').to.equal(409);

    const up = await upload(await xlsxOf([HEADER, ...[1, 2, 3, 4, 5, 6].map((n) => row(n, n === 1 ? 95 : 85))]));
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    expect(up.body).to.deep.include({ status: 'preview', rows: 6, errors: [] });
    const done = await s.call('POST', `/api/imports/${up.body.id}/commit`, HR);
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(done.body.result).to.deep.equal({ recorded: 6 });
    const scored = (await s.call('GET', `/api/instances/${id}`, HR)).body.context.members;
    expect(scored.find((m: any) => m.name === '工作者1')).to.include({ stage: 'scored', total: 95, proposed: 'excellent' });

    await send(id, { type: 'DECIDE', rows: [{ person: people['工作者1'], grade: 'excellent' }] });
    const before = await databaseState(s);
    const refused = await s.call('POST', events(id), HR, { type: 'DECIDE', rows: [{ person: people['工作者2'], grade: 'excellent' }] });
    expect(refused.status).to.equal(422);
    expect(refused.body.errors[0].message).to.include('优秀名额不足').and.include('1 名');
    expect(await databaseState(s)).to.equal(before);
    await send(id, { type: 'DECIDE', rows: [2, 3, 4, 5, 6].map((n) => ({ person: people[`工作者${n}`], grade: 'competent' })) });
    const member = (await s.knex('instances').where({ parent_id: id, correlation_key: `assessment:${s.demo!.orgs.chaoyang.id}:2026/${people['工作者1']}` }).first());
    expect(member.state).to.equal('publicity');
  });

  it('refuses negative scores and grades outside the scale, in the event and in the sheet: 4xx, nothing stored', async () => {
    const id = await openRound();
    const before = await databaseState(s);
    const negative = await s.call('POST', events(id), HR, { type: 'RECORD_SCORES', rows: [{ person: people['工作者1'], political: -5, performance: 80, attitude: 80, selfReport: '述职' }] });
    expect(negative.status).to.be.within(400, 499);
    const over = await s.call('POST', events(id), HR, { type: 'RECORD_SCORES', rows: [{ person: people['工作者1'], political: 101, performance: 80, attitude: 80, selfReport: '述职' }] });
    expect(over.status).to.be.within(400, 499);
    const outsider = await s.call('POST', events(id), HR, { type: 'RECORD_SCORES', rows: [{ person: people['海淀人员'], political: 80, performance: 80, attitude: 80, selfReport: '述职' }] });
    expect(outsider.status).to.equal(422);
    await send(id, { type: 'RECORD_SCORES', rows: [{ person: people['工作者1'], political: 80, performance: 80, attitude: 80, selfReport: '述职' }] });
    const mid = await databaseState(s);
    for (const grade of ['outstanding', '优秀', '', null]) {
      const r = await s.call('POST', events(id), HR, { type: 'DECIDE', rows: [{ person: people['工作者1'], grade }] });
      expect(r.status, String(grade)).to.be.within(400, 499);
    }
    expect(await databaseState(s)).to.equal(mid);
    expect(before).to.not.equal(mid);

    const up = await upload(await xlsxOf([HEADER, row(1), [2026, people['工作者2'], '工作者2', -1, 80, 80, ''], [2026, people['海淀人员'], '海淀人员', 80, 80, 80, '']]));
    expect(up.status).to.equal(201);
    expect(up.body.status).to.equal('invalid');
    expect(up.body.errors.map((e: any) => e.row)).to.deep.equal([3, 4]);
    const commit = await s.call('POST', `/api/imports/${up.body.id}/commit`, HR);
    expect(commit.status).to.equal(422);
    expect(await databaseState(s)).to.equal(mid);
  });

  it('shows another district none of it: not the campaign, not a member case, not in lists, and no import into it', async () => {
    const id = await openRound();
    const token = await otherDistrictHr(s);
    const as = (path: string) => s.call('GET', path, null, undefined, { authorization: `Bearer ${token}` });
    expect((await as(`/api/instances/${id}`)).status).to.be.oneOf([403, 404]);
    const member = (await s.knex('instances').where({ parent_id: id }).first()).id;
    expect((await as(`/api/instances/${member}`)).status).to.be.oneOf([403, 404]);
    expect((await as('/api/instances?type=annual-assessment')).body.items).to.deep.equal([]);
    expect((await as('/api/instances?type=assessment-member')).body.items).to.deep.equal([]);
    const res = await fetch(`${s.url}/api/imports?kind=assessment-scores`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX }, body: new Uint8Array(await xlsxOf([HEADER, row(1)])) });
    const body = await res.json();
    expect(body.status).to.equal('invalid'); // their union has no campaign: the row names it
    expect(body.errors[0].message).to.include('没有进行中的 2026 年度考核');
  });
});
