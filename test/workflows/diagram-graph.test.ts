// The diagram a page draws comes from the machine: every state a node, every transition an edge.
import { expect } from 'chai';
import type { AnyStateMachine } from 'xstate';
import { allDefinitions } from '../../workflows/registry.ts';
import { graph, pathTaken } from '../../workflows/diagram.ts';
import { machineStatePaths } from '../../workflows/engine/state-path.ts';

type Node = AnyStateMachine['root'];
/** Every transition of the machine as 'from -event-> to', read straight from XState's nodes. */
function transitions(m: AnyStateMachine): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    for (const c of Object.values(n.states)) {
      const from = c.path.join('.');
      for (const [event, ts] of c.transitions) for (const t of ts) for (const to of t.target ?? [c]) out.push(`${from} -${event}-> ${to.path.join('.')}`);
      for (const t of c.always ?? []) for (const to of t.target ?? [c]) out.push(`${from} -always-> ${to.path.join('.')}`);
      walk(c);
    }
  };
  walk(m.root);
  return out;
}

describe('diagram graph', () => {
  for (const def of allDefinitions) {
    describe(`${def.type} v${def.version}`, () => {
      const g = graph(def);
      it('has every machine state as a node, titled, with its parent', () => {
        expect(g.nodes.map((n) => n.id)).to.have.members(machineStatePaths(def.machine));
        for (const n of g.nodes) {
          expect(n.title, n.id).to.have.keys('zh', 'en');
          expect(n.parent, n.id).to.equal(n.id.includes('.') ? n.id.slice(0, n.id.lastIndexOf('.')) : null);
        }
        expect(g.nodes.filter((n) => n.initial && n.parent === null)).to.have.length(1);
        expect(g.nodes.filter((n) => n.final).map((n) => n.id)).to.include.members(Object.keys(def.finalStatus));
      });
      it('has every machine transition as an edge', () => {
        expect(g.edges.map((e) => `${e.from} -${e.event}-> ${e.to}`)).to.have.members(transitions(def.machine));
        const ids = new Set(g.nodes.map((n) => n.id));
        for (const e of g.edges) expect(ids.has(e.from) && ids.has(e.to), `${e.from} → ${e.to}`).to.equal(true);
      });
    });
  }

  it('marks guarded transitions and whose move it is', () => {
    const p1 = graph(allDefinitions.find((d) => d.type === 'purchased-service-hire')!);
    expect(p1.nodes.find((n) => n.id === 'submitted')!.waitingOn).to.deep.equal({ relation: 'parent', roles: ['approver'] });
    expect(p1.edges.some((e) => e.guarded)).to.equal(true);
  });

  it('gives the path taken: each state entered, in order, a transition that stays adding nothing', () => {
    expect(pathTaken(['draft', 'draft', 'submitted', 'returned', 'submitted', 'approved'])).to.deep.equal(['draft', 'submitted', 'returned', 'submitted', 'approved']);
    expect(pathTaken([])).to.deep.equal([]);
  });
});
