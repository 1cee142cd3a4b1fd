// Settings an admin can change (issue 8 item 7): the [default]s live in the database with their
// history, everyone reads them with their rule and clause, only the root union's admin changes
// them, and a change applies to deadlines computed and cases started after it, not before.
import { expect } from 'chai';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';
import { pino } from 'pino';
import { startSystem } from '../../server/system.ts';
import { freshDatabase } from '../database.ts';
import { SETTINGS } from '../../workflows/settings.ts';

const P4 = '/api/workflows/chair-by-election/instances';
const vacancy = { vacancyDate: '2026-02-10', reason: 'transferred', actingChair: '赵副主席', previousChair: '钱主席' };
const put = (s: Sys, key: string, body: unknown, login = 'admin') => s.call('PUT', `/api/settings/${key}`, login, body);
const answerDue = async (s: Sys, id: string) => (await s.call('GET', `/api/instances/${id}`, 'jianwai.approver')).body.deadlines.find((d: any) => d.kind === 'escalation').dueAt;

describe('settings over HTTP', () => {
  let s: Sys;
  before(async () => { s = await startTestSystem(); });
  after(async () => s.cleanup());

  it('lists every setting to any signed-in user with its value, default, title, rule, clause, source and who set it', async () => {
    const res = await s.call('GET', '/api/settings', 'chaoyang.viewer');
    expect(res.status).to.equal(200);
    const answer = res.body.items.find((i: any) => i.key === 'approvalAnswerWorkingDays');
    expect(answer).to.deep.include({ owner: 'purchased-service-hire', value: 10, default: 10, rule: 'R-psh-approval', clause: '§3.1.3', source: 'RULES.md defaults, "approval response time"' });
    expect(answer.title.zh).to.be.a('string');
    expect(answer.updatedBy).to.deep.equal({ id: 'system', name: '系统 system' });
    expect(res.body.items.find((i: any) => i.key === 'reminderHour')).to.deep.include({ owner: null, value: 9, rule: null });
    expect(res.body.items.length).to.equal(SETTINGS.length); // every declared setting (processes add theirs)
    expect(res.body.note.en).to.include('not to existing ones');
    const two = await s.call('GET', '/api/settings?limit=2', 'chaoyang.viewer');
    const next = await s.call('GET', `/api/settings?limit=2&cursor=${two.body.next}`, 'chaoyang.viewer');
    expect(next.body.items.map((i: any) => i.key)).to.deep.equal(res.body.items.slice(2, 4).map((i: any) => i.key));
    expect((await s.call('GET', '/api/settings', null)).status).to.equal(401);
  });

  it('a change by the root admin applies to a deadline computed after it, not to one computed before, and says so', async () => {
    const before = await submittedRequest(s);
    const due = await answerDue(s, before);
    const res = await put(s, 'approvalAnswerWorkingDays', { value: 15, reason: '市总常委会决定延长答复期限' });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.include({ key: 'approvalAnswerWorkingDays', value: 15, default: 10, changed: true });
    expect(res.body.updatedBy.name).to.equal('市总系统管理员');
    expect(res.body.note.zh).to.include('此后计算的期限');
    expect(res.body.note.en).to.include('deadlines computed after the change').and.include('cases started after it');
    const after = await submittedRequest(s);
    expect(await answerDue(s, before), 'computed before the change').to.equal(due);
    // Submitted at the same instant: 15 working days instead of 10 is one calendar week later (no holiday in March 2026).
    expect(new Date(await answerDue(s, after)).getTime() - new Date(due).getTime()).to.equal(7 * 86_400_000);
    const history = await s.call('GET', '/api/settings/history?key=approvalAnswerWorkingDays', 'chaoyang.viewer');
    expect(history.body.items[0]).to.deep.include({ key: 'approvalAnswerWorkingDays', old: 10, new: 15, reason: '市总常委会决定延长答复期限' });
    expect(history.body.items[0].by.name).to.equal('市总系统管理员');
    expect(history.body.items[1]).to.deep.include({ old: null, new: 10, reason: '初始值：声明的默认值 / initial value: the declared default' });
    const same = await put(s, 'approvalAnswerWorkingDays', { value: 15, reason: '再次确认' });
    expect(same.body.changed, 'the same value again is no change').to.equal(false);
    expect((await s.call('GET', '/api/settings/history?key=approvalAnswerWorkingDays', 'admin')).body.items.length).to.equal(2);
  });

  it('a by-election keeps the terms it started with; one started after the change gets the new ones', async () => {
    const first = (await s.call('POST', P4, 'guomao.requester', vacancy)).body;
    expect((await put(s, 'candidatePublicityDays', { value: 5, reason: '试行五天公示' })).status).to.equal(200);
    expect((await s.call('GET', `/api/instances/${first.id}`, 'guomao.requester')).body.context.terms.publicityDays).to.equal(7);
    expect((await s.call('POST', `/api/instances/${first.id}/events`, 'jianwai.approver', { type: 'CANCEL', reason: '重新报告' })).status).to.equal(200);
    const second = (await s.call('POST', P4, 'guomao.requester', vacancy)).body;
    expect(second.context.terms.publicityDays).to.equal(5);
  });

  it('refuses anyone but an admin of the root union (403), an unknown key (404), a value its schema refuses and a missing reason (422), changing nothing', async () => {
    const district = await s.call('POST', '/api/users', 'admin', { name: '朝阳区管理员', login: 'chaoyang.settings.admin', orgId: s.demo!.orgs.chaoyang.id, roles: ['admin'] });
    const asDistrict = await fetch(`${s.url}/api/settings/reminderHour`, { method: 'PUT', headers: { authorization: `Bearer ${district.body.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ value: 8, reason: 'x' }) });
    expect(asDistrict.status).to.equal(403);
    expect((await asDistrict.json()).detail).to.include('市总工会').and.include('root union');
    expect((await put(s, 'reminderHour', { value: 8, reason: 'x' }, 'jianwai.approver')).status).to.equal(403);
    expect((await put(s, 'noSuchSetting', { value: 8, reason: 'x' })).status).to.equal(404);
    const bad = await put(s, 'reminderHour', { value: 25, reason: '改为晚间' });
    expect(bad.status).to.equal(422);
    expect(bad.body.errors[0].pointer).to.equal('/value');
    expect(bad.body.detail).to.match(/[\u4e00-\u9fff].* \/ the value does not fit reminderHour/);
    const fraction = await put(s, 'byElectionQuorum', { value: [3, 2], reason: '测试' });
    expect(fraction.status).to.equal(422);
    expect(fraction.body.errors[0].message).to.include('0 < n < d');
    expect((await put(s, 'reminderHour', { value: 8 })).status).to.equal(422);
    expect((await put(s, 'reminderHour', { value: 8, reason: '   ' })).status).to.equal(422);
    expect((await s.call('GET', '/api/settings', 'admin')).body.items.find((i: any) => i.key === 'reminderHour').value).to.equal(9);
  });
});

describe('SETTINGS_JSON is the initial value only', () => {
  it('seeds the keys the database does not hold; on a later start with another SETTINGS_JSON the database keeps its values', async () => {
    const db = await freshDatabase('uw-settings-');
    try {
      const first = await startTestSystem({ db, settings: { approvalAnswerWorkingDays: 12 } });
      const item = (sys: Sys) => sys.call('GET', '/api/settings', 'admin').then((r) => r.body.items.find((i: any) => i.key === 'approvalAnswerWorkingDays'));
      expect((await item(first)).value).to.equal(12);
      const history = (await first.call('GET', '/api/settings/history?key=approvalAnswerWorkingDays', 'admin')).body.items;
      expect(history.map((h: any) => [h.old, h.new, h.reason])).to.deep.equal([[null, 12, '初始值：SETTINGS_JSON / initial value from SETTINGS_JSON']]);
      await first.cleanup();
      const lines: any[] = [];
      const log = pino({ level: 'warn' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
      const second = await startSystem({ databaseUrl: db.url, port: 0, log, background: false, settings: { approvalAnswerWorkingDays: 20 } });
      try {
        // The demo is not seeded again: read with the first start's admin token.
        const got = await fetch(`${second.url}/api/settings`, { headers: { authorization: `Bearer ${first.token('admin')}` } }).then((r) => r.json());
        expect(got.items.find((i: any) => i.key === 'approvalAnswerWorkingDays').value).to.equal(12);
        expect(lines.filter((l) => l.key === 'approvalAnswerWorkingDays').map((l) => l.msg)).to.have.length(1);
        expect(lines.find((l) => l.key === 'approvalAnswerWorkingDays').msg).to.include('not applied').and.include('PUT /api/settings/approvalAnswerWorkingDays');
      } finally {
        await second.stop();
      }
    } finally {
      await db.drop();
    }
  });
});
