// The register effects a case may return: a dated entry (addRegisterEntry) and a change of status,
// end date or details (updateRegister), both only for people of the case's union's subtree, both
// committed with the transition and linked back to the case.
import { expect } from 'chai';
import { assign, setup } from 'xstate';
import { insertPerson } from '../../db/people.ts';
import { calendarSource } from '../../workflows/engine/calendar-source.ts';
import { createEngine } from '../../workflows/engine/engine.ts';
import { addRegisterEntry, updateRegister, type EffectHandlers } from '../../workflows/engine/effects.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { fixedSettings } from '../../workflows/engine/settings-source.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import type { WorkflowDefinition } from '../../workflows/types.ts';
import { actor, world, type World } from '../helpers.ts';

type Ev = { type: 'GRADE'; personId: number; kind?: string; statuses?: string[] };
const machine = setup({ types: {} as { context: {}; events: Ev }, actions: { addRegisterEntry: () => {}, updateRegister: () => {} } }).createMachine({
  id: 'grading', initial: 'open', context: {},
  states: {
    open: {
      on: {
        GRADE: {
          target: 'done',
          actions: [
            { type: 'addRegisterEntry', params: ({ event }: { event: Ev }) => ({ personId: event.personId, kind: 'assessment' as const, onDate: '2026-12-20', data: { grade: '不称职' } }) },
            { type: 'updateRegister', params: ({ event }: { event: Ev }) => ({ personId: event.personId, onDate: '2026-12-20', status: 'exit_review', details: { notToRenew: true }, reason: '年度考核不称职', ...(event.kind ? { match: { kind: event.kind, statuses: event.statuses } } : {}) }) },
            assign({}),
          ],
        },
      },
    },
    done: { type: 'final' },
  },
});
const text = { zh: '测试', en: 'test' };
const any = { type: 'object' };
const own = { roles: ['hr' as const], relation: 'own' as const };
const grading: WorkflowDefinition = {
  type: 'grading-test', version: 1, title: text, description: text, rules: [], machine,
  start: { by: [own], schema: any, title: text }, events: { GRADE: { title: text, by: own, schema: any } },
  states: { open: { title: text }, done: { title: text } }, deadlines: [], finalStatus: { done: 'done' },
  subject: () => 'grading', input: () => ({}), mail: {}, documents: {}, personKinds: {}, contextKeys: [],
};

describe('register effects: entries and changes written by a case', () => {
  let w: World;
  const none = async () => { throw new Error('not expected'); };
  const effects = { notify: none, issueDocument: none, enterRegister: none, leaveRegister: none, addRegisterEntry, updateRegister } as EffectHandlers;
  const engine = () => createEngine({ knex: w.knex, clock: w.clock, settings: fixedSettings(DEFAULT_SETTINGS), calendar: calendarSource(w.knex), personal: DEV_PERSONAL_DATA, definitions: [grading], effects });
  const person = (orgKey: string) => insertPerson(w.knex, {
    org_id: w.demo.orgs[orgKey].id, name: '赵六', identity_id: null, kind: 'social_worker', status: 'in_post', start_date: '2025-01-01', end_date: null,
    details: JSON.stringify({ post: '社会工作者' }), source_instance_id: null, created_at: '2025-01-01T00:00:00.000Z',
  });
  beforeEach(async () => { w = await world(); });
  afterEach(async () => { await w.cleanup(); });

  it("writes the entry and the status change with the case that caused them, keeping the record's other details", async () => {
    const hr = await actor(w, 'chaoyang.hr');
    const id = await person('guomao');
    const row = await engine().start({ type: 'grading-test', body: {}, actor: hr, orgId: hr.orgId! });
    await engine().send({ instanceId: row.id, event: { type: 'GRADE', personId: id }, actor: hr });
    const p = await w.knex('people').where({ id }).first();
    expect([p.status, JSON.parse(p.details)]).to.deep.equal(['exit_review', { post: '社会工作者', notToRenew: true }]);
    const entries = await w.knex('person_records').where({ person_id: id }).orderBy('id');
    expect(entries.map((e) => [e.kind, JSON.parse(e.data), e.source_instance_id, e.actor_id])).to.deep.equal([
      ['assessment', { grade: '不称职' }, row.id, hr.id],
      ['status', { from: 'in_post', to: 'exit_review', reason: '年度考核不称职' }, row.id, hr.id],
    ]);
  });

  it("refuses a person outside the case's union's subtree, and nothing of the transition is kept", async () => {
    const hr = await actor(w, 'chaoyang.hr');
    const id = await person('zgc');
    const row = await engine().start({ type: 'grading-test', body: {}, actor: hr, orgId: hr.orgId! });
    const err = await engine().send({ instanceId: row.id, event: { type: 'GRADE', personId: id }, actor: hr }).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.match(/不在本事项所属工会及其下级的名册中/);
    expect(await w.knex('person_records').where({ person_id: id })).to.have.length(0);
    expect((await w.knex('instances').where({ id: row.id }).first()).state).to.equal('open');
  });

  it('with match, refuses a record of another kind or status than the case expects, and nothing of the transition is kept', async () => {
    const hr = await actor(w, 'chaoyang.hr');
    const id = await person('guomao');
    const row = await engine().start({ type: 'grading-test', body: {}, actor: hr, orgId: hr.orgId! });
    const err = await engine().send({ instanceId: row.id, event: { type: 'GRADE', personId: id, kind: 'cadre' }, actor: hr }).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.match(/is a social_worker, not a cadre/);
    expect(await w.knex('person_records').where({ person_id: id })).to.have.length(0);
    const exited = await engine().send({ instanceId: row.id, event: { type: 'GRADE', personId: id, kind: 'social_worker', statuses: ['onboarding'] }, actor: hr }).then(() => undefined, (e: Error) => e);
    expect(exited?.message).to.match(/is in_post, not onboarding/);
    await engine().send({ instanceId: row.id, event: { type: 'GRADE', personId: id, kind: 'social_worker', statuses: ['in_post'] }, actor: hr });
    expect((await w.knex('people').where({ id }).first()).status).to.equal('exit_review');
  });
});
