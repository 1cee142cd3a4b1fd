// A case's parent and children over HTTP: GET /api/instances/:id shows them (children in the
// caller's subtree only), GET /api/instances?parent= lists a case's children. The linked cases
// are the test processes', started through an engine over the same database.
import { expect } from 'chai';
import { calendarSource } from '../../workflows/engine/calendar-source.ts';
import { createEngine } from '../../workflows/engine/engine.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { fixedSettings } from '../../workflows/engine/settings-source.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import { effectHandlers } from '../../server/system.ts';
import type { Actor } from '../../workflows/types.ts';
import { startTestSystem, type Sys } from './client.ts';
import { linkedDefinitions } from '../workflows/fixtures/linked-cases/index.ts';

async function actorOf(s: Sys, login: string): Promise<Actor> {
  const u = await s.knex('users').where({ login }).first();
  return { id: String(u.id), name: u.name, orgId: u.org_id, roles: JSON.parse(u.roles) };
}

/** An engine running the test processes over the system's database, beside its server. */
const linkedEngine = (s: Sys) => createEngine({
  knex: s.knex, clock: s.clock, settings: fixedSettings(DEFAULT_SETTINGS), calendar: calendarSource(s.knex), personal: DEV_PERSONAL_DATA,
  definitions: linkedDefinitions, effects: effectHandlers({ publicUrl: s.url }),
});

describe('HTTP: a case\'s parent and children', () => {
  let s: Sys;
  before(async () => { s = await startTestSystem(); });
  after(async () => { await s.cleanup(); });

  it('shows the parent id and the children, and lists the children with ?parent=', async () => {
    const engine = linkedEngine(s);
    const who = await actorOf(s, 'guomao.requester');
    const round = await engine.start({ type: 'test-round', body: { title: '2026 招聘' }, actor: who, orgId: who.orgId! });
    await engine.send({ instanceId: round.id, event: { type: 'OPEN_OFFER', name: '张三', salary: 8000 }, actor: who });
    s.clock.advance(60_000); // children are listed oldest first
    await engine.send({ instanceId: round.id, event: { type: 'OPEN_OFFER', name: '李四', salary: 7000 }, actor: who });

    const parent = await s.call('GET', `/api/instances/${round.id}`, 'guomao.requester');
    expect(parent.status).to.equal(200);
    expect(parent.body.parentId).to.equal(null);
    expect(parent.body.children.map((c: { subject: string; state: string; type: string }) => [c.type, c.state, c.subject]))
      .to.deep.equal([['test-offer', 'waiting', '张三 8000'], ['test-offer', 'waiting', '李四 7000']]);
    const childId = parent.body.children[0].id;

    const child = await s.call('GET', `/api/instances/${childId}`, 'guomao.requester');
    expect([child.body.parentId, child.body.correlationKey, child.body.children]).to.deep.equal([round.id, 'offer:张三', []]);

    const list = await s.call('GET', `/api/instances?parent=${round.id}`, 'guomao.requester');
    expect(list.body.items.map((i: { id: string }) => i.id).sort()).to.deep.equal(parent.body.children.map((c: { id: string }) => c.id).sort());
    expect(list.body.items[0].parentId).to.equal(round.id);
    expect((await s.call('GET', '/api/instances?parent=nope', 'guomao.requester')).status).to.equal(400);
  });

  it("shows only the children in the caller's subtree: a child of another union is the admin's to see", async () => {
    const engine = linkedEngine(s);
    const who = await actorOf(s, 'guomao.requester');
    const round = await engine.start({ type: 'test-round', body: { title: '跨单位' }, actor: who, orgId: who.orgId! });
    await engine.send({ instanceId: round.id, event: { type: 'OPEN_OFFER', name: '赵六', salary: 6000, orgId: s.demo!.orgs['zgc-soft'].id }, actor: who });
    const mine = await s.call('GET', `/api/instances/${round.id}`, 'guomao.requester');
    expect(mine.body.children).to.deep.equal([]);
    const admin = await s.call('GET', `/api/instances/${round.id}`, 'admin');
    expect(admin.body.children.map((c: { subject: string }) => c.subject)).to.deep.equal(['赵六 6000']);
  });
});
