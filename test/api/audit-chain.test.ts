// The audit trail catches tampering done in the database itself, behind the application's back:
// each case is bound to the head of its hash chain (seq, hash, state, snapshot).
import { expect } from 'chai';
import type { Knex } from 'knex';
import { openDatabase } from '../../db/index.ts';
import { auditSubtree } from '../../server/routes/audit.ts';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';

describe('audit: the history chain binds each case (tampering in the database is detected)', () => {
  let s: Sys;
  let raw: Knex; // a second connection to the same database, as someone editing it directly would use
  const ids: Record<string, string> = {};
  const ev = (id: string, login: string, body: object) => s.call('POST', `/api/instances/${id}/events`, login, body);
  const chainOf = async (id: string) => (await s.call('GET', `/api/instances/${id}/history`, 'chaoyang.viewer')).body.chain;

  before(async () => {
    s = await startTestSystem();
    for (const k of ['deleted', 'state', 'snapshot', 'payload', 'untouched']) {
      const id = await submittedRequest(s);
      await ev(id, 'jianwai.approver', { type: 'RETURN', comment: '请补充经费测算' });
      await ev(id, 'guomao.requester', { type: 'UPDATE', annualBudgetYuan: 88000 });
      await ev(id, 'guomao.requester', { type: 'RESUBMIT', note: '已补充' });
      ids[k] = id; // START, SUBMIT, RETURN, UPDATE, RESUBMIT: seq 1–5, state submitted
    }
    raw = openDatabase(s.db.url);
  });
  after(async () => {
    await raw.destroy();
    await s.cleanup();
  });

  it('an untampered case verifies, with the head bound to its last row', async () => {
    expect(await chainOf(ids.untouched)).to.deep.equal({ valid: true, brokenAtSeq: null, reason: null });
    const inst = await raw('instances').where({ id: ids.untouched }).first();
    const last = await raw('history').where({ instance_id: ids.untouched }).orderBy('seq', 'desc').first();
    expect(inst.head_hash).to.equal(last.hash);
    expect(last.seq).to.equal(inst.version);
  });

  it('detects a deleted last row with the version and state lowered to match', async () => {
    const id = ids.deleted;
    await raw('history').where({ instance_id: id, seq: 5 }).delete();
    await raw('instances').where({ id }).update({ version: 4, state: 'returned' });
    expect(await chainOf(id)).to.deep.equal({ valid: false, brokenAtSeq: 4, reason: 'head_mismatch' });
  });

  it('detects instances.state edited directly', async () => {
    await raw('instances').where({ id: ids.state }).update({ state: 'approved' });
    expect(await chainOf(ids.state)).to.deep.equal({ valid: false, brokenAtSeq: 5, reason: 'state_mismatch' });
  });

  it('detects the stored snapshot edited directly', async () => {
    const inst = await raw('instances').where({ id: ids.snapshot }).first();
    const snap = JSON.parse(inst.snapshot);
    snap.context.request.annualBudgetYuan = 960000;
    await raw('instances').where({ id: ids.snapshot }).update({ snapshot: JSON.stringify(snap) });
    expect(await chainOf(ids.snapshot)).to.deep.equal({ valid: false, brokenAtSeq: 5, reason: 'snapshot_mismatch' });
  });

  it('detects a payload edited in the middle of the chain, at that row', async () => {
    await raw('history').where({ instance_id: ids.payload, seq: 3 }).update({ payload: JSON.stringify({ comment: '同意' }) });
    expect(await chainOf(ids.payload)).to.deep.equal({ valid: false, brokenAtSeq: 3, reason: 'hash_mismatch' });
  });

  it('GET /api/audit/verify lists every tampered case in the admin\'s subtree and only those', async () => {
    const res = await s.call('GET', '/api/audit/verify', 'admin');
    expect(res.status).to.equal(200);
    expect(res.body.checked).to.equal(5);
    expect(res.body.broken).to.have.deep.members([
      { instanceId: ids.deleted, brokenAtSeq: 4, reason: 'head_mismatch' },
      { instanceId: ids.state, brokenAtSeq: 5, reason: 'state_mismatch' },
      { instanceId: ids.snapshot, brokenAtSeq: 5, reason: 'snapshot_mismatch' },
      { instanceId: ids.payload, brokenAtSeq: 3, reason: 'hash_mismatch' },
    ]);
  });

  it('walks the cases page by page with the same result', async () => {
    const root = await s.knex('orgs').whereNull('parent_id').first();
    const whole = await auditSubtree(s.knex, root, 1000);
    const paged = await auditSubtree(s.knex, root, 2);
    expect(paged).to.deep.equal(whole);
    expect(paged.checked).to.equal(5);
  });

  it('is for administrators only', async () => {
    const res = await s.call('GET', '/api/audit/verify', 'chaoyang.viewer');
    expect(res.status).to.equal(403);
    expect(res.headers.get('content-type')).to.match(/application\/problem\+json/);
  });

  it('a case outside the admin\'s subtree is not checked', async () => {
    const zgc = await s.knex('orgs').where({ name: '中关村街道总工会' }).first();
    expect(await auditSubtree(s.knex, zgc, 100)).to.deep.equal({ checked: 0, broken: [] });
  });
});
