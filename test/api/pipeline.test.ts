// The board over HTTP (issue 10 item 5): counts per column and post, the funnel with time in each
// column from the history rows, an applicant's timeline with the campaign's events that moved it,
// filters in SQL, paging, and another district seeing none of it.
import { expect } from 'chai';
import { startTestSystem, type Sys } from './client.ts';
import { applicant, closeRegistration, HR, openRound, send } from './p2-round.ts';

describe('the recruitment board over HTTP', function () {
  this.timeout(30_000);
  let s: Sys;
  let id: string;
  let key: Record<string, string>;
  const board = (q = '', login = HR) => s.call('GET', `/api/instances/${id}/pipeline${q}`, login);
  const cards = async (q: string) => {
    const r = await s.call('GET', `/api/instances/${id}/pipeline/cards${q}`, HR);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body.items.map((c: any) => c.name);
  };

  before(async () => {
    s = await startTestSystem(); // Mon 2026-03-02 10:00 Beijing
    const people = [1, 2, 3, 4, 5].map((n) => applicant('A', n, n === 3 ? { certificates: ['social_worker'] } : {})).concat([1, 2, 3].map((n) => applicant('B', n)));
    ({ id, key } = await openRound(s, people));
    await closeRegistration(s);
    s.clock.set('2026-03-12T02:00:00Z');
    await send(s, id, { type: 'QUALIFY', applicants: [key.A报考人1, key.A报考人2, key.A报考人3] });
    await send(s, id, { type: 'DISQUALIFY', rows: [key.A报考人5, key.B报考人3].map((k) => ({ applicant: k, reason: '学历不符 / education below the requirement' })) });
    s.clock.set('2026-03-14T02:00:00Z');
    await send(s, id, { type: 'QUALIFY', applicants: [key.A报考人4, key.B报考人1, key.B报考人2] });
    await send(s, id, { type: 'SCHEDULE_WRITTEN', time: '2026-03-21T01:00:00Z', place: '朝阳区职工服务中心' });
    s.clock.set('2026-03-22T02:00:00Z');
    await send(s, id, { type: 'RECORD_WRITTEN', rows: [['A报考人1', 80], ['A报考人2', 75], ['A报考人3', 70], ['B报考人1', 85], ['B报考人2', 65]].map(([n, score]) => ({ applicant: key[n], score })).concat([{ applicant: key.A报考人4, absent: true } as any]) });
    s.clock.set('2026-03-25T02:00:00Z');
  });
  after(async () => s.cleanup());

  it('counts the applicants per column and per post, with the columns and bulk events the process declares', async () => {
    const r = await board();
    expect(r.status).to.equal(200);
    const counts = Object.fromEntries(r.body.stages.filter((x: any) => x.count).map((x: any) => [x.id, [x.count, x.byGroup]]));
    expect(counts).to.deep.equal({ writtenScored: [5, { A: 3, B: 2 }], disqualified: [2, { A: 1, B: 1 }], out: [1, { A: 1 }] });
    expect(r.body.total).to.equal(8);
    expect(r.body.groups).to.have.deep.members([{ id: 'A', label: '社会工作者', count: 5 }, { id: 'B', label: '社区工会专职干事', count: 3 }]);
    expect(r.body.stages.map((x: any) => x.id)).to.include.members(['registered', 'qualified', 'hired']);
    expect(r.body.stages.find((x: any) => x.id === 'out').final).to.equal(true);
    expect(r.body.actions.map((a: any) => a.event)).to.include.members(['QUALIFY', 'DISQUALIFY']);
    // The counts take the filters too.
    expect((await board('?has.certificates=true')).body.total).to.equal(1);
    expect((await board('?group=B')).body.total).to.equal(3);
  });

  it('publishes each bulk event the way the board sends it: row events with the row key, values fixed for every row, and the form of the fields asked once for all', async () => {
    const actions = Object.fromEntries((await board()).body.actions.map((a: any) => [a.id, a]));
    expect(Object.keys(actions)).to.have.members(['QUALIFY', 'DISQUALIFY', 'ABSENT_WRITTEN', 'ABSENT_INTERVIEW', 'RECORD_CHECKS', 'HIRE']);
    expect(actions.QUALIFY).to.deep.include({ event: 'QUALIFY', list: 'applicants', ask: [] });
    expect(actions.QUALIFY.item).to.equal(undefined);
    expect(actions.QUALIFY.form.properties).to.deep.equal({});
    expect(actions.DISQUALIFY).to.deep.include({ event: 'DISQUALIFY', list: 'rows', item: 'applicant', ask: ['reason'] });
    expect(actions.DISQUALIFY.form).to.deep.include({ required: ['reason'] });
    expect(actions.DISQUALIFY.form.properties.reason).to.deep.include({ title: '不通过理由', 'x-title-en': 'reason', maxLength: 500 });
    // Absent: a score event's row with `absent` fixed, nothing to ask, under its own name.
    expect(actions.ABSENT_WRITTEN).to.deep.include({ event: 'RECORD_WRITTEN', item: 'applicant', fixed: { absent: true }, ask: [], stages: ['qualified'] });
    expect(actions.ABSENT_WRITTEN.title.zh).to.match(/缺考/);
    expect(actions.ABSENT_INTERVIEW).to.deep.include({ event: 'RECORD_INTERVIEW', fixed: { absent: true }, stages: ['invited'] });
    // Checks: passed yes/no (no by default) and the reason, for every selected row.
    expect(actions.RECORD_CHECKS).to.deep.include({ event: 'RECORD_CHECKS', item: 'applicant', ask: ['passed', 'reason'], stages: ['checks'] });
    expect(actions.RECORD_CHECKS.form.required).to.deep.equal(['passed']);
    expect(actions.RECORD_CHECKS.form.properties.passed).to.deep.include({ type: 'boolean', default: false });
    expect(actions.HIRE).to.deep.include({ list: 'applicants', ask: ['startDate'] });
    expect(actions.HIRE.form.properties.startDate.format).to.equal('date');
  });

  it('gives the funnel: how many reached each column, how many are in it now, and the days spent there (median, max) from the history', async () => {
    const r = await s.call('GET', `/api/instances/${id}/pipeline/funnel`, HR);
    expect(r.status).to.equal(200);
    const f = Object.fromEntries(r.body.stages.map((x: any) => [x.id, x]));
    // Registered 2026-03-02; five decided on 03-12 (10 days), three on 03-14 (12 days).
    expect(f.registered).to.deep.include({ reached: 8, now: 0, days: { median: 10, max: 12, stays: 8 } });
    // Qualified 03-12 or 03-14, scored (or absent) 03-22: 10 and 8 days.
    expect(f.qualified).to.deep.include({ reached: 6, now: 0, days: { median: 9, max: 10, stays: 6 } });
    // Still there on 03-25: three days so far.
    expect(f.writtenScored).to.deep.include({ reached: 5, now: 5, days: { median: 3, max: 3, stays: 5 } });
    expect(f.disqualified).to.deep.include({ reached: 2, now: 2, days: null });
    expect(f.invited).to.deep.include({ reached: 0, now: 0, days: null });
    const b = Object.fromEntries((await s.call('GET', `/api/instances/${id}/pipeline/funnel?group=B`, HR)).body.stages.map((x: any) => [x.id, x.reached]));
    expect([b.registered, b.qualified, b.writtenScored]).to.deep.equal([3, 2, 2]);
  });

  it('filters by column, post, score range and certificate, pages, and ranks by the process\'s order', async () => {
    expect(await cards('?stage=writtenScored&group=A')).to.deep.equal(['A报考人1', 'A报考人2', 'A报考人3']);
    expect(await cards('?min.written=75')).to.deep.equal(['A报考人1', 'A报考人2', 'B报考人1']);
    expect(await cards('?min.writtenAdj=70&max.writtenAdj=80')).to.deep.equal(['A报考人1', 'A报考人2']);
    expect(await cards('?has.certificates=true')).to.deep.equal(['A报考人3']);
    expect(await cards('?has.certificates=false&stage=writtenScored')).to.deep.equal(['A报考人1', 'A报考人2', 'B报考人1', 'B报考人2']);
    // Ranking: by total, then written with the bonus (A3: 70 + 20), then the interview.
    expect(await cards('?stage=writtenScored&sort=ranking')).to.deep.equal(['A报考人3', 'B报考人1', 'A报考人1', 'A报考人2', 'B报考人2']);
    const first = await s.call('GET', `/api/instances/${id}/pipeline/cards?stage=writtenScored&limit=2`, HR);
    expect(first.body.items.map((c: any) => c.name)).to.deep.equal(['A报考人1', 'A报考人2']);
    const second = await s.call('GET', `/api/instances/${id}/pipeline/cards?stage=writtenScored&limit=2&cursor=${first.body.next}`, HR);
    expect(second.body.items.map((c: any) => c.name)).to.deep.equal(['A报考人3', 'B报考人1']);
    const card = first.body.items[0];
    expect(card).to.deep.include({ key: key.A报考人1, state: 'writtenScored', stage: 'writtenScored', group: 'A', groupLabel: '社会工作者' });
    expect(card.values).to.deep.include({ written: 80, writtenAdj: 80, certificates: 0, total: null });
    expect(card.stateTitle.zh).to.equal('已录笔试成绩');
    for (const q of ['?stage=nowhere', '?min.nothing=1', '?min.written=abc', '?has.certificates=maybe', '?sort=name', '?cursor=zzz'])
      expect((await s.call('GET', `/api/instances/${id}/pipeline/cards${q}`, HR)).status, q).to.equal(400);
  });

  it('shows an applicant\'s whole timeline: its own history and the campaign\'s events that moved it, cut to its own rows', async () => {
    const a1 = (await s.knex('instances').where({ correlation_key: key.A报考人1 }).first()).id;
    const r = await s.call('GET', `/api/instances/${a1}/timeline`, HR);
    expect(r.status).to.equal(200);
    expect(r.body.parentId).to.equal(id);
    expect(r.body.items.map((i: any) => `${i.source}:${i.type}`)).to.deep.equal([
      'parent:REGISTER', 'case:START', 'parent:QUALIFY', 'case:QUALIFY', 'parent:SCHEDULE_WRITTEN', 'case:EXAM_NOTICE', 'parent:RECORD_WRITTEN', 'case:WRITTEN_SCORE',
    ]);
    const byType = Object.fromEntries(r.body.items.filter((i: any) => i.source === 'parent').map((i: any) => [i.type, i]));
    expect(byType.QUALIFY.payload.applicants).to.deep.equal([key.A报考人1]); // not the other two qualified with it
    expect(byType.RECORD_WRITTEN.payload.rows).to.deep.equal([{ applicant: key.A报考人1, score: 80 }]);
    expect(byType.REGISTER.payload.applicants).to.deep.equal([]); // the other registrations are not this applicant's to see
    expect(byType.QUALIFY.title.zh).to.equal('资格审查通过');
    const a5 = (await s.knex('instances').where({ correlation_key: key.A报考人5 }).first()).id;
    const dq = (await s.call('GET', `/api/instances/${a5}/timeline`, HR)).body.items.find((i: any) => i.source === 'parent' && i.type === 'DISQUALIFY');
    expect(dq.payload.rows).to.deep.equal([{ applicant: key.A报考人5, reason: '学历不符 / education below the requirement' }]);
    expect(JSON.stringify(r.body)).to.not.match(/110105\d{11}[\dX]/); // ID numbers masked
  });

  it('shows nothing to a user of another district (403), and answers 404 for an unknown case or one without a board', async () => {
    const haidian = (await s.call('POST', '/api/users', 'admin', { name: '海淀人事', login: 'haidian.hr', email: 'haidian.hr@example.org.cn', orgId: s.demo!.orgs.haidian.id, roles: ['hr'] })).body.token;
    const a1 = (await s.knex('instances').where({ correlation_key: key.A报考人1 }).first()).id;
    for (const p of [`${id}/pipeline`, `${id}/pipeline/cards`, `${id}/pipeline/funnel`, `${a1}/timeline`, `${id}/timeline`]) {
      const r = await s.call('GET', `/api/instances/${p}`, null, undefined, { authorization: `Bearer ${haidian}` });
      expect(r.status, p).to.equal(403);
      expect(JSON.stringify(r.body)).to.not.include('报考人');
    }
    expect((await s.call('GET', '/api/instances/00000000-0000-4000-8000-000000000000/pipeline', HR)).status).to.equal(404);
    expect((await s.call('GET', `/api/instances/${a1}/pipeline`, HR)).status).to.equal(404);
  });

  it('publishes which process has a board (GET /api/workflows) and the import kinds the caller may use, with their columns', async () => {
    const wf = (await s.call('GET', '/api/workflows', HR)).body.items;
    expect(wf.find((w: any) => w.type === 'recruitment-exam').pipeline).to.deep.equal({ childType: 'recruitment-applicant' });
    expect(wf.find((w: any) => w.type === 'purchased-service-hire').pipeline).to.equal(null);
    const kinds = await s.call('GET', '/api/imports/kinds', HR);
    expect(kinds.status).to.equal(200);
    const people = kinds.body.items.find((k: any) => k.kind === 'people');
    expect(people.columns.find((c: any) => c.field === 'idNumber')).to.include({ required: true });
    expect((await s.call('GET', '/api/imports/kinds', 'guomao.requester')).body.items.map((k: any) => k.kind)).to.not.include('people');
  });
});
