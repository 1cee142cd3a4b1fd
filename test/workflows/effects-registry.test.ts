// The engine runs only the effects it is given: a machine returning any other is an error that
// rolls its transition back, never a silent no-op.
import { expect } from 'chai';
import { setup } from 'xstate';
import { calendarSource } from '../../workflows/engine/calendar-source.ts';
import { createEngine } from '../../workflows/engine/engine.ts';
import type { EffectHandlers } from '../../workflows/engine/effects.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { fixedSettings } from '../../workflows/engine/settings-source.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import type { WorkflowDefinition } from '../../workflows/types.ts';
import { actor, world, type World } from '../helpers.ts';

/** A two-state machine whose GO returns `launch`, an effect no handler knows, and whose PING returns `ping`. */
const machine = setup({ actions: { launch: () => {}, ping: () => {} } }).createMachine({
  id: 'tiny', initial: 'idle', context: {},
  states: { idle: { on: { GO: { target: 'gone', actions: 'launch' }, PING: { actions: 'ping' } } }, gone: { type: 'final' } },
});
const text = { zh: '测试', en: 'test' };
const any = { type: 'object' };
const tiny: WorkflowDefinition = {
  type: 'tiny-test', version: 1, title: text, description: text, rules: [], machine,
  start: { by: [{ roles: ['requester'], relation: 'own' }], schema: any, title: text },
  events: { GO: { title: text, by: { roles: ['requester'], relation: 'own' }, schema: any }, PING: { title: text, by: { roles: ['requester'], relation: 'own' }, schema: any } },
  states: { idle: { title: text }, gone: { title: text } }, deadlines: [], finalStatus: { gone: 'done' },
  subject: () => 'tiny', input: () => ({}), mail: {}, documents: {}, personKinds: {}, contextKeys: [],
};

describe('effects are a registry the engine is given', () => {
  let w: World;
  const pinged: string[] = [];
  const none = async () => { throw new Error('not expected'); };
  const effects = { notify: none, issueDocument: none, enterRegister: none, leaveRegister: none, ping: async (s: { row: { id: string } }) => void pinged.push(s.row.id) } as EffectHandlers;
  const engine = () => createEngine({ knex: w.knex, clock: w.clock, settings: fixedSettings(DEFAULT_SETTINGS), calendar: calendarSource(w.knex), personal: DEV_PERSONAL_DATA, definitions: [tiny], effects });
  beforeEach(async () => { w = await world(); });
  afterEach(async () => { await w.cleanup(); });

  it('runs the handler it was given for an effect the machine returns', async () => {
    const a = await actor(w, 'guomao.requester');
    const row = await engine().start({ type: 'tiny-test', body: {}, actor: a, orgId: a.orgId! });
    await engine().send({ instanceId: row.id, event: { type: 'PING' }, actor: a });
    expect(pinged).to.deep.equal([row.id]);
  });

  it('refuses an effect type no handler knows, and the transition is not committed', async () => {
    const a = await actor(w, 'guomao.requester');
    const row = await engine().start({ type: 'tiny-test', body: {}, actor: a, orgId: a.orgId! });
    const err = await engine().send({ instanceId: row.id, event: { type: 'GO' }, actor: a }).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.match(/no handler for effect launch/);
    const after = await w.knex('instances').where({ id: row.id }).first();
    expect([after.state, after.version]).to.deep.equal(['idle', row.version]);
    expect(await w.knex('history').where({ instance_id: row.id })).to.have.length(1);
  });

  it('knows only the definitions it was given', async () => {
    const a = await actor(w, 'guomao.requester');
    const err = await engine().start({ type: 'purchased-service-hire', body: {}, actor: a, orgId: a.orgId! }).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.match(/不存在/);
  });
});
