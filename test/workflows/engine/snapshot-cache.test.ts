// workflows/engine/snapshot-cache.ts: restored snapshots reused only for the very text they came from.
import { expect } from 'chai';
import { createMachine } from 'xstate';
import type { InstanceRow } from '../../../db/tables.ts';
import { keepSnapshot, keptSnapshot, MAX_CASES } from '../../../workflows/engine/snapshot-cache.ts';
import { pureInitialTransition } from '../../../workflows/engine/pure.ts';

const machine = createMachine({ id: 'm', initial: 'a', context: { n: 1 }, states: { a: {} } });
const other = createMachine({ id: 'o', initial: 'a', states: { a: {} } });
const snap = pureInitialTransition(machine, undefined)[0];
const row = (id: string, snapshot: string) => ({ id, snapshot } as InstanceRow);

describe('engine snapshot cache', () => {
  it('gives the kept snapshot for the same case, machine and text; nothing once the text or the machine differs', () => {
    keepSnapshot(machine, row('c1', '{"v":1}'), snap);
    expect(keptSnapshot(machine, row('c1', '{"v":1}'))).to.equal(snap);
    expect(keptSnapshot(machine, row('c1', '{"v":2}')), 'written since, or edited by hand').to.equal(undefined);
    expect(keptSnapshot(other, row('c1', '{"v":1}')), 'another version of the definition').to.equal(undefined);
    expect(keptSnapshot(machine, row('c2', '{"v":1}'))).to.equal(undefined);
  });
  it("keeps a campaign's snapshot with its roster (2 MB), none past 4 million characters, and drops what it held for that case", () => {
    const roster = `{"v":"${'x'.repeat(2_000_000)}"}`;
    keepSnapshot(machine, row('c4', roster), snap);
    expect(keptSnapshot(machine, row('c4', roster))).to.equal(snap);
    keepSnapshot(machine, row('c3', '{"v":1}'), snap);
    keepSnapshot(machine, row('c3', `{"v":"${'x'.repeat(4_000_000)}"}`), snap);
    expect(keptSnapshot(machine, row('c3', '{"v":1}'))).to.equal(undefined);
  });
  it(`holds at most ${MAX_CASES} cases (a campaign's bulk step reaches that many), the least recently used leaving first`, () => {
    expect(MAX_CASES).to.be.at.least(10_000);
    keepSnapshot(machine, row('first', '{}'), snap);
    for (let i = 0; i < MAX_CASES - 1; i++) keepSnapshot(machine, row(`k${i}`, '{}'), snap);
    expect(keptSnapshot(machine, row('first', '{}'))).to.equal(snap); // used: now the most recent
    keepSnapshot(machine, row('one-more', '{}'), snap);
    expect(keptSnapshot(machine, row('first', '{}'))).to.equal(snap);
    expect(keptSnapshot(machine, row('k0', '{}')), 'the least recently used').to.equal(undefined);
  });
  it('holds at most 12 million characters of stored text in all', () => {
    const big = (i: number) => `{"v":"${String(i).padEnd(16_000, 'x')}"}`;
    for (let i = 0; i < 800; i++) keepSnapshot(machine, row(`b${i}`, big(i)), snap);
    expect(keptSnapshot(machine, row('b799', big(799)))).to.equal(snap);
    expect(keptSnapshot(machine, row('b0', big(0))), '800 × 16,000 characters is more than the budget').to.equal(undefined);
  });
});
