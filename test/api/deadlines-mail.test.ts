// Deadlines and mail through the whole system: the API shows them, admins steer the calendar and
// the outbox, and a deadline that falls due while the server is down fires and mails once.
import { expect } from 'chai';
import { p1Request } from '../helpers.ts';
import { smtpServer } from '../smtp.ts';
import { startSystem } from '../../server/system.ts';
import { updateUser } from '../../db/users.ts';
import { P1, silent, startTestSystem, submittedRequest, type Sys } from './client.ts';

const P4 = '/api/workflows/chair-by-election/instances';

describe('deadlines and mail over HTTP', () => {
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem(); });
  afterEach(async () => s.cleanup());

  const submitted = () => submittedRequest(s);

  it('lists open deadlines of the caller\'s subtree with clause and days left, within a window, and overdue ones', async () => {
    const id = await submitted(); // Mon 2026-03-02: day 1 is Tue 03-03; reminders Mon 03-09 and Thu 03-12 at 09:00; answer due end of Mon 03-16
    const all = await s.call('GET', '/api/deadlines', 'jianwai.approver');
    expect(all.body.items.map((d: any) => [d.kind, d.daysLeft, d.clause])).to.deep.equal([
      ['reminder', 7, '§3.1.3 [default: 10 working days]'], ['reminder', 10, '§3.1.3 [default: 10 working days]'], ['escalation', 14, '§3.1.3 [default: 10 working days]'],
    ]);
    expect(all.body.items[0]).to.include({ instanceId: id, rule: 'R-psh-approval' });
    expect(all.body.items[2].title).to.deep.equal({ zh: '审批期限（逾期报再上一级督办）', en: 'Answer due; escalated when missed' });
    const own = await s.call('GET', `/api/instances/${id}`, 'jianwai.approver');
    expect(own.body.deadlines.map((d: any) => d.title?.zh)).to.deep.equal(['审批提醒（第一次）', '审批提醒（第二次）', '审批期限（逾期报再上一级督办）']);
    expect((await s.call('GET', '/api/deadlines?within=8d', 'jianwai.approver')).body.items).to.have.length(1);
    expect((await s.call('GET', '/api/deadlines', 'zgc.approver')).body.items).to.have.length(0);

    s.clock.set('2026-03-16T17:00:00Z'); // past the end of working day 10
    await s.scheduler.tick();
    const late = await s.call('GET', '/api/deadlines?overdue=true', 'chaoyang.approver');
    expect(late.body.items.map((d: any) => [d.instanceId, d.kind, d.overdue])).to.deep.equal([[id, 'escalation', true]]);
    const inst = await s.call('GET', `/api/instances/${id}`, 'jianwai.approver');
    expect(inst.body.overdue).to.equal(true);
    expect(inst.body.deadlines.map((d: any) => [d.kind, d.status, d.overdue])).to.deep.equal([
      ['reminder', 'fired', false], ['reminder', 'fired', false], ['escalation', 'fired', true],
    ]);
    expect(inst.body.context.escalatedAt).to.equal('2026-03-16T17:00:00.000Z');
    const overdueList = await s.call('GET', '/api/instances?overdue=true', 'chaoyang.viewer');
    expect(overdueList.body.items.map((i: any) => i.id)).to.deep.equal([id]);
    const h = await s.call('GET', `/api/instances/${id}/history`, 'chaoyang.viewer');
    expect(h.body.items.map((x: any) => [x.type, x.actorId])).to.deep.include.members([['REMIND', 'system'], ['ESCALATE', 'system']]);
    expect(h.body.items.at(-1).payload.deadline).to.include({ declId: 'answer-due', clause: '§3.1.3 [default: 10 working days]' });
  });

  it('a calendar override made by an admin moves deadlines computed after it', async () => {
    expect((await s.call('PUT', '/api/calendar/overrides/2026-03-03', 'jianwai.approver', { kind: 'holiday' })).status).to.equal(403);
    const put = await s.call('PUT', '/api/calendar/overrides/2026-03-03', 'admin', { kind: 'holiday', note: '演示：临时放假' });
    expect(put.status).to.equal(200);
    expect((await s.call('PUT', '/api/calendar/overrides/2026-02-30', 'admin', { kind: 'holiday' })).status).to.equal(400);
    expect((await s.call('PUT', '/api/calendar/overrides/2026-03-04', 'admin', { kind: 'nap' })).status).to.equal(422);
    const list = await s.call('GET', '/api/calendar/overrides', 'guomao.requester');
    expect(list.body.items).to.deep.equal([{ date: '2026-03-03', kind: 'holiday', note: '演示：临时放假' }]);
    const id = await submitted();
    const due = (await s.call('GET', `/api/instances/${id}`, 'jianwai.approver')).body.deadlines.find((d: any) => d.kind === 'escalation');
    expect(due.dueAt).to.equal('2026-03-17T16:00:00.000Z'); // one working day later than without the override
    expect((await s.call('DELETE', '/api/calendar/overrides/2026-03-03', 'admin')).status).to.equal(204);
  });

  it('shows admins the outbox of their subtree, with mail nobody can receive marked as such', async () => {
    const approver = (await s.knex('users').where({ login: 'jianwai.approver' }).first()).id;
    await updateUser(s.knex, approver, { email: null }, false); // as an admin's edit does (a write elsewhere is seen within RECIPIENTS_TTL_MS)
    await submitted();
    expect((await s.call('GET', '/api/notifications', 'jianwai.approver')).status).to.equal(403);
    const res = await s.call('GET', '/api/notifications', 'admin');
    expect(res.body.items.map((m: any) => [m.template, m.status])).to.deep.equal([['task_assigned', 'no_recipient']]);
    expect(res.body.items[0].lastError).to.include('建外街道总工会');
    expect((await s.call('GET', '/api/notifications?status=sent', 'admin')).body.items).to.have.length(0);
  });

  it('P4: the case shows overdue once three months have passed, and the parent union is mailed every week', async () => {
    const started = await s.call('POST', P4, 'guomao.requester', { vacancyDate: '2025-11-30', reason: 'retired', actingChair: '刘红', previousChair: '陈国强' });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    const hard = started.body.deadlines.find((d: any) => d.kind === 'due');
    expect(hard).to.include({ dueAt: '2026-02-28T16:00:00.000Z', clause: '§3.1.1' }); // 2025-11-30 + 3 months, clamped
    expect(started.body.overdue).to.equal(true); // the clock stands at 2026-03-02
    await s.scheduler.tick();
    const after = await s.call('GET', `/api/instances/${started.body.id}`, 'jianwai.approver');
    expect(after.body.overdue).to.equal(true);
    expect(after.body.subject).to.match(/^【已逾期/);
    const weekly = async () => (await s.knex('outbox').where({ instance_id: started.body.id, template: 'overdue' })).length;
    expect(await weekly()).to.equal(1);
    s.clock.advance(7 * 86_400_000);
    await s.scheduler.tick();
    expect(await weekly()).to.equal(2);
  });
});

describe('a deadline that falls due while the server is down', () => {
  it('fires once at start and its mail reaches the SMTP server once', async () => {
    const smtp = await smtpServer();
    const first = await startTestSystem({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    const tokens = Object.fromEntries(Object.entries(first.demo!.users).map(([k, v]) => [k, v.token]));
    const id = (await first.call('POST', P1, 'guomao.requester', p1Request())).body.id;
    await first.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'SUBMIT' });
    await first.mailer.flush();
    expect(smtp.received.map((m) => m.rcptTo)).to.deep.equal([['jianwai.approver@example.org.cn']]);
    await first.stop();

    first.clock.set('2026-03-09T03:00:00Z'); // working day 5, 11:00 Beijing: the first reminder fell due while down
    const run = () => startSystem({ databaseUrl: first.db.url, port: 0, clock: first.clock, log: silent, smtpUrl: `smtp://127.0.0.1:${smtp.port}`, background: { schedulerMs: 60_000, mailerMs: 60_000 } });
    try {
      const second = await run();
      await second.stop();
      const third = await run(); // and again: nothing more
      await third.stop();
      const reminders = smtp.received.filter((m) => m.subject.includes('提醒 / Reminder'));
      expect(reminders).to.have.length(1);
      expect(reminders[0].rcptTo).to.deep.equal(['jianwai.approver@example.org.cn']);
      expect(reminders[0].body).to.include('2026-03-16 24:00').and.include('R-psh-approval');
      expect(tokens['jianwai.approver']).to.be.a('string');
    } finally {
      await smtp.close();
      await first.db.drop();
    }
  });
});
