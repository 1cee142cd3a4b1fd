// P3 labour-law supervisors over HTTP (issue 10 item 7): a district federation appoints concurrent,
// bought-in and invited supervisors up to its committee's 5, its leadership approves, they are in
// the register onboarding; an enterprise union appoints only 2 of its own cadres; a union without a
// committee cannot start; refusals store nothing; another district sees nothing.
import { expect } from 'chai';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { databaseState, startTestSystem, type Sys } from './client.ts';

const P3 = '/api/workflows/labor-supervisor/instances';
const events = (id: string) => `/api/instances/${id}/events`;
const HR = 'chaoyang.hr';
const person = (n: number) => ({ name: `监督员${n}`, idNumber: withCheckDigit(`11010519750101${String(100 + n).slice(1)}3`), knowsLabourLaw: true });
const concurrent = (n: number, extra = {}) => ({ type: 'NOMINATE_CONCURRENT', ...person(n), currentPost: '工会法律部干部', ...extra });
const purchased = (n: number) => ({
  type: 'NOMINATE_PURCHASED', ...person(n), profession: 'legal', provider: '北京市京师律师事务所', agreementNo: `FW-${n}`, agreementStart: '2026-03-16', agreementEnd: '2027-03-15',
});
const invited = (n: number) => ({ type: 'NOMINATE_INVITED', ...person(n), body: 'npc', deputyOf: '朝阳区人大' });

describe('P3 labour-law supervisors over HTTP', function () {
  this.timeout(20_000);
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem(); });
  afterEach(async () => s.cleanup());

  const send = async (id: string, body: Record<string, unknown>, login = HR) => {
    const r = await s.call('POST', events(id), login, body);
    expect(r.status, `${body.type}: ${JSON.stringify(r.body).slice(0, 600)}`).to.equal(200);
    return r.body;
  };
  const start = async (login = HR) => {
    const r = await s.call('POST', P3, login, { title: '劳动法律监督委员会监督员选聘' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return r.body.id as string;
  };

  it('a district appoints concurrent, bought-in and invited supervisors up to 5 (the 6th refused citing R-ls-district); approved and appointed they are onboarding in the register', async () => {
    const id = await start();
    for (const body of [concurrent(1), purchased(2), invited(3), concurrent(4), concurrent(5)]) await send(id, body);
    const before = await databaseState(s);
    const sixth = await s.call('POST', events(id), HR, concurrent(6));
    expect(sixth.status).to.equal(422);
    expect(JSON.stringify(sixth.body.errors)).to.contain('R-ls-district §3.1.2(5)');
    expect(await databaseState(s)).to.equal(before);
    await send(id, { type: 'REMOVE_NOMINEE', nominee: 'n5' });
    await send(id, { type: 'SUBMIT' });
    await send(id, { type: 'APPROVE' }, 'chaoyang.approver');
    await send(id, { type: 'APPOINT', startDate: '2026-03-16' });
    const people = await s.knex('people').where({ kind: 'labor_supervisor', source_instance_id: id }).orderBy('id');
    expect(people.map((p) => [p.name, p.status, p.start_date, p.org_id])).to.deep.equal([1, 2, 3, 4].map((n) => [`监督员${n}`, 'onboarding', '2026-03-16', s.demo!.orgs.chaoyang.id]));
    const details = people.map((p) => JSON.parse(p.details));
    expect(details.map((d) => d.mode)).to.deep.equal(['concurrent', 'purchased', 'invited', 'concurrent']);
    expect(details[1]).to.include({ post: '劳动法律监督员（购买服务）/ labour-law supervisor (bought in)', provider: '北京市京师律师事务所', agreementNo: 'FW-2', level: 'district' });
    expect(details[0].unit).to.deep.equal({ id: s.demo!.orgs.chaoyang.id, name: '朝阳区总工会' });
  });

  it('an enterprise union appoints 2 of its own union cadres concurrently, no one bought in', async () => {
    const login = 'guomao.requester';
    const id = await start(login);
    const before = await databaseState(s);
    const bought = await s.call('POST', events(id), login, purchased(1));
    expect(bought.status).to.equal(422);
    expect(JSON.stringify(bought.body.errors)).to.contain('R-ls-enterprise §3.1.2(5)');
    expect((await s.call('POST', events(id), login, concurrent(2))).status).to.equal(422); // not marked a cadre of this union
    expect(await databaseState(s)).to.equal(before);
    await send(id, concurrent(2, { unionCadre: true }), login);
    await send(id, concurrent(3, { unionCadre: true }), login);
    expect((await s.call('POST', events(id), login, concurrent(4, { unionCadre: true }))).status).to.equal(422);
  });

  it('a union without a supervision committee cannot start (403 citing the rule); a bought-in agreement ending before it starts is refused', async () => {
    const token = (await s.call('POST', '/api/users', 'admin', { name: '服务站', login: 'station.hr', email: 'station.hr@example.org.cn', orgId: s.demo!.orgs['jianwai-station'].id, roles: ['hr'] })).body.token;
    const before = await databaseState(s);
    const r = await s.call('POST', P3, null, { title: '选聘' }, { authorization: `Bearer ${token}` });
    expect(r.status).to.equal(403);
    expect(JSON.stringify(r.body)).to.contain('R-ls-district');
    expect(await databaseState(s)).to.equal(before);
    const id = await start();
    const bad = await s.call('POST', events(id), HR, { ...purchased(1), agreementEnd: '2026-03-01' });
    expect(bad.status).to.equal(422);
    expect(bad.body.errors.map((e: any) => e.pointer)).to.include('/agreementEnd');
  });

  it('another district sees none of it', async () => {
    const id = await start();
    await send(id, concurrent(1));
    const token = (await s.call('POST', '/api/users', 'admin', { name: '海淀人事', login: 'haidian.hr', email: 'haidian.hr@example.org.cn', orgId: s.demo!.orgs.haidian.id, roles: ['hr'] })).body.token;
    const get = (path: string) => s.call('GET', path, null, undefined, { authorization: `Bearer ${token}` });
    expect((await get(`/api/instances/${id}`)).status).to.be.within(403, 404);
    expect((await get('/api/instances?type=labor-supervisor')).body.items).to.deep.equal([]);
  });
});
