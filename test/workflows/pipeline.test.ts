// The board's pure parts (workflows/pipeline.ts) and every definition's `pipeline` against its
// own and its child's definition.
import { expect } from 'chai';
import { actionForm, funnel, payloadFor, SEGMENT, staysOf, type Pipeline } from '../../workflows/pipeline.ts';
import { definition, definitions } from '../../workflows/registry.ts';

const t = (s: string) => ({ zh: s, en: s });
const p = {
  childType: 'kid', name: ['n'], groupBy: { title: t('g'), id: ['g'], label: ['g'] }, fields: [], actions: [], ranking: { order: [], rank: 'r', tieBreak: t('') },
  stages: [{ id: 'in', title: t('in'), states: ['a'] }, { id: 'mid', title: t('mid'), states: ['b', 'b2'] }, { id: 'end', title: t('end'), states: ['z'] }],
} satisfies Pipeline;

describe('workflows/pipeline', () => {
  it('staysOf: consecutive states of one column are one stay; a new child or a state of no column ends it', () => {
    const stays = staysOf(p, [
      { child: '1', state: 'a', at: '2026-03-01T00:00:00Z' }, { child: '1', state: 'b', at: '2026-03-03T00:00:00Z' }, { child: '1', state: 'b2', at: '2026-03-04T00:00:00Z' },
      { child: '1', state: 'z', at: '2026-03-07T00:00:00Z' }, { child: '2', state: 'a', at: '2026-03-01T00:00:00Z' }, { child: '2', state: 'q', at: '2026-03-02T00:00:00Z' },
    ]);
    expect(stays).to.deep.equal([
      { child: '1', stage: 'in', from: '2026-03-01T00:00:00Z', to: '2026-03-03T00:00:00Z' }, { child: '1', stage: 'mid', from: '2026-03-03T00:00:00Z', to: '2026-03-07T00:00:00Z' },
      { child: '1', stage: 'end', from: '2026-03-07T00:00:00Z', to: null }, { child: '2', stage: 'in', from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' },
    ]);
    const f = funnel(p, stays, new Date('2026-03-10T00:00:00Z'), new Set(['end']));
    expect(f.map((x) => [x.id, x.reached, x.now, x.days])).to.deep.equal([
      ['in', 2, 0, { median: 1.5, max: 2, stays: 2 }], ['mid', 1, 0, { median: 4, max: 4, stays: 1 }], ['end', 1, 1, null],
    ]);
  });

  it('payloadFor keeps scalars and, of arrays, only the items naming the key (or all when all do)', () => {
    const payload = { type: 'X', rows: [{ applicant: 'k1', reason: 'r' }, { applicant: 'k2' }], applicants: ['k1', 'k3'], time: 'T', mine: ['k1'] };
    expect(payloadFor(payload, 'k1')).to.deep.equal({ type: 'X', rows: [{ applicant: 'k1', reason: 'r' }], applicants: ['k1'], time: 'T', mine: ['k1'] });
    expect(payloadFor(payload, null)).to.deep.equal({ type: 'X', rows: [], applicants: [], time: 'T', mine: [] });
  });

  it('actionForm: a row event asks its row item\'s fields but the key and the fixed ones (or those named), once for the whole selection; a list event its named top fields', () => {
    const reason = { type: 'string', maxLength: 50, title: '理由' };
    const ev = {
      type: 'object', required: ['type', 'rows'], properties: {
        type: { const: 'X' }, when: { type: 'string', format: 'date' },
        rows: { type: 'array', items: { type: 'object', required: ['who', 'passed'], properties: { who: { type: 'string' }, passed: { type: 'boolean' }, reason, absent: { const: true } } } },
      },
    };
    expect(actionForm({ event: 'X', list: 'rows', item: 'who', fixed: { absent: true }, stages: [] }, ev)).to.deep.equal({
      type: 'object', additionalProperties: false, required: ['passed'], properties: { passed: { type: 'boolean', default: false }, reason }, 'x-order': ['passed', 'reason'],
    });
    expect(actionForm({ event: 'X', list: 'rows', item: 'who', ask: ['reason'], stages: [] }, ev).properties).to.deep.equal({ reason });
    expect(actionForm({ event: 'X', list: 'rows', item: 'who', ask: [], fixed: { absent: true }, stages: [] }, ev).properties).to.deep.equal({});
    expect(actionForm({ event: 'X', list: 'keys', ask: ['when'], stages: [] }, ev)).to.deep.include({ required: [], properties: { when: { type: 'string', format: 'date' } } });
  });

  it('actionForm keeps a condition between asked fields (a failed check needs its reason), not one naming a field it does not ask', () => {
    const cond = { if: { properties: { passed: { const: false } } }, then: { properties: { reason: { type: 'string' } }, required: ['reason'] } };
    const ev = { type: 'object', properties: { rows: { type: 'array', items: { type: 'object', required: ['who', 'passed'], properties: { who: { type: 'string' }, passed: { type: 'boolean' }, reason: { type: 'string' } }, ...cond } } } };
    expect(actionForm({ event: 'X', list: 'rows', item: 'who', stages: [] }, ev)).to.deep.include(cond);
    const form = actionForm({ event: 'X', list: 'rows', item: 'who', ask: ['passed'], stages: [] }, ev);
    expect(form).to.not.have.any.keys('if', 'then', 'else');
  });

  for (const d of definitions.filter((x) => x.pipeline)) {
    it(`${d.type}'s pipeline names its child's states once each, its own events, and paths the database can read`, () => {
      const pl = d.pipeline!;
      const child = definition(pl.childType)!;
      expect(child, pl.childType).to.not.equal(undefined);
      const states = pl.stages.flatMap((s) => s.states);
      expect(states).to.have.members(Object.keys(child.states)); // every state in exactly one column
      expect(new Set(pl.stages.map((s) => s.id)).size).to.equal(pl.stages.length);
      for (const a of pl.actions) {
        expect(Object.keys(d.events), a.event).to.include(a.event);
        expect(a.stages.every((x) => pl.stages.some((s) => s.id === x))).to.equal(true);
        // What the board sends is whole: every field the event (or its row) requires is the key, asked or fixed.
        const ev = d.events[a.event].schema as any;
        const row = a.item ? ev.properties[a.list].items : ev;
        const asked = Object.keys(actionForm(a, ev).properties as object);
        expect(asked.every((f) => f in row.properties), `${a.event} asks ${asked}`).to.equal(true);
        const given = ['type', a.list, a.item, ...asked, ...Object.keys(a.fixed ?? {})];
        expect(row.required.filter((f: string) => !given.includes(f)), a.event).to.deep.equal([]);
        expect(new Set(pl.actions.map((x) => x.id ?? x.event)).size).to.equal(pl.actions.length);
      }
      const paths = [pl.name, pl.groupBy.id, pl.groupBy.label, ...(pl.order ? [pl.order] : []), ...pl.fields.map((f) => f.path)];
      expect(paths.flat().every((x) => SEGMENT.test(x))).to.equal(true);
      expect([...pl.ranking.order, pl.ranking.rank].every((o) => pl.fields.some((f) => f.id === o && f.kind === 'number'))).to.equal(true);
    });
  }
});
