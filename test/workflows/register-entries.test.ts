// workflows/engine/register.ts: what an entry brings with it, for a case's effect and HR's own alike —
// a contract entry becomes the current contract; training that reaches the pre-job hours moves an
// onboarding person in post with a status entry (R-prejob §3.2.3), in the caller's transaction.
import { expect } from 'chai';
import { getPerson, insertPerson } from '../../db/people.ts';
import { listPersonRecords } from '../../db/person-records.ts';
import { writeEntries } from '../../workflows/engine/register.ts';
import { world, type World } from '../helpers.ts';

describe('register entries and their consequences', () => {
  let w: World;
  before(async () => { w = await world(); });
  after(async () => w.cleanup());
  const by = { actorId: 'case-actor', sourceInstanceId: 'case-1', now: new Date('2026-03-10T02:00:00Z'), prejobHours: 16 };
  const onboarding = () => insertPerson(w.knex, {
    org_id: w.demo.orgs.yonganli.id, name: '何平', identity_id: null, kind: 'community_officer', status: 'onboarding', start_date: '2026-03-01', end_date: null,
    details: '{}', source_instance_id: null, created_at: '2026-03-01T00:00:00.000Z',
  });
  const write = async (id: number, entries: Parameters<typeof writeEntries>[2], o = by) =>
    w.knex.transaction(async (trx) => writeEntries(trx, (await getPerson(trx, id))!, entries, o));

  it('moves onboarding → in post only once the hours since the start date reach the threshold, the status entry dated by the training', async () => {
    const id = await onboarding();
    expect((await write(id, [{ kind: 'training', onDate: '2026-03-02', data: { course: 'a', hours: 15.5 } }])).status).to.equal('onboarding');
    expect((await write(id, [{ kind: 'training', onDate: '2026-03-04', data: { course: 'b', hours: 0.5 } }])).status).to.equal('in_post');
    const last = (await listPersonRecords(w.knex, { personId: id, kinds: ['status'] })).at(-1)!;
    expect(last).to.include({ on_date: '2026-03-04', source_instance_id: 'case-1', actor_id: 'case-actor' });
    expect(JSON.parse(last.data)).to.deep.include({ from: 'onboarding', to: 'in_post' });
  });

  it('takes the threshold it is given (the prejobHours setting)', async () => {
    const id = await onboarding();
    expect((await write(id, [{ kind: 'training', onDate: '2026-03-02', data: { hours: 16 } }], { ...by, prejobHours: 24 })).status).to.equal('onboarding');
  });

  it('makes a contract entry the current contract (details.contract and contract_end)', async () => {
    const id = await onboarding();
    const p = await write(id, [{ kind: 'contract', onDate: '2026-03-01', data: { kind: 'labour_contract', from: '2026-03-01', to: '2028-02-29' } }]);
    expect(p.contract_end).to.equal('2028-02-29');
    expect(JSON.parse(p.details).contract).to.deep.equal({ kind: 'labour_contract', from: '2026-03-01', to: '2028-02-29' });
  });
});
