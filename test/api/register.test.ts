// The real-name register over HTTP (R-realname §3.4): HR adds and edits people and dated entries,
// ID numbers are checked (GB 11643) and shown whole only to hr/admin of the person's union or above,
// another district sees none of it, and pre-job training moves onboarding people in post (R-prejob §3.2.3).
import { expect } from 'chai';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { databaseState, startTestSystem, type Sys } from './client.ts';

describe('register API: people, entries, ID numbers, onboarding', () => {
  let s: Sys;
  let haidianHr: string;
  let n = 0;
  const idNumber = () => withCheckDigit(`1101051990${String(101 + n++).padStart(4, '0')}01${n % 10}`.slice(0, 17));
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const person = (o: Record<string, unknown> = {}) => ({
    name: '李娜', idNumber: idNumber(), kind: 'social_worker', orgId: s.demo!.orgs['jianwai-station'].id, post: '社会工作者', startDate: '2026-03-02',
    contract: { kind: 'labour_contract', number: 'HT-2026-01', from: '2026-03-02', to: '2029-03-01' }, payBand: '三档', phone: '010-85000000', email: 'lina@example.org.cn', certificates: ['助理社会工作师'], ...o,
  });
  const add = (o?: Record<string, unknown>, login = 'chaoyang.hr') => s.call('POST', '/api/people', login, person(o));
  const training = (hours: number, onDate = '2026-03-10') => ({ kind: 'training', onDate, course: '岗前培训', hours, provider: '市总工会干部学校', ethics: true });

  before(async () => {
    s = await startTestSystem();
    haidianHr = (await s.call('POST', '/api/users', 'admin', { name: '海淀人事', login: 'haidian.hr', email: 'haidian.hr@example.org.cn', orgId: s.demo!.orgs.haidian.id, roles: ['hr'] })).body.token;
  });
  after(async () => s.cleanup());

  it('adds a person with every field: 201, onboarding for a P7 kind, the ID number whole for the hr who added them, a status and a contract entry', async () => {
    const body = person({ idNumber: withCheckDigit('11010519491231002').toLowerCase() });
    const res = await s.call('POST', '/api/people', 'chaoyang.hr', body);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body).to.deep.include({ name: '李娜', kind: 'social_worker', status: 'onboarding', post: '社会工作者', startDate: '2026-03-02', contractEnd: '2029-03-01', idNumber: '11010519491231002X' });
    expect(res.body.details).to.deep.include({ payBand: '三档', phone: '010-85000000', email: 'lina@example.org.cn', certificates: ['助理社会工作师'] });
    expect(res.body.entries.map((e: any) => [e.kind, e.onDate])).to.deep.equal([['status', '2026-03-02'], ['contract', '2026-03-02']]);
    expect(res.body.entries[0].data).to.deep.include({ from: null, to: 'onboarding' });
  });

  it('refuses bad input with a field error each and stores nothing: wrong check digit, impossible birth date, bad dates, a contract ending before it starts', async () => {
    const before = await databaseState(s);
    const good = idNumber();
    const wrongCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const cases: [Record<string, unknown>, string][] = [
      [{ idNumber: wrongCheck }, '/idNumber'],
      [{ idNumber: withCheckDigit('11010519990230001') }, '/idNumber'],
      [{ idNumber: '1101051990' }, '/idNumber'],
      [{ startDate: '2026-02-30' }, '/startDate'],
      [{ contract: { kind: 'labour_contract', from: '2026-03-02', to: '2026-01-01' } }, '/contract/to'],
    ];
    for (const [o, pointer] of cases) {
      const res = await add(o);
      expect(res.status, JSON.stringify(o)).to.equal(422);
      expect(res.headers.get('content-type')).to.match(/problem\+json/);
      expect(res.body.errors.map((e: any) => e.pointer), JSON.stringify(res.body)).to.include(pointer);
    }
    expect((await add({ idNumber: wrongCheck })).body.errors[0].message).to.match(/校验码应为/);
    expect(await databaseState(s)).to.equal(before);
  });

  it('refuses the same ID number while a record of it is open: 409 naming the existing record', async () => {
    const number = idNumber();
    const first = await add({ idNumber: number });
    const again = await add({ idNumber: number.toLowerCase(), name: '李娜二' });
    expect(again.status).to.equal(409);
    expect(again.body.existing).to.deep.include({ id: first.body.id });
    expect(again.body.detail).to.include(String(first.body.id));
  });

  it('masks the ID number for a viewer of the union, in the list and its export; hr sees it whole on one record and in the export', async () => {
    const number = idNumber();
    const id = (await add({ idNumber: number, name: '周敏' })).body.id;
    const viewer = await s.call('GET', `/api/people/${id}`, 'chaoyang.viewer');
    expect(viewer.status).to.equal(200);
    expect(viewer.body.idNumber).to.equal(`${number.slice(0, 4)}**********${number.slice(14)}`);
    const list = await s.call('GET', '/api/people?name=周敏', 'chaoyang.hr');
    expect(list.body.items[0].idNumber).to.not.equal(number);
    const csv = async (login: string) => (await fetch(`${s.url}/api/people?name=周敏`, { headers: { ...as(s.token(login)), accept: 'text/csv' } })).text();
    const masked = await csv('chaoyang.viewer');
    expect(masked).to.not.include(number);
    expect(masked).to.include('社会工作者').and.include('2029-03-01').and.include('三档');
    expect(await csv('chaoyang.hr')).to.include(number);
  });

  it('filters in SQL by post and by a contract ending before a date', async () => {
    await add({ name: '孙悦', post: '劳动法律监督员助理', contract: { kind: 'service_agreement', from: '2026-03-02', to: '2026-06-30' } });
    const byPost = await s.call('GET', `/api/people?post=${encodeURIComponent('监督员助理')}`, 'chaoyang.hr');
    expect(byPost.body.items.map((p: any) => p.name)).to.deep.equal(['孙悦']);
    const ending = await s.call('GET', '/api/people?contractEndsBefore=2026-12-31', 'chaoyang.hr');
    expect(ending.body.items.map((p: any) => p.name)).to.deep.equal(['孙悦']);
  });

  it('edits a record; a status change writes a status entry with the reason', async () => {
    const id = (await add({ kind: 'lawyer' })).body.id;
    const res = await s.call('PATCH', `/api/people/${id}`, 'chaoyang.hr', { post: '驻站律师', payBand: '四档', status: 'exit_review', reason: '合同到期 / contract ends' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.deep.include({ post: '驻站律师', status: 'exit_review' });
    expect(res.body.details.payBand).to.equal('四档');
    expect(res.body.entries.at(-1)).to.deep.include({ kind: 'status' });
    expect(res.body.entries.at(-1).data).to.deep.equal({ from: 'in_post', to: 'exit_review', reason: '合同到期 / contract ends' });
    expect((await s.call('PATCH', `/api/people/${id}`, 'chaoyang.hr', { endDate: '2020-01-01' })).status).to.equal(422);
  });

  it('adds talk, commendation and certificate entries to the timeline; refuses negative hours', async () => {
    const id = (await add()).body.id;
    expect((await s.call('POST', `/api/people/${id}/records`, 'chaoyang.hr', { kind: 'talk', onDate: '2026-04-01', with: '张伟', topic: '工作适应情况' })).status).to.equal(201);
    expect((await s.call('POST', `/api/people/${id}/records`, 'chaoyang.hr', { kind: 'commendation', onDate: '2026-05-01', title: '优秀社会工作者' })).status).to.equal(201);
    const cert = await s.call('POST', `/api/people/${id}/records`, 'chaoyang.hr', { kind: 'certificate', onDate: '2026-06-01', name: '社会工作师' });
    expect(cert.body.entries.map((e: any) => e.kind)).to.deep.equal(['status', 'contract', 'talk', 'commendation', 'certificate']);
    const before = await databaseState(s);
    const bad = await s.call('POST', `/api/people/${id}/records`, 'chaoyang.hr', training(-2));
    expect(bad.status).to.equal(422);
    expect(bad.body.errors.map((e: any) => e.pointer)).to.include('/hours');
    expect(await databaseState(s)).to.equal(before);
  });

  it('keeps a person onboarding at 15.5 pre-job hours and moves them in post with a status entry at 16', async () => {
    const id = (await add()).body.id;
    await s.call('POST', `/api/people/${id}/records`, 'chaoyang.hr', training(8, '2026-03-05'));
    const at155 = await s.call('POST', `/api/people/${id}/records`, 'chaoyang.hr', training(7.5, '2026-03-06'));
    expect(at155.body.status).to.equal('onboarding');
    const at16 = await s.call('POST', `/api/people/${id}/records`, 'chaoyang.hr', training(0.5, '2026-03-07'));
    expect(at16.body.status).to.equal('in_post');
    const last = at16.body.entries.at(-1);
    expect(last).to.deep.include({ kind: 'status', onDate: '2026-03-07' });
    expect(last.data).to.deep.include({ from: 'onboarding', to: 'in_post' });
    expect(last.data.reason).to.match(/R-prejob §3\.2\.3/);
  });

  it('counts pre-job hours only from the start date', async () => {
    const id = (await add({ startDate: '2026-03-10' })).body.id;
    const early = await s.call('POST', `/api/people/${id}/records`, 'chaoyang.hr', training(16, '2026-03-01'));
    expect(early.body.status).to.equal('onboarding');
  });

  it('shows another district none of it and lets it write nothing', async () => {
    const id = (await add()).body.id;
    const h = as(haidianHr);
    const get = async (path: string) => (await fetch(s.url + path, { headers: h })).status;
    const send = async (method: string, path: string, body: unknown) => (await fetch(s.url + path, { method, headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
    expect(await get(`/api/people/${id}`)).to.equal(403);
    const list = await (await fetch(`${s.url}/api/people?limit=200`, { headers: h })).json();
    expect(list.items).to.deep.equal([]);
    const before = await databaseState(s);
    expect(await send('PATCH', `/api/people/${id}`, { post: 'x' })).to.equal(403);
    expect(await send('POST', `/api/people/${id}/records`, training(16))).to.equal(403);
    expect(await send('POST', '/api/people', person())).to.equal(403); // a union of Chaoyang
    expect(await databaseState(s)).to.equal(before);
  });

  it('lets only hr and admin write: a viewer of the union is refused', async () => {
    const id = (await add()).body.id;
    expect((await s.call('POST', `/api/people/${id}/records`, 'chaoyang.viewer', training(16))).status).to.equal(403);
    expect((await add({}, 'chaoyang.viewer')).status).to.equal(403);
  });
});
