// P3 wage bargaining instructors over HTTP (issue 10 item 7): a district selects 3 per station from
// its social workers, its leadership approves, HR appoints, the appointees are in the register
// onboarding; the 4th for a station and a non-social-worker are refused with nothing stored; the
// city recruits retirees; the review reminder fires on the clock; another district sees nothing.
import { expect } from 'chai';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { insertPerson } from '../../db/people.ts';
import { databaseState, startTestSystem, type Sys } from './client.ts';

const P3 = '/api/workflows/wage-instructor/instances';
const events = (id: string) => `/api/instances/${id}/events`;
const idNo = (n: number) => withCheckDigit(`11010519800101${String(100 + n).slice(1)}1`);

describe('P3 wage bargaining instructors over HTTP', function () {
  this.timeout(20_000);
  let s: Sys;
  let station: { id: number; name: string };
  beforeEach(async () => {
    s = await startTestSystem(); // Mon 2026-03-02 10:00 Beijing
    const o = s.demo!.orgs['jianwai-station'];
    station = { id: o.id, name: o.name };
  });
  afterEach(async () => s.cleanup());

  const send = async (id: string, body: Record<string, unknown>, login = 'chaoyang.hr') => {
    const r = await s.call('POST', events(id), login, body);
    expect(r.status, `${body.type}: ${JSON.stringify(r.body).slice(0, 600)}`).to.equal(200);
    return r.body;
  };
  /** A person already in 朝阳区's register (of its service station), by kind. */
  const registered = (name: string, kind = 'social_worker', status = 'in_post') => insertPerson(s.knex, {
    org_id: station.id, name, identity_id: null, kind, status, start_date: '2024-05-01', end_date: null, details: '{}', source_instance_id: null, created_at: '2024-05-01T00:00:00Z',
  });
  const nominate = (id: string, personId: number, name: string, n: number) =>
    s.call('POST', events(id), 'chaoyang.hr', { type: 'NOMINATE_SOCIAL_WORKER', socialWorkerId: personId, name, idNumber: idNo(n), stationId: station.id, stationName: station.name });
  const selection = async () => (await s.call('POST', P3, 'chaoyang.hr', { pathway: 'district_selection', title: '2026 年朝阳区工资集体协商指导员选聘' })).body.id as string;

  it('a district selects 3 social workers for a station; the 4th is refused citing R-wi-station; approved and appointed they are onboarding in the register', async () => {
    const id = await selection();
    const names = ['周一', '吴二', '郑三', '王四'];
    const ids = await Promise.all(names.map((n) => registered(n)));
    for (let i = 0; i < 3; i++) expect((await nominate(id, ids[i], names[i], i)).status).to.equal(200);

    const before = await databaseState(s);
    const fourth = await nominate(id, ids[3], names[3], 3);
    expect(fourth.status).to.equal(422);
    expect(fourth.headers.get('content-type')).to.match(/problem\+json/);
    expect(JSON.stringify(fourth.body.errors)).to.contain('R-wi-station §3.1.2(3)').and.contain('/stationId');
    expect(await databaseState(s)).to.equal(before);

    await send(id, { type: 'SUBMIT' });
    expect((await s.call('GET', '/api/tasks', 'chaoyang.approver')).body.items.map((t: any) => t.id)).to.include(id);
    await send(id, { type: 'APPROVE', comment: '同意 / agreed' }, 'chaoyang.approver');
    const done = await send(id, { type: 'APPOINT', startDate: '2026-03-16' });
    expect(done.state).to.equal('appointed');

    const people = (await s.call('GET', '/api/people?kind=wage_instructor', 'chaoyang.hr')).body.items;
    expect(people.map((p: any) => [p.name, p.status, p.startDate]).sort()).to.deep.equal([['吴二', 'onboarding', '2026-03-16'], ['周一', 'onboarding', '2026-03-16'], ['郑三', 'onboarding', '2026-03-16']]);
    expect(people[0].details).to.include({ post: '工资集体协商指导员 / wage bargaining instructor', pathway: 'district_selection' });
    expect(people[0].details.unit).to.deep.equal(station);
    expect(people[0].sourceInstanceId).to.equal(id);
    expect(people[0].idNumber).to.match(/\*/);
    // The selected social workers keep their record, the new post noted on it.
    const sw = await s.knex('people').where({ id: ids[0] }).first();
    expect(JSON.parse(sw.details).wageInstructor).to.deep.equal({ station, since: '2026-03-16' });
    expect(sw.kind).to.equal('social_worker');
  });

  it('refuses with nothing stored: a cadre nominated as a social worker (at appointment), a retiree on the district pathway, a city pathway at a district, an approval by HR, a start date before the approval, a social worker who has left', async () => {
    const id = await selection();
    const cadre = await registered('钱五', 'cadre');
    await nominate(id, cadre, '钱五', 5);
    const retiree = await s.call('POST', events(id), 'chaoyang.hr', {
      type: 'NOMINATE_RETIREE', name: '孙六', idNumber: idNo(6), formerEmployer: '朝阳区人力社保局', employerKind: 'hr_social_security', leaveStatus: 'retired',
      knowsBargaining: true, unitKind: 'district_federation', unitId: s.demo!.orgs.chaoyang.id, unitName: '朝阳区总工会',
    });
    expect(retiree.status).to.equal(422);
    expect(JSON.stringify(retiree.body.errors)).to.contain('R-wi-station');
    const city = await s.call('POST', P3, 'chaoyang.hr', { pathway: 'city_recruitment', title: '招录' });
    expect(city.status).to.equal(422);
    expect(JSON.stringify(city.body)).to.contain('R-wi-district §2(四)');
    await send(id, { type: 'SUBMIT' });
    expect((await s.call('POST', events(id), 'chaoyang.hr', { type: 'APPROVE' })).status).to.equal(403);
    await send(id, { type: 'APPROVE' }, 'chaoyang.approver');
    const before = await databaseState(s);
    const appoint = await s.call('POST', events(id), 'chaoyang.hr', { type: 'APPOINT', startDate: '2026-03-16' });
    expect(appoint.status).to.equal(409);
    expect(JSON.stringify(appoint.body)).to.contain('social_worker');
    expect(await databaseState(s)).to.equal(before);
    const early = await s.call('POST', events(id), 'chaoyang.hr', { type: 'APPOINT', startDate: '2026-03-01' });
    expect(early.status).to.equal(422);
    expect(await databaseState(s)).to.equal(before);
    // A social worker who has left is not selected either.
    const other = await selection();
    await nominate(other, await registered('李八', 'social_worker', 'exited'), '李八', 8);
    await send(other, { type: 'SUBMIT' });
    await send(other, { type: 'APPROVE' }, 'chaoyang.approver');
    const left = await s.call('POST', events(other), 'chaoyang.hr', { type: 'APPOINT', startDate: '2026-03-16' });
    expect([left.status, JSON.stringify(left.body).includes('exited')]).to.deep.equal([409, true]);
  });

  it('the city federation recruits a retiree for a district federation; the leadership is reminded on the 5th working day', async () => {
    const user = async (login: string, roles: string[]) =>
      (await s.call('POST', '/api/users', 'admin', { name: login, login, email: `${login}@example.org.cn`, orgId: s.demo!.orgs.city.id, roles })).body.token as string;
    const hr = await user('city.hr', ['hr']);
    const approver = await user('city.approver', ['approver']);
    const as = (token: string, path: string, body: unknown) => s.call('POST', path, null, body, { authorization: `Bearer ${token}` });
    const id = (await as(hr, P3, { pathway: 'city_recruitment', title: '2026 年市级工资集体协商指导员招录' })).body.id;
    const r = await as(hr, events(id), {
      type: 'NOMINATE_RETIREE', name: '孙六', idNumber: idNo(6), formerEmployer: '北京市人力资源和社会保障局', employerKind: 'hr_social_security', leaveStatus: 'retired',
      knowsBargaining: true, unitKind: 'district_federation', unitId: s.demo!.orgs.chaoyang.id, unitName: '朝阳区总工会',
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    expect((await as(hr, events(id), { type: 'SUBMIT' })).status).to.equal(200);
    s.clock.set('2026-03-09T01:00:01Z'); // Mon 2026-03-09 09:00 Beijing: the 5th working day
    await s.scheduler.tick();
    const mail = await s.knex('outbox').where({ instance_id: id }).orderBy('id');
    expect(mail.map((m) => m.subject).join('\n')).to.match(/提醒 \/ Reminder/);
    expect((await as(approver, events(id), { type: 'APPROVE' })).status).to.equal(200);
    expect((await as(hr, events(id), { type: 'APPOINT', startDate: '2026-03-20' })).status).to.equal(200);
    const [p] = await s.knex('people').where({ kind: 'wage_instructor', source_instance_id: id });
    expect(p).to.include({ name: '孙六', status: 'onboarding', start_date: '2026-03-20', org_id: s.demo!.orgs.city.id });
    expect(JSON.parse(p.details)).to.include({ formerEmployer: '北京市人力资源和社会保障局', leaveStatus: 'retired' });
    expect(p.identity_id).to.be.a('number');
  });

  it('another district sees none of it, nor the appointees in its register', async () => {
    const id = await selection();
    await nominate(id, await registered('周一'), '周一', 1);
    await send(id, { type: 'SUBMIT' });
    await send(id, { type: 'APPROVE' }, 'chaoyang.approver');
    await send(id, { type: 'APPOINT', startDate: '2026-03-16' });
    const token = (await s.call('POST', '/api/users', 'admin', { name: '海淀人事', login: 'haidian.hr', email: 'haidian.hr@example.org.cn', orgId: s.demo!.orgs.haidian.id, roles: ['hr'] })).body.token;
    const get = (path: string) => s.call('GET', path, null, undefined, { authorization: `Bearer ${token}` });
    expect((await get(`/api/instances/${id}`)).status).to.be.within(403, 404);
    expect((await get('/api/instances?type=wage-instructor')).body.items).to.deep.equal([]);
    expect((await get('/api/people?kind=wage_instructor')).body.items).to.deep.equal([]);
    expect((await s.call('GET', '/api/people?kind=wage_instructor', 'chaoyang.hr')).body.items).to.have.length(1);
    const theirs = await s.call('POST', events(id), null, { type: 'WITHDRAW' }, { authorization: `Bearer ${token}` });
    expect(theirs.status).to.be.within(403, 404);
  });
});
