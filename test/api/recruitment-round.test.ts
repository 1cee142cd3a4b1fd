// Issue 10 "How it is shown": a whole P2 round over HTTP the way HR works — 200 registrations
// imported from an .xlsx and from a GBK CSV (bad rows → nothing imported, every bad row named;
// fixed → all imported), qualification in bulk, written scores imported, invitations by rank,
// interview scores imported, checks, publicity closing by itself, hiring → people in the register
// at their posts, onboarding. A user of another district sees none of it. Plus the plan's posts
// must lie in the organiser's subtree.
import { expect } from 'chai';
import { csvText, gbk, idNo, badCheck, xlsxOf, XLSX } from '../sheets/files.ts';
import { otherDistrictHr } from '../sheets/http.ts';
import { databaseState, startTestSystem, type Sys } from './client.ts';
import { createLogger } from '../../server/logger.ts';

const P2 = '/api/workflows/recruitment-exam/instances';
const events = (id: string) => `/api/instances/${id}/events`;
const HR = 'chaoyang.hr';
const REG_HEADER = ['姓名', '公民身份号码', '报考岗位', '联系电话', '电子邮箱', '职业资格证书'];

describe('P2 round by spreadsheet over HTTP', function () {
  this.timeout(60_000);
  let s: Sys;
  let approverToken: string;
  before(async () => {
    s = await startTestSystem(process.env.DEBUG_LOG ? { log: createLogger('error') } : {}); // Mon 2026-03-02 10:00 Beijing
    approverToken = (await s.call('POST', '/api/users', 'admin', { name: '市总审批人', login: 'city.approver', email: 'city.approver@example.org.cn', orgId: s.demo!.orgs.city.id, roles: ['approver'] })).body.token;
  });
  after(async () => s.cleanup());

  const send = async (id: string, body: Record<string, unknown>, login = HR) => {
    const r = await s.call('POST', events(id), login, body);
    expect(r.status, `${body.type}: ${JSON.stringify(r.body).slice(0, 600)}`).to.equal(200);
    return r.body;
  };
  const posts = () => [
    { id: 'A', title: '社会工作者', unitId: s.demo!.orgs['jianwai-station'].id, unitName: '建外街道工会服务站', places: 2, kind: 'social_worker' },
    { id: 'B', title: '社区工会专职干事', unitId: s.demo!.orgs.yonganli.id, unitName: '永安里社区联合工会', places: 1, kind: 'community_officer' },
  ];
  async function openRound(title: string): Promise<string> {
    const created = await s.call('POST', P2, HR, { title, posts: posts() });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const id = created.body.id;
    await send(id, { type: 'SUBMIT_PLAN' });
    expect((await s.call('POST', events(id), null, { type: 'APPROVE_PLAN' }, { authorization: `Bearer ${approverToken}` })).status).to.equal(200);
    await send(id, { type: 'ANNOUNCE', registrationClosesAt: '2026-03-10T10:00:00.000Z' });
    await send(id, { type: 'OPEN_REGISTRATION' });
    return id;
  }
  async function upload(kind: string, caseId: string, bytes: Buffer, type = XLSX, token = s.token(HR)) {
    const res = await fetch(`${s.url}/api/imports?kind=${kind}&case=${caseId}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: new Uint8Array(bytes) });
    return { status: res.status, body: await res.json() as any };
  }
  const commit = (id: string) => s.call('POST', `/api/imports/${id}/commit`, HR);
  /** Each error as [row, column, which of the expected message beginnings it starts with (-1: none)]. */
  const named = (errors: any[], starts: string[]) => errors.map((e) => [e.row, e.column, starts.findIndex((t) => e.message.startsWith(t))]);
  const lastMail = async () => Number((await s.knex('outbox').max({ n: 'id' }).first())!.n ?? 0);
  const mailSince = async (since: number) => s.knex('outbox').where('id', '>', since).orderBy('id');
  const roster = async (id: string) => (await s.call('GET', `/api/instances/${id}`, HR)).body.context.roster as any[];

  it('refuses a plan whose post is at a union outside the organiser\'s subtree, at the start and when the plan is edited', async () => {
    const outside = { ...posts()[0], unitId: s.demo!.orgs['zgc-station'].id, unitName: '中关村街道工会服务站' };
    const start = await s.call('POST', P2, HR, { title: '越界的计划', posts: [posts()[1], outside] });
    expect(start.status).to.equal(422);
    expect(start.body.errors.map((e: any) => e.pointer)).to.deep.equal(['/posts/1/unitId']);
    const id = (await s.call('POST', P2, HR, { title: '朝阳区招录', posts: posts() })).body.id;
    const edit = await s.call('POST', events(id), HR, { type: 'UPDATE_PLAN', posts: [outside] });
    expect([edit.status, edit.body.errors?.[0]?.pointer]).to.deep.equal([422, '/posts/0/unitId']);
  });

  it('runs a round of 200 by spreadsheet: bad rows named and nothing imported, fixed files imported, scores by ID or registration number, publicity closing by itself, hires in the register at their posts; another district sees none of it', async () => {
    const id = await openRound('2026 年朝阳区社会工作者招录（表格）');
    const person = (n: number) => [`报考人${n}`, idNo(5000 + n), n % 2 ? 'A' : '社区工会专职干事', `1380000${String(n).padStart(4, '0')}`, n % 3 ? `p${n}@example.org.cn` : '', n % 10 === 1 ? '社会工作师' : ''];
    const first = Array.from({ length: 120 }, (_, i) => person(i + 1));
    const rest = Array.from({ length: 80 }, (_, i) => person(i + 121));

    // An .xlsx with four bad rows: a wrong check digit, a number repeated, a post the round lacks, an unknown certificate.
    const bad = first.map((r) => [...r]);
    bad[3][1] = badCheck(String(bad[3][1]));
    bad[7][1] = bad[2][1];
    bad[9][2] = 'C';
    bad[11][5] = '驾驶证';
    const before = await databaseState(s);
    const up = await upload('recruitment-registrations', id, await xlsxOf([REG_HEADER, ...bad]));
    expect(up.status, JSON.stringify(up.body).slice(0, 400)).to.equal(201);
    expect(up.body).to.deep.include({ status: 'invalid', rows: 120, target: id });
    expect(named(up.body.errors, ['公民身份号码校验码', '公民身份号码与第 4 行', '本次招录无岗位「C」', '不认识的证书「驾驶证」'])).to.deep.equal([[5, 'B', 0], [9, 'B', 1], [11, 'C', 2], [13, 'F', 3]]);
    const refused = await commit(up.body.id);
    expect(refused.status).to.equal(422);
    expect(refused.body.errors).to.have.length(4);
    expect(await databaseState(s), 'nothing imported').to.equal(before);

    // Fixed: all 120 registered in one step, ID numbers only masked in the campaign.
    const ok = await upload('recruitment-registrations', id, await xlsxOf([REG_HEADER, ...first]));
    expect([ok.body.status, ok.body.errors]).to.deep.equal(['preview', []]);
    const done = await commit(ok.body.id);
    expect([done.status, done.body.result]).to.deep.equal([200, { registered: 120 }]);
    let list = await roster(id);
    expect(list).to.have.length(120);
    expect(list.filter((e) => e.post === 'B')).to.have.length(60); // by the post's title
    const campaignRow = await s.knex('instances').where({ id }).first();
    expect(campaignRow.snapshot).to.not.include(idNo(5001));

    // A GBK CSV as Excel writes it: one number registered already, one score-less ... → named; fixed → the other 80.
    const gbkBad = rest.map((r) => [...r]);
    gbkBad[0][1] = idNo(5001);
    const csvBad = await upload('recruitment-registrations', id, gbk(csvText([REG_HEADER, ...gbkBad])), 'text/csv');
    expect(named(csvBad.body.errors, ['此人已报名本次招录'])).to.deep.equal([[2, 'B', 0]]);
    const csvOk = await upload('recruitment-registrations', id, gbk(csvText([REG_HEADER, ...rest])), 'text/csv');
    expect((await commit(csvOk.body.id)).body.result).to.deep.equal({ registered: 80 });
    list = await roster(id);
    expect(list).to.have.length(200);
    expect(list.find((e) => e.name === '报考人1').bonus).to.equal(20);

    // Another district: cannot import into it, does not see it.
    const haidian = await otherDistrictHr(s);
    const foreign = await upload('recruitment-registrations', id, await xlsxOf([REG_HEADER, person(999)]), XLSX, haidian);
    expect(foreign.status).to.equal(403);
    const theirs = await s.call('GET', '/api/instances?type=recruitment-exam', null, undefined, { authorization: `Bearer ${haidian}` });
    expect(theirs.body.items.map((i: any) => i.id)).to.not.include(id);

    // Registration closes by the clock; qualification in bulk.
    s.clock.set('2026-03-10T10:00:01Z');
    await s.scheduler.tick();
    const early = await upload('recruitment-written-scores', id, await xlsxOf([['报名序号', '笔试成绩'], [1, 80]]));
    expect(early.status, 'no scores before the written exam').to.equal(409);
    const out = list.filter((e) => e.seq === 199 || e.seq === 200);
    await send(id, { type: 'QUALIFY', applicants: list.filter((e) => !out.includes(e)).map((e) => e.key) });
    await send(id, { type: 'DISQUALIFY', rows: out.map((e) => ({ applicant: e.key, reason: '学历不符 / education' })) });
    await send(id, { type: 'SCHEDULE_WRITTEN', time: '2026-03-21T01:00:00Z', place: '朝阳区职工服务中心' });

    // Written scores: by registration number, two by ID number; distinct scores, one absent.
    const written = (seq: number) => 40 + ((seq * 7919) % 6000) / 100;
    const rows = list.filter((e) => !out.includes(e)).map((e) => (e.seq <= 2 ? ['', idNo(5000 + e.seq), e.name, written(e.seq), ''] : [e.seq, '', '', e.seq === 3 ? '' : written(e.seq), e.seq === 3 ? '缺考' : '']));
    const header = ['报名序号', '公民身份号码', '姓名', '笔试成绩', '缺考'];
    const wrong = rows.map((r) => [...r]);
    wrong[4][3] = 120; // out of range
    wrong[5][0] = 999; // no such registration
    wrong[6][0] = 199; // disqualified: not at the written exam
    wrong[1][2] = '别人'; // the name differs from the registration
    wrong.push([10, '', '', 71, '']); // the same applicant twice
    const wUp = await upload('recruitment-written-scores', id, await xlsxOf([header, ...wrong]));
    expect(named(wUp.body.errors, ['姓名与报名信息（报考人2）不符', '应当为 <= 100', '本次招录无报名序号 999', '报考人199 当前为「disqualified」', '同一报考人重复出现'])).to.deep.equal([
      [3, 'C', 0], [6, 'D', 1], [7, 'A', 2], [8, 'A', 3], [200, 'A', 4],
    ]);
    expect((await commit(wUp.body.id)).status).to.equal(422);
    const wOk = await upload('recruitment-written-scores', id, await xlsxOf([header, ...rows]));
    expect([wOk.body.status, wOk.body.errors]).to.deep.equal(['preview', []]);
    expect((await commit(wOk.body.id)).body.result).to.deep.equal({ scored: 197, absent: 1 });

    // Invitations by written rank per post (2 per place), then interview scores from a UTF-8 CSV with BOM.
    let mailFrom = await lastMail();
    await send(id, { type: 'SCHEDULE_INTERVIEW', time: '2026-03-28T01:00:00Z', place: '朝阳区总工会 305 会议室' });
    list = await roster(id);
    const invited = list.filter((e) => e.stage === 'invited');
    expect(invited.map((e) => e.post).sort()).to.deep.equal(['A', 'A', 'A', 'A', 'B', 'B']);
    const interviewMail = (await mailSince(mailFrom)).filter((m) => m.template === 'applicant_interview_invitation');
    expect(interviewMail.length).to.equal(invited.filter((e) => (e.seq % 3) !== 0).length);
    expect(interviewMail[0].body).to.include('2026-03-28T01:00:00Z').and.include('305 会议室');
    const iRows = invited.map((e, i) => [e.seq, e.name, 70 + i * 3]);
    const iUp = await upload('recruitment-interview-scores', id, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText([['报名序号', '姓名', '面试成绩'], ...iRows]))]), 'text/csv');
    expect([iUp.body.status, iUp.body.errors]).to.deep.equal(['preview', []]);
    expect((await commit(iUp.body.id)).body.result).to.deep.equal({ scored: 6, absent: 0 });

    // Ranked by total per post: the first places go to the checks, all pass, publicity closes by itself, hiring.
    await send(id, { type: 'CLOSE_INTERVIEW' });
    list = await roster(id);
    const chosen = list.filter((e) => e.stage === 'checks');
    expect(chosen.map((e) => e.post).sort()).to.deep.equal(['A', 'A', 'B']);
    await send(id, { type: 'RECORD_CHECKS', rows: chosen.map((e) => ({ applicant: e.key, passed: true })) });
    await send(id, { type: 'START_PUBLICITY' });
    mailFrom = await lastMail();
    s.clock.set('2026-03-18T16:00:01Z'); // the 7th calendar day after the start has ended (Beijing)
    await s.scheduler.tick();
    expect((await s.call('GET', `/api/instances/${id}`, HR)).body.state).to.equal('hiring');
    expect((await mailSince(mailFrom)).map((m) => [m.template, m.to_email])).to.deep.include(['publicity_ended', 'chaoyang.hr@example.org.cn']);
    await send(id, { type: 'HIRE', applicants: chosen.map((e) => e.key), startDate: '2026-04-01' });

    // In the register at their posts' units, onboarding, their numbers encrypted.
    const hired = await s.knex('people').whereIn('name', chosen.map((e) => e.name)).orderBy('name');
    const unitOf = { A: s.demo!.orgs['jianwai-station'].id, B: s.demo!.orgs.yonganli.id } as Record<string, number>;
    expect(hired.map((p) => [p.name, p.org_id, p.kind, p.status, p.start_date, JSON.parse(p.details).post])).to.deep.equal(
      [...chosen].sort((a, b) => a.name.localeCompare(b.name)).map((e) => [e.name, unitOf[e.post], e.post === 'A' ? 'social_worker' : 'community_officer', 'onboarding', '2026-04-01', e.post === 'A' ? '社会工作者' : '社区工会专职干事']));
    const identity = await s.knex('person_identities').where({ id: hired[0].identity_id }).first();
    expect(identity.encrypted).to.not.match(/\d{17}/);

    // Another district sees none of the hires either.
    const people = await s.call('GET', '/api/people?status=onboarding', null, undefined, { authorization: `Bearer ${haidian}` });
    expect(people.body.items.map((p: any) => p.name)).to.not.include.members(chosen.map((e) => e.name));
  });
});
