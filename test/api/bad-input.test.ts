// Bad input never reaches the database: a 4xx problem+json a clerk can act on, and nothing changes.
import { expect } from 'chai';
import { p1Request } from '../helpers.ts';
import { P1, startTestSystem, submittedRequest, type Sys, databaseState } from './client.ts';


describe('bad input', () => {
  let s: Sys;
  let id: string;
  before(async () => {
    s = await startTestSystem();
    id = await submittedRequest(s);
  });
  after(async () => s.cleanup());

  const snapshot = () => databaseState(s);

  const events = () => `/api/instances/${id}/events`;
  const cases: { name: string; method: string; path: () => string; login: string; body?: unknown; headers?: Record<string, string>; status: number; pointer?: string }[] = [
    { name: 'malformed JSON', method: 'POST', path: () => P1, login: 'guomao.requester', body: '{"posts": [', status: 400 },
    { name: 'body over the size limit', method: 'POST', path: () => P1, login: 'guomao.requester', body: JSON.stringify({ ...p1Request(), reason: '长'.repeat(70000) }), status: 400 },
    { name: 'not JSON at all', method: 'POST', path: () => P1, login: 'guomao.requester', body: 'posts=1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415 },
    { name: 'a JSON array instead of an object', method: 'POST', path: () => P1, login: 'guomao.requester', body: [], status: 422 },
    { name: 'a missing field', method: 'POST', path: () => P1, login: 'guomao.requester', body: { ...p1Request(), reason: undefined }, status: 422, pointer: '/reason' },
    { name: 'a wrong type', method: 'POST', path: () => P1, login: 'guomao.requester', body: { ...p1Request(), annualBudgetYuan: '九万' }, status: 422, pointer: '/annualBudgetYuan' },
    { name: 'a zero headcount', method: 'POST', path: () => P1, login: 'guomao.requester', body: { ...p1Request(), posts: [{ title: 'x', count: 0, duties: 'y' }] }, status: 422, pointer: '/posts/0/count' },
    { name: 'funds other than its own', method: 'POST', path: () => P1, login: 'guomao.requester', body: { ...p1Request(), fundSource: 'city_budget' }, status: 422, pointer: '/fundSource' },
    { name: 'an unknown field', method: 'POST', path: () => P1, login: 'guomao.requester', body: { ...p1Request(), salary: 1 }, status: 422, pointer: '/salary' },
    { name: 'an unknown process', method: 'POST', path: () => '/api/workflows/no-such/instances', login: 'guomao.requester', body: p1Request(), status: 404 },
    { name: 'an event without a type', method: 'POST', path: events, login: 'jianwai.approver', body: { comment: 'x' }, status: 422, pointer: '/type' },
    { name: 'an unknown event', method: 'POST', path: events, login: 'jianwai.approver', body: { type: 'STAMP' }, status: 422, pointer: '/type' },
    { name: 'an event not allowed now', method: 'POST', path: events, login: 'guomao.requester', body: { type: 'SUBMIT' }, status: 409 },
    { name: 'an event with a field it does not take', method: 'POST', path: events, login: 'jianwai.approver', body: { type: 'APPROVE', amount: 5 }, status: 422, pointer: '/amount' },
    { name: 'a stale If-Match', method: 'POST', path: events, login: 'jianwai.approver', body: { type: 'APPROVE' }, headers: { 'if-match': '"1"' }, status: 412 },
    { name: 'a malformed If-Match', method: 'POST', path: events, login: 'jianwai.approver', body: { type: 'APPROVE' }, headers: { 'if-match': 'version two' }, status: 400 },
    { name: 'an instance id that is not one', method: 'POST', path: () => '/api/instances/../../etc/events', login: 'jianwai.approver', body: { type: 'APPROVE' }, status: 404 },
    { name: 'a NUL byte as the case id of an event', method: 'POST', path: () => '/api/instances/%00/events', login: 'jianwai.approver', body: { type: 'APPROVE' }, status: 404 },
    { name: 'a NUL byte as the date of an override to delete', method: 'DELETE', path: () => '/api/calendar/overrides/%00', login: 'admin', status: 404 },
    { name: 'an unknown instance', method: 'GET', path: () => '/api/instances/00000000-0000-4000-8000-000000000000', login: 'jianwai.approver', status: 404 },
    { name: 'a bad list filter', method: 'GET', path: () => '/api/instances?status=sleeping', login: 'jianwai.approver', status: 400 },
    { name: 'a bad cursor', method: 'GET', path: () => '/api/instances?cursor=%%%', login: 'jianwai.approver', status: 400 },
    { name: 'a login with spaces', method: 'POST', path: () => '/api/users', login: 'admin', body: { name: 'x', login: 'bad login!', orgId: 1, roles: ['requester'] }, status: 422, pointer: '/login' },
    { name: 'an unknown role', method: 'POST', path: () => '/api/users', login: 'admin', body: { name: 'x', login: 'someone', orgId: 1, roles: ['king'] }, status: 422, pointer: '/roles/0' },
    { name: 'an Idempotency-Key that is too long', method: 'POST', path: () => P1, login: 'guomao.requester', body: p1Request(), headers: { 'idempotency-key': 'k'.repeat(201) }, status: 400 },
  ];

  for (const c of cases)
    it(`answers ${c.status} problem+json for ${c.name} and changes nothing`, async () => {
      const before = await snapshot();
      const res = await s.call(c.method, c.path(), c.login, c.body, c.headers);
      expect(res.status, JSON.stringify(res.body)).to.equal(c.status);
      expect(res.headers.get('content-type')).to.match(/application\/problem\+json/);
      expect(res.body).to.include.keys('type', 'title', 'status', 'detail');
      expect(res.body.status).to.equal(c.status);
      expect(res.body.detail).to.be.a('string').and.match(/[\u4e00-\u9fff]/); // a clerk's language first
      if (c.pointer) expect(res.body.errors.map((e: any) => e.pointer)).to.include(c.pointer);
      expect(await snapshot()).to.equal(before);
    });

  it('names the allowed events when an event is not allowed now', async () => {
    const res = await s.call('POST', events(), 'guomao.requester', { type: 'RECORD_CONTRACT', candidate: 'c1', kind: 'labour_contract', number: '1', startDate: '2026-04-01', endDate: '2027-04-01' });
    expect(res.status).to.equal(409);
    expect(res.body.allowedEvents).to.deep.equal(['WITHDRAW']);
    expect(res.body.detail).to.include('WITHDRAW');
  });

  it('round-trips Chinese text unchanged', async () => {
    const text = '熟悉《劳动合同法》《工会法》，能用粤语、普通话与职工沟通；“娘家人”';
    const res = await s.call('POST', P1, 'guomao.requester', { ...p1Request(), qualifications: text });
    const got = await s.call('GET', `/api/instances/${res.body.id}`, 'guomao.requester');
    expect(got.body.context.request.qualifications).to.equal(text);
  });
});
