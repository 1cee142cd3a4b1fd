// Machines of any shape: a snapshot's state is stored as its path (nested: 'a.b.c'; parallel: every
// active leaf's path, sorted, joined by ','), declarations on a parent state hold in every state
// inside it, and the persisted snapshot restores with everything XState keeps (history, status).
import { expect } from 'chai';
import { initialTransition, setup, transition } from 'xstate';
import { inState, stateTitle, statePath } from '../../../workflows/engine/state-path.ts';
import { persistSnapshot, restoreSnapshot } from '../../../workflows/engine/engine.ts';

const m = setup({ types: {} as { context: { n: number }; events: { type: 'GO' } | { type: 'PAUSE' } | { type: 'RESUME' } | { type: 'FLIP' } } }).createMachine({
  id: 'shape',
  context: { n: 0 },
  initial: 'work',
  states: {
    work: {
      initial: 'one',
      on: { PAUSE: 'paused' },
      states: {
        one: { on: { GO: 'two' } },
        two: {
          type: 'parallel',
          states: {
            left: { initial: 'a', states: { a: { on: { FLIP: 'b' } }, b: {} } },
            right: { initial: 'x', states: { x: {} } },
          },
        },
        hist: { type: 'history', history: 'deep' },
      },
    },
    paused: { on: { RESUME: 'work.hist' } },
  },
});

describe('state paths (nested and parallel states)', () => {
  it('a top-level state is its name; a nested one its dotted path; parallel regions every leaf, sorted, joined by ","', () => {
    expect(statePath('draft')).to.equal('draft');
    expect(statePath({ open: { beforeTheVote: 'nomination' } })).to.equal('open.beforeTheVote.nomination');
    expect(statePath({ work: { two: { right: 'x', left: 'a' } } })).to.equal('work.two.left.a,work.two.right.x');
    expect(statePath({ p: { a: {}, b: 'y' } })).to.equal('p.a,p.b.y');
  });

  it('a declaration on a parent holds in every state inside it, and only there', () => {
    expect(inState('open.beforeTheVote.nomination', 'open')).to.equal(true);
    expect(inState('open.beforeTheVote.nomination', 'open.beforeTheVote')).to.equal(true);
    expect(inState('open.beforeTheVote.nomination', 'open.beforeTheVote.nomination')).to.equal(true);
    expect(inState('open.elected', 'open.beforeTheVote')).to.equal(false);
    expect(inState('opened', 'open')).to.equal(false);
    expect(inState('work.two.left.a,work.two.right.x', 'work.two.right')).to.equal(true);
    expect(inState('work.two.left.a,work.two.right.x', 'work.two.left.b')).to.equal(false);
  });

  it('a state shows the title of the nearest declared state around it; parallel leaves each theirs', () => {
    const states = { open: { title: { zh: '进行中', en: 'Open' } }, 'open.elected': { title: { zh: '已当选', en: 'Elected' } }, 'w.l': { title: { zh: '左', en: 'Left' } }, 'w.r': { title: { zh: '右', en: 'Right' } } };
    expect(stateTitle(states, 'open.elected')).to.deep.equal({ zh: '已当选', en: 'Elected' });
    expect(stateTitle(states, 'open.beforeTheVote.nomination')).to.deep.equal({ zh: '进行中', en: 'Open' });
    expect(stateTitle(states, 'w.l.a,w.r.x')).to.deep.equal({ zh: '左；右', en: 'Left; Right' });
    expect(stateTitle(states, 'elsewhere')).to.equal(undefined);
  });

  it('the persisted snapshot keeps the history value: restored, a deep history state returns where the case was', () => {
    let [s] = initialTransition(m);
    [s] = transition(m, s, { type: 'GO' });
    [s] = transition(m, s, { type: 'FLIP' });
    [s] = transition(m, s, { type: 'PAUSE' });
    const stored = persistSnapshot(m, s);
    const back = restoreSnapshot(m, stored);
    expect(statePath(back.value)).to.equal('paused');
    const [resumed] = transition(m, back, { type: 'RESUME' });
    expect(statePath(resumed.value)).to.equal('work.two.left.b,work.two.right.x');
  });

  it("writes XState's persisted form key for key, history values included", () => {
    let [s] = initialTransition(m);
    const same = () => expect(persistSnapshot(m, s)).to.equal(JSON.stringify(m.getPersistedSnapshot(s)));
    same();
    for (const type of ['GO', 'FLIP', 'PAUSE', 'RESUME'] as const) {
      [s] = transition(m, s, { type });
      same();
    }
    expect(JSON.parse(persistSnapshot(m, transition(m, s, { type: 'PAUSE' })[0])).historyValue, 'the history state remembered').to.not.deep.equal({});
  });

  it('rows stored before persisted snapshots ({value, context}) still restore', () => {
    const back = restoreSnapshot(m, JSON.stringify({ value: { work: 'one' }, context: { n: 3 } }));
    expect(back.context).to.deep.equal({ n: 3 });
    expect(statePath(transition(m, back, { type: 'GO' })[0].value)).to.equal('work.two.left.a,work.two.right.x');
  });
});
