// workflows/engine/pure.ts: XState's pure transition functions without a throw-away actor per call.
import { expect } from 'chai';
import { assign, initialTransition, setup, transition } from 'xstate';
import { pureInitialTransition, pureTransition, restorePersisted } from '../../../workflows/engine/pure.ts';

/** A machine whose context needs its input, as every process's does; counts the factory's calls. */
function counted() {
  const calls = { context: 0 };
  const machine = setup({
    types: {} as { context: { n: number }; input: { n: number }; events: { type: 'ADD'; by: number } | { type: 'DONE' } },
    actions: { notify: (_, _p: { n: number }) => {} },
  }).createMachine({
    id: 'counted',
    context: ({ input }) => {
      calls.context++;
      if (!input) throw new Error('input required');
      return { n: input.n };
    },
    initial: 'open',
    states: {
      open: {
        entry: { type: 'notify', params: ({ context }) => ({ n: context.n }) },
        on: {
          ADD: { actions: [assign({ n: ({ context, event }) => context.n + event.by }), { type: 'notify', params: ({ context }) => ({ n: context.n })}] },
          DONE: 'closed',
        },
      },
      closed: { type: 'final' },
    },
  });
  return { machine, calls };
}

const strip = (actions: { type: string; params?: unknown }[]) => actions.map((a) => ({ type: a.type, params: a.params }));

describe('pure transitions (workflows/engine/pure.ts)', () => {
  it("give the snapshots and actions of XState's initialTransition and transition", () => {
    const { machine } = counted();
    const [a0, aActs] = initialTransition(machine, { n: 1 });
    const [b0, bActs] = pureInitialTransition(machine, { n: 1 });
    expect(machine.getPersistedSnapshot(b0)).to.deep.equal(machine.getPersistedSnapshot(a0));
    expect(strip(bActs)).to.deep.equal(strip(aActs)).and.deep.equal([{ type: 'notify', params: { n: 1 } }]);
    const [a1, a1Acts] = transition(machine, a0, { type: 'ADD', by: 2 });
    const [b1, b1Acts] = pureTransition(machine, b0, { type: 'ADD', by: 2 });
    expect(machine.getPersistedSnapshot(b1)).to.deep.equal(machine.getPersistedSnapshot(a1));
    expect(strip(b1Acts)).to.deep.equal(strip(a1Acts)).and.deep.equal([{ type: 'notify', params: { n: 3 } }]);
    const [b2] = pureTransition(machine, b1, { type: 'DONE' });
    expect(b2.status).to.equal('done');
  });

  it('restore a persisted snapshot and move on from it without building an actor (the context factory runs once per machine, not per call)', () => {
    const { machine, calls } = counted();
    const [s0] = pureInitialTransition(machine, { n: 5 });
    const stored = JSON.parse(JSON.stringify(machine.getPersistedSnapshot(s0)));
    const before = calls.context;
    for (let i = 0; i < 10; i++) {
      const back = restorePersisted(machine, stored);
      const [next, actions] = pureTransition(machine, back, { type: 'ADD', by: i });
      expect(next.context.n).to.equal(5 + i);
      expect(strip(actions)).to.deep.equal([{ type: 'notify', params: { n: 5 + i } }]);
    }
    expect(calls.context - before).to.equal(0);
    transition(machine, restorePersisted(machine, stored), { type: 'ADD', by: 1 });
    expect(calls.context - before, "XState's transition() builds one per call").to.equal(1);
  });
});
