// Nested states over HTTP (issue 8 item 5): a P4 case (version 2) shows its state path and the title
// of its nearest declared state, waits in the inbox of whoever its state waits on, is found by a
// parent state in the case list, and the process description lists its states by path.
import { expect } from 'chai';
import { startTestSystem, type Sys } from './client.ts';

const P4 = '/api/workflows/chair-by-election/instances';
const vacancy = { vacancyDate: '2026-02-10', reason: 'transferred', actingChair: '赵副主席', previousChair: '钱主席' };
const candidate = { name: '孙敏', currentPost: '工会副主席', partyMember: true };

describe('nested states over HTTP', () => {
  let s: Sys;
  beforeEach(async () => { s = await startTestSystem(); });
  afterEach(async () => s.cleanup());

  it('a case in a nested state: its path, its title, the inbox it waits in, and the lists by parent state', async () => {
    const started = await s.call('POST', P4, 'guomao.requester', vacancy);
    expect(started.body).to.include({ state: 'open.beforeTheVote.nomination', definitionVersion: 2 });
    expect(started.body.stateTitle).to.deep.equal({ zh: '提名候选人', en: 'Nominating candidates' });
    const id = started.body.id;
    // Its tasks: the parent union also has it there all along, marked watching (it supervises the three months).
    const inbox = async (login: string) => (await s.call('GET', '/api/tasks', login)).body.items.filter((x: { watching: boolean }) => !x.watching).map((x: { id: string }) => x.id);
    expect(await inbox('guomao.requester')).to.include(id);
    expect(await inbox('jianwai.approver')).to.not.include(id);
    await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'NOMINATE', candidates: [candidate] });
    expect(await inbox('guomao.requester')).to.not.include(id);
    expect(await inbox('jianwai.approver')).to.include(id);

    const listed = async (state: string) => (await s.call('GET', `/api/instances?type=chair-by-election&state=${state}`, 'jianwai.approver')).body.items.map((x: { id: string }) => x.id);
    expect(await listed('open')).to.deep.equal([id]);
    expect(await listed('open.beforeTheVote')).to.deep.equal([id]);
    expect(await listed('open.beforeTheVote.candidateReview')).to.deep.equal([id]);
    expect(await listed('open.elected')).to.deep.equal([]);
    expect(await listed('ope')).to.deep.equal([]); // a path's prefix is a whole state name, not a few letters
    expect(await listed('OPEN')).to.deep.equal([]); // exact on SQLite too
  });

  it('the process description lists every state by path and each deadline on the state that holds it', async () => {
    const d = (await s.call('GET', '/api/workflows/chair-by-election', 'guomao.requester')).body;
    expect(d.version).to.equal(2);
    expect(d.states.map((x: { name: string }) => x.name)).to.include.members(['open', 'open.beforeTheVote', 'open.beforeTheVote.nomination', 'open.elected', 'chairRecorded']);
    expect(d.deadlines.find((x: { id: string }) => x.id === 'by-election-due').states).to.deep.equal(['open.beforeTheVote']);
    expect(d.diagram.source).to.include('state open {').and.include('open_beforeTheVote_election --> open_elected: ELECTION_HELD');
  });
});
