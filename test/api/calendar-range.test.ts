// Time the calendar does not know yet (issue 7 item 20): deadlines reaching past the known holiday
// schedule are provisional; entering the schedule recomputes them with a trace in each case's
// history; the health check warns ahead of time; only the city federation's admin edits the calendar.
import { expect } from 'chai';
import { pino } from 'pino';
import { startSystem } from '../../server/system.ts';
import { TestClock } from '../helpers.ts';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';

// Thu 2026-12-24, 10:00 Beijing. Working days after it: Fri 12-25 (1), 12-28..12-31 (2–5), then 2027.
const CHRISTMAS_EVE = '2026-12-24T02:00:00Z';

describe('deadlines beyond the known holiday calendar', () => {
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem({ clock: new TestClock(new Date(CHRISTMAS_EVE)) }); });
  afterEach(async () => s.cleanup());

  const byDecl = async (id: string) => {
    const inst = await s.call('GET', `/api/instances/${id}`, 'jianwai.approver');
    return Object.fromEntries(inst.body.deadlines.map((d: any, i: number) => [['reminder-1', 'reminder-2', 'answer-due'][i], d]));
  };

  it('a P1 request submitted on 2026-12-24 has a provisional answer deadline, in the case, in GET /api/deadlines and in the mail', async () => {
    const id = await submittedRequest(s);
    const d = await byDecl(id);
    expect(d['reminder-1']).to.include({ dueAt: '2026-12-31T01:00:00.000Z', provisional: false }); // day 5 lies in 2026
    expect(d['reminder-1']).to.not.have.property('note');
    expect(d['reminder-2']).to.include({ dueAt: '2027-01-05T01:00:00.000Z', provisional: true }); // counted as if 2027-01-01 were worked
    expect(d['answer-due']).to.include({ dueAt: '2027-01-07T16:00:00.000Z', provisional: true });
    expect(d['answer-due'].note.zh).to.include('2027 年节假日安排尚未公布或尚未录入');
    expect(d['answer-due'].note.en).to.include('holiday schedule for 2027 is not yet published or entered');

    const list = await s.call('GET', '/api/deadlines', 'jianwai.approver');
    expect(list.body.items.map((x: any) => [x.kind, x.provisional])).to.deep.equal([['reminder', false], ['reminder', true], ['escalation', true]]);
    expect(list.body.items[2].note).to.deep.equal(d['answer-due'].note);

    const [mail] = await s.knex('outbox').where({ instance_id: id, template: 'task_assigned' });
    expect(mail.body).to.include('2027-01-07 24:00').and.include('（暂定 / provisional）');
    expect(mail.body).to.include('2027 年节假日安排尚未公布或尚未录入').and.include('holiday schedule for 2027 is not yet published or entered');
  });

  it('entering the 2027 New Year holiday and marking 2027 complete moves the pending deadlines, each change in the case\'s history, chain intact', async () => {
    const id = await submittedRequest(s);
    const put = await s.call('PUT', '/api/calendar/overrides/2027-01-01', 'admin', { kind: 'holiday', note: '元旦' });
    expect(put.status, JSON.stringify(put.body)).to.equal(200);
    let d = await byDecl(id);
    expect(d['reminder-1']).to.include({ dueAt: '2026-12-31T01:00:00.000Z', provisional: false });
    expect(d['reminder-2']).to.include({ dueAt: '2027-01-06T01:00:00.000Z', provisional: true }); // one override is not the whole year
    expect(d['answer-due']).to.include({ dueAt: '2027-01-08T16:00:00.000Z', provisional: true });

    expect((await s.call('PUT', '/api/calendar/years/2027', 'admin', { complete: true })).status).to.equal(200);
    d = await byDecl(id);
    expect(d['reminder-2']).to.include({ dueAt: '2027-01-06T01:00:00.000Z', provisional: false });
    expect(d['answer-due']).to.include({ dueAt: '2027-01-08T16:00:00.000Z', provisional: false });
    expect((await s.call('GET', '/api/deadlines', 'jianwai.approver')).body.items.map((x: any) => x.provisional)).to.deep.equal([false, false, false]);

    const h = await s.call('GET', `/api/instances/${id}/history`, 'chaoyang.viewer');
    expect(h.body.chain.valid).to.equal(true);
    const recomputed = h.body.items.filter((x: any) => x.type === 'DEADLINE_RECOMPUTED');
    expect(recomputed.map((x: any) => [x.actorId, x.from, x.to])).to.deep.equal([['system', 'submitted', 'submitted'], ['system', 'submitted', 'submitted']]);
    expect(recomputed[0].payload.cause).to.include({ kind: 'override', date: '2027-01-01', change: 'put', overrideKind: 'holiday' });
    expect(recomputed[0].payload.deadlines.map((x: any) => [x.declId, x.oldDueAt, x.newDueAt, x.provisional])).to.deep.equal([
      ['answer-reminder-2', '2027-01-05T01:00:00.000Z', '2027-01-06T01:00:00.000Z', true],
      ['answer-due', '2027-01-07T16:00:00.000Z', '2027-01-08T16:00:00.000Z', true],
    ]);
    expect(recomputed[1].payload.cause).to.include({ kind: 'year', year: 2027, complete: true });
    expect(recomputed[1].payload.deadlines.map((x: any) => [x.declId, x.wasProvisional, x.provisional])).to.deep.equal([['answer-reminder-2', true, false], ['answer-due', true, false]]);
    const inst = await s.call('GET', `/api/instances/${id}`, 'jianwai.approver');
    expect(inst.body.version).to.equal(h.body.items.at(-1).seq);

    // The case still moves on: its next transition chains on top of the recomputed entries.
    const approve = await s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'APPROVE', conditions: '同意' });
    expect(approve.status, JSON.stringify(approve.body)).to.equal(200);
    expect((await s.call('GET', `/api/instances/${id}/history`, 'chaoyang.viewer')).body.chain.valid).to.equal(true);
  });

  it('deleting an override moves the deadlines back, with that change in the history too', async () => {
    const id = await submittedRequest(s);
    await s.call('PUT', '/api/calendar/overrides/2027-01-01', 'admin', { kind: 'holiday' });
    expect((await s.call('DELETE', '/api/calendar/overrides/2027-01-01', 'admin')).status).to.equal(204);
    const d = await byDecl(id);
    expect(d['answer-due']).to.include({ dueAt: '2027-01-07T16:00:00.000Z', provisional: true });
    const h = await s.call('GET', `/api/instances/${id}/history`, 'chaoyang.viewer');
    expect(h.body.items.filter((x: any) => x.type === 'DEADLINE_RECOMPUTED').map((x: any) => x.payload.cause.change)).to.deep.equal(['put', 'delete']);
    expect(h.body.chain.valid).to.equal(true);
  });

  it('calendar changes made at the same time each see the others: the deadlines end as if made one after another', async () => {
    const id = await submittedRequest(s);
    const dates = ['2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06'];
    const answers = await Promise.all(dates.map((d) => s.call('PUT', `/api/calendar/overrides/${d}`, 'admin', { kind: 'holiday' })));
    expect(answers.map((a) => a.status)).to.deep.equal([200, 200, 200, 200]);
    const d = await byDecl(id);
    expect(d['reminder-2'].dueAt).to.equal('2027-01-11T01:00:00.000Z'); // 12-25…12-31, then 01-07, 01-08, 01-11
    expect(d['answer-due'].dueAt).to.equal('2027-01-13T16:00:00.000Z');
    const h = await s.call('GET', `/api/instances/${id}/history`, 'chaoyang.viewer');
    expect(h.body.chain.valid).to.equal(true);
    expect(h.body.items.filter((x: any) => x.type === 'DEADLINE_RECOMPUTED')).to.have.length(4);
  });

  it('refuses to mark a year complete that the package already has, that is not published yet, or without any holiday entered, and a refusal changes nothing', async () => {
    const id = await submittedRequest(s);
    const before = await s.call('GET', `/api/instances/${id}`, 'jianwai.approver');
    const mark = (y: string, body: unknown = { complete: true }) => s.call('PUT', `/api/calendar/years/${y}`, 'admin', body);
    expect((await mark('2026')).status).to.equal(422);
    expect((await mark('2028')).status).to.equal(422); // in 2026 the State Council has published at most 2027
    const empty = await mark('2027');
    expect(empty.status).to.equal(422);
    expect(empty.body.detail).to.include('2027');
    expect((await mark('20x7')).status).to.equal(400);
    expect((await mark('2027', { complete: 'yes' })).status).to.equal(422);
    expect((await s.call('DELETE', '/api/calendar/overrides/2027-01-01', 'admin')).status).to.equal(404);
    expect((await s.call('GET', '/api/calendar/years', 'guomao.requester')).body).to.deep.equal({ knownThrough: '2026-12-31', package: { from: 2004, to: 2026 }, completeYears: [] });
    const after = await s.call('GET', `/api/instances/${id}`, 'jianwai.approver');
    expect(after.body.version).to.equal(before.body.version);
    expect(after.body.deadlines).to.deep.equal(before.body.deadlines);
  });

  it('only an admin of the city federation may change the city-wide calendar; a district admin is refused', async () => {
    const chaoyang = (await s.knex('orgs').where({ name: '朝阳区总工会' }).first()).id;
    const made = await s.call('POST', '/api/users', 'admin', { name: '朝阳区管理员', login: 'chaoyang.admin', orgId: chaoyang, roles: ['admin'] });
    expect(made.status).to.equal(201);
    const asDistrict = (method: string, path: string, body?: object) =>
      fetch(s.url + path, { method, headers: { authorization: `Bearer ${made.body.token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) })
        .then(async (r) => ({ status: r.status, body: await r.json() }));
    for (const [method, path, body] of [['PUT', '/api/calendar/overrides/2027-01-01', { kind: 'holiday' }], ['DELETE', '/api/calendar/overrides/2027-01-01'], ['PUT', '/api/calendar/years/2027', { complete: true }]] as const) {
      const res = await asDistrict(method, path, body);
      expect(res.status, `${method} ${path}`).to.equal(403);
      expect(res.body.detail).to.include('市总工会').and.include('city federation');
    }
    expect(await s.knex('calendar_overrides').select()).to.deep.equal([]);
  });
});

describe('the health check and start-up log warn before the calendar runs out', () => {
  it('warns from 1 November of the last known year (Beijing time), not on 31 October, and no more once 2027 is marked complete', async () => {
    const s = await startTestSystem({ clock: new TestClock(new Date('2026-10-31T15:59:59Z')) }); // 23:59:59 on 31 October in Beijing
    try {
      const before = await s.call('GET', '/api/health', null);
      expect(before.body).to.deep.equal({ status: 'ok', database: 'ok', warnings: [] });
      s.clock.set('2026-10-31T16:00:00Z'); // 1 November 00:00 Beijing
      const from = await s.call('GET', '/api/health', null);
      expect(from.status).to.equal(200);
      expect(from.body.status).to.equal('ok');
      expect(from.body.warnings).to.have.length(1);
      expect(from.body.warnings[0]).to.include({ code: 'calendar_ending', knownThrough: '2026-12-31' });
      expect(from.body.warnings[0].message).to.match(/^节假日.*2027.* \/ .*2027/);
      await s.call('PUT', '/api/calendar/overrides/2027-01-01', 'admin', { kind: 'holiday' });
      expect((await s.call('PUT', '/api/calendar/years/2027', 'admin', { complete: true })).status).to.equal(200);
      expect((await s.call('GET', '/api/health', null)).body.warnings).to.deep.equal([]);
    } finally {
      await s.cleanup();
    }
  });

  it('logs the warning at start-up from 1 November, and not before', async () => {
    const s = await startTestSystem({ clock: new TestClock(new Date('2026-10-31T02:00:00Z')) });
    const start = async (at: string) => {
      const lines: any[] = [];
      const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
      const sys = await startSystem({ databaseUrl: s.db.url, port: 0, clock: new TestClock(new Date(at)), log, background: false });
      await sys.stop();
      return lines.filter((l) => l.code === 'calendar_ending');
    };
    try {
      await s.stop();
      expect(await start('2026-10-31T02:00:00Z')).to.deep.equal([]);
      const warned = await start('2026-11-01T02:00:00Z');
      expect(warned).to.have.length(1);
      expect(warned[0]).to.include({ level: 40, knownThrough: '2026-12-31' });
    } finally {
      await s.db.drop();
    }
  });
});
