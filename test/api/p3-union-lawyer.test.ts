// P3 union lawyers over HTTP (issue 10 item 7): a purchase-of-service contract with a law firm is
// approved and signed, the firm's lawyers enter the register at the stations it covers, 60 days
// before the end the union is asked (the hand-moved clock), a renewal gives a new period and a new
// reminder, a contract left to run out (or ended) takes its lawyers out of the register.
import { expect } from 'chai';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { databaseState, startTestSystem, type Sys } from './client.ts';

const P3 = '/api/workflows/union-lawyer/instances';
const events = (id: string) => `/api/instances/${id}/events`;
const HR = 'chaoyang.hr';

describe('P3 union lawyers over HTTP', function () {
  this.timeout(20_000);
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem(); }); // Mon 2026-03-02 10:00 Beijing
  afterEach(async () => s.cleanup());

  const send = async (id: string, body: Record<string, unknown>, login = HR) => {
    const r = await s.call('POST', events(id), login, body);
    expect(r.status, `${body.type}: ${JSON.stringify(r.body).slice(0, 600)}`).to.equal(200);
    return r.body;
  };
  const unit = (key: string) => ({ id: s.demo!.orgs[key].id, name: s.demo!.orgs[key].name });
  const contract = () => ({
    firm: '北京市京师律师事务所', units: [unit('jianwai-station'), unit('wangjing')], number: 'CYGH-LS-2026-01',
    startDate: '2026-03-16', endDate: '2027-03-15', feeYuan: 120000,
  });
  const lawyer = (n: number, unitKey = 'jianwai-station') => ({
    type: 'ASSIGN_LAWYER', name: `律师${n}`, idNumber: withCheckDigit(`11010119850101${String(100 + n).slice(1)}2`), licenceNo: `1110120201010000${n}`,
    unitId: s.demo!.orgs[unitKey].id, startDate: '2026-03-16',
  });
  /** Started, approved by the leadership, signed: in force. */
  async function signed(): Promise<string> {
    const started = await s.call('POST', P3, HR, contract());
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    const id = started.body.id;
    await send(id, { type: 'SUBMIT' });
    await send(id, { type: 'APPROVE', comment: '同意 / agreed' }, 'chaoyang.approver');
    expect((await send(id, { type: 'RECORD_SIGNING', signedOn: '2026-03-10' })).state).to.equal('inForce');
    return id;
  }
  const pending = async (id: string) => Object.fromEntries((await s.knex('deadlines').where({ instance_id: id, status: 'pending' })).map((d) => [d.decl_id, new Date(Number(d.due_at)).toISOString()]));
  const lawyers = async (id: string) => (await s.knex('people').where({ kind: 'lawyer', source_instance_id: id }).orderBy('id')).map((p) => ({ name: p.name, status: p.status, end: p.end_date, ...JSON.parse(p.details) }));

  it('signed, a lawyer assigned to a covered station is onboarding in the register; reminded 60 days before the end; renewed for a new period with its own reminder', async () => {
    const id = await signed();
    await send(id, lawyer(1));
    const [l] = await lawyers(id);
    expect(l).to.include({ name: '律师1', status: 'onboarding', end: null, post: '工会专职律师 / union lawyer', firm: '北京市京师律师事务所', contractNo: 'CYGH-LS-2026-01' });
    expect(l.unit).to.deep.equal(unit('jianwai-station'));
    // R-law-district §2(五) [default 60]: 2027-03-15 − 60 days = 2027-01-14, at 09:00 Beijing.
    expect(await pending(id)).to.deep.equal({ 'contract-ending': '2027-01-14T01:00:00.000Z' });

    s.clock.set('2027-01-14T01:00:01Z');
    await s.scheduler.tick();
    const view = (await s.call('GET', `/api/instances/${id}`, HR)).body;
    expect(view.state).to.equal('renewalDecision');
    const mail = await s.knex('outbox').where({ instance_id: id }).orderBy('id');
    expect(mail.at(-1).subject).to.contain('合同将到期 / Contract ending');
    expect(mail.at(-1).to_email).to.equal('chaoyang.hr@example.org.cn');
    expect(await pending(id)).to.deep.equal({ 'contract-ending-2': '2027-02-13T01:00:00.000Z', 'contract-expires': '2027-03-15T16:00:00.000Z' });

    const before = await databaseState(s);
    const gap = await s.call('POST', events(id), HR, { type: 'RENEW', number: 'CYGH-LS-2027-01', startDate: '2027-04-01', endDate: '2028-03-15', feeYuan: 125000 });
    expect(gap.status).to.equal(422);
    expect(JSON.stringify(gap.body.errors)).to.contain('2027-03-16');
    expect(await databaseState(s)).to.equal(before);

    await send(id, { type: 'RENEW', number: 'CYGH-LS-2027-01', startDate: '2027-03-16', endDate: '2028-03-15', feeYuan: 125000 });
    const renewed = await send(id, { type: 'APPROVE_RENEWAL' }, 'chaoyang.approver');
    expect(renewed.state).to.equal('inForce');
    expect(renewed.context.periods.map((p: any) => p.number)).to.deep.equal(['CYGH-LS-2026-01', 'CYGH-LS-2027-01']);
    expect(await pending(id)).to.deep.equal({ 'contract-ending': '2028-01-15T01:00:00.000Z' });
    expect((await lawyers(id))[0].status).to.equal('onboarding'); // still in post
  });

  it('a contract left to run out ends by itself on its last day and its lawyers leave the register; a released lawyer leaves earlier', async () => {
    const id = await signed();
    await send(id, lawyer(1));
    await send(id, lawyer(2, 'wangjing'));
    await send(id, { type: 'RELEASE_LAWYER', lawyer: 'l2', endDate: '2026-09-30', reason: '律所调整 / reassigned by the firm' });
    s.clock.set('2027-01-14T01:00:01Z');
    await s.scheduler.tick();
    s.clock.set('2027-03-15T16:00:00Z'); // the end of 2027-03-15, Beijing
    await s.scheduler.tick();
    const view = (await s.call('GET', `/api/instances/${id}`, HR)).body;
    expect([view.state, view.status]).to.deep.equal(['ended', 'done']);
    expect((await lawyers(id)).map((l) => [l.name, l.status, l.end])).to.deep.equal([['律师1', 'exited', '2027-03-15'], ['律师2', 'exited', '2026-09-30']]);
    const mail = await s.knex('outbox').where({ instance_id: id }).orderBy('id');
    expect(mail.map((m) => m.subject).join('\n')).to.contain('合同已期满 / Contract ended');
  });

  it('refuses with nothing stored: a lawyer at a station the contract does not cover, the same licence twice, a period ending before it starts, an early end outside the period', async () => {
    const bad = await s.call('POST', P3, HR, { ...contract(), endDate: '2026-03-01' });
    expect(bad.status).to.equal(422);
    const id = await signed();
    await send(id, lawyer(1));
    const before = await databaseState(s);
    const elsewhere = await s.call('POST', events(id), HR, lawyer(3, 'zgc-station'));
    expect(elsewhere.status).to.equal(422);
    expect(JSON.stringify(elsewhere.body.errors)).to.contain('R-law-station §3.1.2(4)');
    expect((await s.call('POST', events(id), HR, { ...lawyer(1), name: '另一位' })).status).to.equal(422);
    expect((await s.call('POST', events(id), HR, { type: 'END', endDate: '2027-06-30', reason: '提前终止' })).status).to.equal(422);
    expect(await databaseState(s)).to.equal(before);
    await send(id, { type: 'END', endDate: '2026-12-31', reason: '律所违约，提前终止 / ended early' });
    expect((await lawyers(id)).map((l) => [l.status, l.end])).to.deep.equal([['exited', '2026-12-31']]);
  });

  it('another district sees none of it', async () => {
    const id = await signed();
    await send(id, lawyer(1));
    const token = (await s.call('POST', '/api/users', 'admin', { name: '海淀人事', login: 'haidian.hr', email: 'haidian.hr@example.org.cn', orgId: s.demo!.orgs.haidian.id, roles: ['hr'] })).body.token;
    const get = (path: string) => s.call('GET', path, null, undefined, { authorization: `Bearer ${token}` });
    expect((await get(`/api/instances/${id}`)).status).to.be.within(403, 404);
    expect((await get('/api/instances?type=union-lawyer')).body.items).to.deep.equal([]);
    expect((await get('/api/people?kind=lawyer')).body.items).to.deep.equal([]);
  });
});
