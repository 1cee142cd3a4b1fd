// The inbox (GET /api/tasks) is paged and sorted in SQL, and a page costs the same few SQL
// statements however many cases wait in it.
import { expect } from 'chai';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';

const DAY = 86_400_000;

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

describe('the inbox (GET /api/tasks)', () => {
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem(); });
  afterEach(async () => s.cleanup());

  it('lists the soonest open deadline first, then the oldest case; a case without a deadline last', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await submittedRequest(s));
      s.clock.advance(60_000);
    }
    const soon = s.clock.now().getTime() + DAY;
    // ids[3] has the soonest deadline; ids[1] and ids[4] share one; ids[0] has none left.
    await s.knex('deadlines').where({ instance_id: ids[3] }).update({ due_at: soon });
    await s.knex('deadlines').whereIn('instance_id', [ids[4], ids[1]]).update({ due_at: soon + DAY });
    await s.knex('deadlines').where({ instance_id: ids[0] }).update({ status: 'cancelled' });
    const expected = [ids[3], ids[1], ids[4], ids[2], ids[0]];
    expect((await s.call('GET', '/api/tasks', 'jianwai.approver')).body.items.map((x: any) => x.id)).to.deep.equal(expected);
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const res = await s.call('GET', `/api/tasks?limit=2${next ? `&cursor=${next}` : ''}`, 'jianwai.approver');
      seen.push(...res.body.items.map((x: any) => x.id));
      next = res.body.next;
    } while (next);
    expect(seen).to.deep.equal(expected);
  });

  it("lists the cases the caller's union supervises, marked watching, with its tasks by soonest deadline: a by-election for the parent union's approver", async () => {
    const p1 = await submittedRequest(s); // a task of jianwai.approver, due in a few working days
    const vacancy = { vacancyDate: '2026-02-10', reason: 'transferred', actingChair: '赵副主席', previousChair: '钱主席' };
    const p4 = (await s.call('POST', '/api/workflows/chair-by-election/instances', 'guomao.requester', vacancy)).body;
    expect(p4.state).to.equal('open.beforeTheVote.nomination'); // waits on the union itself
    const inbox = async (login: string) => (await s.call('GET', '/api/tasks', login)).body.items.map((x: any) => [x.id, x.watching]);
    expect(await inbox('jianwai.approver')).to.deep.equal([[p1, false], [p4.id, true]]); // the three months end after the approval's days
    expect(await inbox('guomao.requester')).to.deep.include([p4.id, false]);
    expect(await inbox('zgc.approver')).to.deep.equal([]);
    // Its export says the same: a 督办 column, marked on the supervised case only.
    const csv = await (await fetch(`${s.url}/api/tasks`, { headers: { accept: 'text/csv', authorization: `Bearer ${s.token('jianwai.approver')}` } })).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r\n/).map((l) => l.split(','));
    expect(lines[0].at(-1)).to.equal('督办');
    expect(lines.slice(1).map((l) => [l[0], l.at(-1)])).to.deep.equal([[p1, ''], [p4.id, '督办']]);
    expect(await inbox('chaoyang.approver')).to.deep.equal([]); // the grandparent union does not supervise it
    await s.call('POST', `/api/instances/${p4.id}/events`, 'guomao.requester', { type: 'NOMINATE', candidates: [{ name: '孙敏', currentPost: '工会副主席', partyMember: true }] });
    expect(await inbox('jianwai.approver')).to.deep.include([p4.id, false]); // now its move: a task, listed once
    expect((await s.call('GET', '/api/tasks?type=chair-by-election', 'jianwai.approver')).body.items).to.have.length(1);
    const states = (await s.call('GET', '/api/workflows/chair-by-election', 'jianwai.approver')).body.states;
    const by = (name: string) => states.find((x: any) => x.name === name).watchedBy;
    expect([by('open.beforeTheVote.nomination'), by('open.resultReview'), by('chairRecorded')]).to.deep.equal([{ relation: 'parent', roles: ['approver'] }, { relation: 'parent', roles: ['approver'] }, null]);
  });

  it('answers a page in the same number of SQL statements for 5 and for 60 waiting cases', async () => {
    const counts: number[] = [];
    let n = 0;
    for (const size of [5, 60]) {
      while (n < size) { await submittedRequest(s); n++; }
      let res: any = await s.call('GET', '/api/tasks', 'jianwai.approver'); // warm: the server keeps tokens and unions it has read
      counts.push(await statementsOf(s, async () => { res = await s.call('GET', '/api/tasks', 'jianwai.approver'); }));
      expect(res.body.items).to.have.length(size);
      expect(res.body.items[0].allowedEvents.map((e: any) => e.type)).to.include('APPROVE');
      expect(res.body.items[0].documents).to.deep.equal([]);
    }
    expect(counts[1]).to.equal(counts[0]);
    expect(counts[0]).to.be.at.most(8);
    // A page of 50 out of 60 costs the same as well.
    expect(await statementsOf(s, () => s.call('GET', '/api/tasks?limit=50', 'jianwai.approver'))).to.equal(counts[0]);
  });

  it('answers a page of GET /api/instances in the same number of SQL statements for 5 and for 60 cases', async () => {
    const counts: number[] = [];
    let n = 0;
    for (const size of [5, 60]) {
      while (n < size) { await submittedRequest(s); n++; }
      await s.call('GET', '/api/instances?limit=100', 'jianwai.approver'); // warm, as above
      counts.push(await statementsOf(s, () => s.call('GET', '/api/instances?limit=100', 'jianwai.approver')));
    }
    expect(counts[1]).to.equal(counts[0]);
  });
});
