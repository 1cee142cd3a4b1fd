// Every list route pages with a cursor (API.md "Lists are paged with a cursor"): a bounded `limit`,
// `next` while more rows exist, and walking the pages shows every row exactly once.
import { expect } from 'chai';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';

const HOUR = 3_600_000;

describe('list routes page with a cursor', () => {
  let s: Sys;
  let cases: string[];
  const dates = ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14'];
  before(async () => {
    s = await startTestSystem();
    cases = [];
    for (let i = 0; i < 12; i++) {
      if (i % 3 === 0) s.clock.advance(HOUR); // ties in created_at and in due dates, and rows that differ
      cases.push(await submittedRequest(s));
    }
    for (const d of dates) await s.call('PUT', `/api/calendar/overrides/${d}`, 'admin', { kind: d.endsWith('01') ? 'holiday' : 'workday' });
    const org = (await s.knex('orgs').where({ name: '北京国贸物业管理有限公司工会' }).first()).id;
    for (let i = 0; i < 9; i++)
      await s.knex('people').insert({ org_id: org, name: `人员${i}`, kind: 'purchased_service_staff', status: 'active', start_date: '2026-01-01', end_date: null, details: '{}', source_instance_id: null, created_at: new Date().toISOString() });
  });
  after(async () => s.cleanup());

  const ids = (t: string, q?: (k: any) => any) => async () => ((await (q ? q(s.knex(t)) : s.knex(t))) as { id: unknown }[]).map((r) => String(r.id));
  const routes: { path: string; login: string; all: () => Promise<string[]>; key?: (item: any) => string }[] = [
    { path: '/api/orgs', login: 'admin', all: ids('orgs') },
    { path: '/api/users', login: 'admin', all: ids('users') },
    { path: '/api/people', login: 'admin', all: ids('people') },
    { path: '/api/instances', login: 'jianwai.approver', all: async () => cases },
    { path: '/api/notifications', login: 'admin', all: ids('outbox') },
    { path: '/api/calendar/overrides', login: 'guomao.requester', all: async () => dates, key: (o) => o.date },
    { path: '/api/tasks', login: 'jianwai.approver', all: async () => cases },
    { path: '/api/deadlines', login: 'jianwai.approver', all: ids('deadlines', (k) => k.whereIn('status', ['pending', 'fired'])) },
  ];

  for (const r of routes) {
    it(`${r.path}: walking its pages shows every row exactly once`, async () => {
      const expected = await r.all();
      const limit = 5;
      expect(expected.length, 'more rows than one page').to.be.greaterThan(limit);
      const seen: string[] = [];
      let next: string | null = null;
      let pages = 0;
      do {
        const res = await s.call('GET', `${r.path}?limit=${limit}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`, r.login);
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.items.length).to.be.at.most(limit);
        expect(res.body).to.have.property('next');
        seen.push(...res.body.items.map(r.key ?? ((x: any) => String(x.id))));
        next = res.body.next;
        if (next) expect(res.body.items).to.have.length(limit);
        expect(++pages).to.be.at.most(expected.length);
      } while (next);
      expect(pages).to.equal(Math.ceil(expected.length / limit));
      expect(new Set(seen).size, 'no row twice').to.equal(seen.length);
      expect([...seen].sort()).to.deep.equal([...expected].sort());
    });

    it(`${r.path}: refuses a limit out of 1–200 and a cursor it did not give out, with 400`, async () => {
      const bad = ['limit=0', 'limit=201', 'limit=-1', 'limit=abc', 'limit=1e3', 'cursor=%25%25', `cursor=${Buffer.from('"x"').toString('base64url')}`,
        `cursor=${Buffer.from('{"a":1}').toString('base64url')}`, `cursor=${Buffer.from('[1,2,3,4,5]').toString('base64url')}`, `cursor=${Buffer.from('null').toString('base64url')}`];
      for (const q of bad) {
        const res = await s.call('GET', `${r.path}?${q}`, r.login);
        expect(res.status, `${q}: ${JSON.stringify(res.body)}`).to.equal(400);
        expect(res.headers.get('content-type')).to.match(/application\/problem\+json/);
      }
    });
  }

  it('the default page is bounded too: GET /api/deadlines without limit gives at most 100 and a next', async () => {
    for (let i = 0; i < 24; i++) cases.push(await submittedRequest(s)); // 36 cases × 3 deadlines
    const res = await s.call('GET', '/api/deadlines', 'jianwai.approver');
    expect(res.body.items).to.have.length(100);
    expect(res.body.next).to.be.a('string');
    expect((await s.call('GET', `/api/deadlines?cursor=${res.body.next}`, 'jianwai.approver')).body.items).to.have.length(8);
  });

  it('keeps its filters across pages (GET /api/deadlines?within=8d)', async () => {
    const all = (await s.knex('deadlines').whereIn('status', ['pending', 'fired']).where('due_at', '<=', s.clock.now().getTime() + 8 * 86_400_000)).length;
    let n = 0;
    let next: string | null = null;
    do {
      const res = await s.call('GET', `/api/deadlines?within=8d&limit=7${next ? `&cursor=${next}` : ''}`, 'jianwai.approver');
      n += res.body.items.length;
      next = res.body.next;
    } while (next);
    expect(n).to.equal(all).and.greaterThan(7);
  });
});
