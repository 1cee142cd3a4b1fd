// Many cases in one step (issue 8 item 4): POST /api/instances/events:batch and engine.sendMany
// validate the whole batch, commit it in one transaction with one history row per case or write
// nothing, name each refused item, group the batch's mail per recipient, and cost per case far
// fewer SQL statements than one event at a time.
import { expect } from 'chai';
import { p1Request } from '../helpers.ts';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';

const BATCH = '/api/instances/events:batch';

async function statementsOf(s: Sys, f: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const count = () => void n++;
  s.knex.on('query', count);
  try {
    await f();
  } finally {
    s.knex.off('query', count);
  }
  return n;
}

/** `n` submitted P1 requests of 国贸物业工会, ten at a time. */
async function submitted(s: Sys, n: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < n) ids.push(...(await Promise.all(Array.from({ length: Math.min(10, n - ids.length) }, () => submittedRequest(s)))));
  return ids;
}

/** What a rejected batch must leave as it was. */
const tables = async (s: Sys) => JSON.stringify(await Promise.all([
  s.knex('history').count({ n: '*' }), s.knex('outbox').count({ n: '*' }), s.knex('documents').count({ n: '*' }),
  s.knex('deadlines').select('id', 'status').orderBy('id'), s.knex('instances').select('id', 'version', 'state').orderBy('id'),
]));

describe('many cases in one step (POST /api/instances/events:batch, engine.sendMany)', () => {
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem(); });
  afterEach(async () => s.cleanup());

  it('approves 200 cases in one request: 200 history rows, chains that verify, one digest mail per recipient', async function () {
    this.timeout(60_000);
    const ids = await submitted(s, 200);
    const mailBefore = Number((await s.knex('outbox').count({ n: '*' }))[0].n);
    // A body far above the global 64 kB limit: this route alone takes more.
    const conditions = '依法签订劳动合同，按月足额发放薪酬。'.repeat(20);
    const body = { items: ids.map((instanceId) => ({ instanceId, event: { type: 'APPROVE', conditions } })) };
    expect(JSON.stringify(body).length).to.be.greaterThan(64 * 1024);
    const res = await s.call('POST', BATCH, 'jianwai.approver', body);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).to.equal(200);
    expect(res.body.items.map((x: any) => x.id)).to.deep.equal(ids);
    expect(res.body.items.every((x: any) => x.state === 'approved' && x.version === 3)).to.equal(true);
    const approvals = await s.knex('history').where({ type: 'APPROVE' }).whereIn('instance_id', ids).count({ n: '*' });
    expect(Number(approvals[0].n)).to.equal(200);
    expect(Number((await s.knex('documents').count({ n: '*' }))[0].n)).to.equal(200);
    const audit = await s.call('GET', '/api/audit/verify', 'admin');
    expect(audit.body.broken).to.deep.equal([]);
    expect(audit.body.checked).to.equal(200);
    // The requester gets one mail naming the 200 decisions, not 200 mails.
    const mail = await s.knex('outbox').where('id', '>', 0).orderBy('id').offset(mailBefore);
    expect(mail.map((m: any) => [m.template, m.to_email])).to.deep.equal([['decision', 'guomao.requester@example.org.cn']]);
    expect(mail[0].instance_id).to.equal(null);
    expect(mail[0].subject).to.match(/200/);
    for (const id of ids) expect(mail[0].body).to.include(`/api/instances/${id}`);
  });

  it('writes nothing when one item is bad and names that item (index, case, status, errors)', async () => {
    const ids = await submitted(s, 10);
    const before = await tables(s);
    const items = ids.map((instanceId) => ({ instanceId, event: { type: 'APPROVE' } as Record<string, unknown> }));
    items[7].event = { type: 'APPROVE', conditions: 5 };
    const res = await s.call('POST', BATCH, 'jianwai.approver', { items });
    expect(res.status).to.equal(422);
    expect(res.headers.get('content-type')).to.match(/application\/problem\+json/);
    expect(res.body.items).to.have.length(1);
    expect(res.body.items[0]).to.include({ index: 7, instanceId: ids[7], status: 422, code: 'invalid' });
    expect(res.body.items[0].errors[0].pointer).to.equal('/conditions');
    expect(await tables(s)).to.equal(before);
  });

  it('names every refused item: a case outside the caller\'s subtree, one that does not exist, an event its role may not send', async () => {
    const [a, b] = await submitted(s, 2);
    const other = (await s.call('POST', '/api/workflows/purchased-service-hire/instances', 'zgc-soft.requester', p1Request())).body.id;
    await s.call('POST', `/api/instances/${other}/events`, 'zgc-soft.requester', { type: 'SUBMIT' });
    const before = await tables(s);
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await s.call('POST', BATCH, 'jianwai.approver', { items: [
      { instanceId: a, event: { type: 'APPROVE' } }, { instanceId: other, event: { type: 'APPROVE' } }, { instanceId: missing, event: { type: 'APPROVE' } }, { instanceId: b, event: { type: 'WITHDRAW' } },
    ] });
    expect(res.status).to.equal(422);
    expect(res.body.items.map((x: any) => [x.index, x.instanceId, x.status, x.code])).to.deep.equal([
      [1, other, 403, 'forbidden'], [2, missing, 404, 'not_found'], [3, b, 403, 'forbidden'],
    ]);
    expect(res.body.items.every((x: any) => typeof x.message === 'string' && Array.isArray(x.errors))).to.equal(true);
    const role = await s.call('POST', BATCH, 'guomao.requester', { items: [{ instanceId: a, event: { type: 'APPROVE' } }] });
    expect(role.status).to.equal(422);
    expect(role.body.items[0]).to.include({ index: 0, status: 403, code: 'forbidden' });
    expect(await tables(s)).to.equal(before);
  });

  it('rolls back every earlier item, the ID number\'s identity row included, when a business check refuses a later item in the transaction', async () => {
    const [a, b] = await submitted(s, 2);
    for (const id of [a, b]) expect((await s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'APPROVE' })).status).to.equal(200);
    const before = await tables(s);
    const identities = await s.knex('person_identities').count({ n: '*' });
    const person = { type: 'RECORD_CANDIDATE', postIndex: 0, name: '周敏', idNumber: withCheckDigit('11010519900307123'), knowsLabourLaw: true, goodAtMassWork: true };
    const [x, y] = a < b ? [a, b] : [b, a]; // applied in case id order: the refused item comes after the written one
    const res = await s.call('POST', BATCH, 'guomao.requester', { items: [{ instanceId: y, event: { type: 'CLOSE_HIRING' } }, { instanceId: x, event: person }] });
    expect(res.status).to.equal(422);
    expect(res.body.items.map((i: any) => [i.index, i.instanceId, i.code])).to.deep.equal([[0, y, 'invalid']]);
    expect(res.body.items[0].errors[0].message).to.match(/尚未登记任何合同/);
    expect(await tables(s)).to.equal(before);
    expect(await s.knex('person_identities').count({ n: '*' })).to.deep.equal(identities);
  });

  it('applies a case named twice in order: the second item sees the case as the first left it (409 when every refusal is a conflict)', async () => {
    const [a, b] = await submitted(s, 2);
    const before = await tables(s);
    const res = await s.call('POST', BATCH, 'jianwai.approver', { items: [
      { instanceId: a, event: { type: 'APPROVE' } }, { instanceId: b, event: { type: 'APPROVE' } }, { instanceId: a, event: { type: 'REJECT', reason: '重复' } },
    ] });
    expect(res.status).to.equal(409);
    expect(res.body.items.map((x: any) => [x.index, x.instanceId, x.code])).to.deep.equal([[2, a, 'conflict']]);
    expect(await tables(s)).to.equal(before);
    // In order, a case may take several steps in one batch.
    const c = (await s.call('POST', '/api/workflows/purchased-service-hire/instances', 'guomao.requester', p1Request())).body.id;
    const two = await s.call('POST', BATCH, 'guomao.requester', { items: [{ instanceId: c, event: { type: 'SUBMIT' } }, { instanceId: c, event: { type: 'WITHDRAW', reason: '撤回重填' } }] });
    expect(two.status).to.equal(200);
    expect(two.body.items.map((x: any) => [x.id, x.version, x.state])).to.deep.equal([[c, 2, 'submitted'], [c, 3, 'withdrawn']]);
    expect((await s.call('GET', `/api/instances/${c}/history`, 'guomao.requester')).body.chain.valid).to.equal(true);
  });

  it('refuses an item its case\'s state does not take with the message and allowed events a single event gets', async () => {
    const [a] = await submitted(s, 1);
    await s.call('POST', `/api/instances/${a}/events`, 'jianwai.approver', { type: 'APPROVE' });
    const single = await s.call('POST', `/api/instances/${a}/events`, 'jianwai.approver', { type: 'REJECT', reason: '晚了' });
    const res = await s.call('POST', BATCH, 'jianwai.approver', { items: [{ instanceId: a, event: { type: 'REJECT', reason: '晚了' } }] });
    expect(res.status).to.equal(409);
    expect(res.body.items[0]).to.deep.include({ index: 0, status: 409, message: single.body.detail, allowedEvents: single.body.allowedEvents, state: 'approved' });
  });

  it('honours an Idempotency-Key: the same batch again answers the first answer and writes nothing twice', async () => {
    const ids = await submitted(s, 3);
    const body = { items: ids.map((instanceId) => ({ instanceId, event: { type: 'APPROVE' } })) };
    const first = await s.call('POST', BATCH, 'jianwai.approver', body, { 'idempotency-key': 'batch-1' });
    expect(first.status).to.equal(200);
    const before = await tables(s);
    const again = await s.call('POST', BATCH, 'jianwai.approver', body, { 'idempotency-key': 'batch-1' });
    expect(again.status).to.equal(200);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(again.body).to.deep.equal(first.body);
    expect(await tables(s)).to.equal(before);
  });

  it('refuses an empty batch and one of more than 5,000 items before reading any case', async () => {
    expect((await s.call('POST', BATCH, 'jianwai.approver', { items: [] })).status).to.equal(422);
    const many = { items: Array.from({ length: 5001 }, () => ({ instanceId: '00000000-0000-4000-8000-000000000000', event: { type: 'APPROVE' } })) };
    const res = await s.call('POST', BATCH, 'jianwai.approver', many);
    expect(res.status).to.equal(422);
    expect(res.body.errors[0].pointer).to.equal('/items');
  });

  it('costs statements linear in the batch and far below one event at a time', async function () {
    this.timeout(60_000);
    const ids = await submitted(s, 151);
    const actor = { id: String(s.demo!.users['jianwai.approver'].id), name: '李强', orgId: s.demo!.orgs.jianwai.id, roles: ['approver' as const] };
    const single = await statementsOf(s, () => s.engine.send({ instanceId: ids[150], event: { type: 'APPROVE' }, actor }));
    const batch = (from: number, n: number) => statementsOf(s, () => s.engine.sendMany({ items: ids.slice(from, from + n).map((instanceId) => ({ instanceId, event: { type: 'APPROVE' } })), actor }));
    const s50 = await batch(0, 50);
    const s100 = await batch(50, 100);
    if (process.env.BATCH_COUNTS) console.log({ single, s50, s100 });
    expect(s100).to.be.within(1.8 * s50, 2.2 * s50);
    expect(s100, `batch of 100: ${s100} statements; one event: ${single}`).to.be.below(0.7 * 100 * single);
  });
});
