// Cases that start cases (issue 8 item 3), through createEngine with the test processes of
// fixtures/linked-cases and the real effect handlers: a child starts in its parent's transaction,
// reports back with a system event, one open case per correlation key, and a depth limit.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { calendarSource } from '../../workflows/engine/calendar-source.ts';
import { createEngine, MAX_LINK_DEPTH } from '../../workflows/engine/engine.ts';
import { verifyCase } from '../../workflows/engine/hash.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { fixedSettings } from '../../workflows/engine/settings-source.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import type { Actor } from '../../workflows/types.ts';
import { effectHandlers } from '../../server/system.ts';
import { actor, world, type World } from '../helpers.ts';
import { linkedDefinitions } from './fixtures/linked-cases/index.ts';
import { offerKey } from './fixtures/linked-cases/linked-cases.machine.ts';

describe('cases that start cases', () => {
  let w: World;
  let who: Actor;
  const engine = () => createEngine({
    knex: w.knex, clock: w.clock, settings: fixedSettings(DEFAULT_SETTINGS), calendar: calendarSource(w.knex), personal: DEV_PERSONAL_DATA,
    definitions: linkedDefinitions, effects: effectHandlers({ publicUrl: 'http://localhost:3000' }),
  });
  const rejection = <T>(p: Promise<T>) => p.then(() => { throw new Error('expected a refusal'); }, (e: Error & { code?: string; extra?: Record<string, unknown> }) => e);
  const row = (id: string) => w.knex('instances').where({ id }).first();
  const children = (id: string) => w.knex('instances').where({ parent_id: id }).orderBy('created_at');
  const history = (id: string) => w.knex('history').where({ instance_id: id }).orderBy('seq');
  const openRound = async () => engine().start({ type: 'test-round', body: { title: '2026 招聘' }, actor: who, orgId: who.orgId! });

  beforeEach(async () => {
    w = await world();
    who = await actor(w, 'guomao.requester');
  });
  afterEach(async () => { await w.cleanup(); });

  it('starts the child in the parent\'s transaction, as the system, through the whole start path (history, deadlines, chain)', async () => {
    const r = await openRound();
    const after = await engine().send({ instanceId: r.id, event: { type: 'OPEN_OFFER', name: '张三', salary: 8000 }, actor: who });
    const [child] = await children(r.id);
    expect(child).to.include({ type: 'test-offer', state: 'waiting', status: 'active', org_id: who.orgId, created_by: 'system', correlation_key: offerKey('张三') });
    const [start] = await history(child.id);
    expect(start).to.include({ seq: 1, type: 'START', actor_id: 'system' });
    expect(JSON.parse(start.payload).cause).to.deep.equal({ instanceId: r.id, type: 'test-round', event: 'OPEN_OFFER' });
    expect(await w.knex('deadlines').where({ instance_id: child.id }).select('decl_id', 'status')).to.deep.equal([{ decl_id: 'answer', status: 'pending' }]);
    expect(verifyCase(child, await history(child.id))).to.equal(null);
    expect(verifyCase(await row(r.id), await history(r.id))).to.equal(null);
    expect(after.version).to.equal(2);
  });

  it('rolls the parent\'s transition back when the child\'s start fails its schema: parent unchanged, no child', async () => {
    const r = await openRound();
    const err = await rejection(engine().send({ instanceId: r.id, event: { type: 'OPEN_OFFER', name: '李四', salary: 0 }, actor: who }));
    expect(err.code).to.equal('invalid');
    expect(err.message).to.match(/test-offer/);
    expect(err.extra?.linkedCase).to.deep.equal({ type: 'test-offer' });
    const now = await row(r.id);
    expect([now.state, now.version, now.head_hash]).to.deep.equal([r.state, r.version, r.head_hash]);
    expect(await history(r.id)).to.have.length(1);
    expect(await children(r.id)).to.deep.equal([]);
  });

  it('needs no line of the source tree: the test processes are named only in their folder', () => {
    const root = new URL('../../', import.meta.url);
    const texts = ['db', 'notifications', 'server', 'workflows'].flatMap((d) =>
      (readdirSync(new URL(d, root), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(new URL(`${d}/${f}`, root), 'utf8')));
    expect(texts.length).to.be.greaterThan(50);
    for (const def of linkedDefinitions) expect(texts.filter((t) => t.includes(def.type)), def.type).to.deep.equal([]);
  });

  it('refuses a person the start of a case only the system may start (offer: start.by is empty)', async () => {
    const err = await rejection(engine().start({ type: 'test-offer', body: { name: '王五', salary: 1 }, actor: who, orgId: who.orgId! }));
    expect(err.code).to.equal('forbidden');
  });

  it('carries the child\'s system event to its parent: both transitions in one transaction, the parent told which child', async () => {
    const r = await openRound();
    await engine().send({ instanceId: r.id, event: { type: 'OPEN_OFFER', name: '张三', salary: 8000 }, actor: who });
    const [child] = await children(r.id);
    await engine().send({ instanceId: child.id, event: { type: 'ACCEPT' }, actor: who });
    const parent = await row(r.id);
    expect(parent.version).to.equal(3);
    expect(JSON.parse(parent.snapshot).context.answers).to.deep.equal([{ name: '张三', answer: 'accepted', caseId: child.id }]);
    const last = (await history(r.id)).at(-1);
    expect(last).to.include({ type: 'OFFER_ANSWERED', actor_id: 'system' });
    expect(JSON.parse(last.payload).cause).to.deep.equal({ instanceId: child.id, type: 'test-offer', event: 'ACCEPT' });
    expect(verifyCase(parent, await history(r.id))).to.equal(null);
    expect((await row(child.id)).status).to.equal('done');
  });

  it('sends to a child by correlation key; an event the target does not declare for the system is refused and rolls back', async () => {
    const r = await openRound();
    await engine().send({ instanceId: r.id, event: { type: 'OPEN_OFFER', name: '张三', salary: 8000 }, actor: who });
    await engine().send({ instanceId: r.id, event: { type: 'REMIND_OFFER', name: '张三' }, actor: who });
    const [child] = await children(r.id);
    expect(JSON.parse((await row(child.id)).snapshot).context.reminded).to.equal(1);
    const before = await row(r.id);
    const err = await rejection(engine().send({ instanceId: r.id, event: { type: 'POKE_OFFER', name: '张三' }, actor: who }));
    expect(err.code).to.equal('forbidden');
    expect((await row(r.id)).version).to.equal(before.version);
    const noSuch = await rejection(engine().send({ instanceId: r.id, event: { type: 'REMIND_OFFER', name: '无名' }, actor: who }));
    expect(noSuch.code).to.equal('conflict');
  });

  it('refuses an event back to a case mid-transition in the same step, and to a case neither parent nor child', async () => {
    const r = await openRound();
    await engine().send({ instanceId: r.id, event: { type: 'OPEN_OFFER', name: '张三', salary: 8000 }, actor: who });
    const [child] = await children(r.id);
    const echo = await rejection(engine().send({ instanceId: r.id, event: { type: 'ECHO_OFFER', name: '张三' }, actor: who }));
    expect([echo.code, echo.message]).to.satisfy(([c, m]: string[]) => c === 'conflict' && /mid-transition/.test(m));
    expect((await row(child.id)).version).to.equal(1);
    const stranger = await openRound();
    const err = await rejection(engine().send({ instanceId: stranger.id, event: { type: 'SEND_TO', instanceId: child.id }, actor: who }));
    expect([err.code, err.message]).to.satisfy(([c, m]: string[]) => c === 'conflict' && /neither this case's parent nor its child/.test(m));
    await engine().send({ instanceId: r.id, event: { type: 'SEND_TO', instanceId: child.id }, actor: who });
    expect(JSON.parse((await row(child.id)).snapshot).context.reminded).to.equal(1);
  });

  it('refuses a second open case with the same correlation key, also when two starts race; a finished one frees the key', async () => {
    const r1 = await openRound();
    const r2 = await openRound();
    const results = await Promise.allSettled([r1, r2].map((r) => engine().send({ instanceId: r.id, event: { type: 'OPEN_OFFER', name: '张三', salary: 8000 }, actor: who })));
    expect(results.map((x) => x.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
    const lost = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason.code).to.equal('conflict');
    const open = await w.knex('instances').where({ type: 'test-offer', correlation_key: offerKey('张三') });
    expect(open).to.have.length(1);
    await engine().send({ instanceId: open[0].id, event: { type: 'DECLINE' }, actor: who });
    const again = (results[0].status === 'rejected' ? r1 : r2).id;
    await engine().send({ instanceId: again, event: { type: 'OPEN_OFFER', name: '张三', salary: 9000 }, actor: who });
    expect(await w.knex('instances').where({ type: 'test-offer', correlation_key: offerKey('张三'), status: 'active' })).to.have.length(1);
  });

  it(`stops a case that starts itself forever at ${MAX_LINK_DEPTH} links, and nothing of it is written`, async () => {
    const err = await rejection(engine().start({ type: 'test-runaway', body: {}, actor: who, orgId: who.orgId! }));
    expect(err.code).to.equal('conflict');
    expect(err.message).to.match(new RegExp(`deeper than ${MAX_LINK_DEPTH}`));
    expect(await w.knex('instances').where({ type: 'test-runaway' })).to.deep.equal([]);
  });
});
