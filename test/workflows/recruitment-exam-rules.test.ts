// P2's scoring rules (RULES.md defaults: exam score, interview ratio, certificate bonus, 递补), pure.
import { expect } from 'chai';
import { bonusOf, invitations, nextCallUp, postCuts, round2, selection, totalScore, writtenAdjusted, type Entry, type Post, type Terms } from '../../workflows/recruitment-exam/recruitment-exam.rules.ts';

const terms: Terms = { writtenWeight: 0.6, interviewRatio: 2, passLine: 60, bonus: { full: 20, assistant: 10 }, publicityDays: 7, maxCallUpsPerPost: 2 };
const post = (id: string, places: number): Post => ({ id, title: id, unitId: 1, unitName: 'u', places });
let seq = 0;
const e = (key: string, p: string, x: Partial<Entry>): Entry => ({ key, seq: ++seq, post: p, name: key, id: '1101**********0000', stage: 'writtenScored', bonus: 0, ...x });

describe('recruitment-exam rules', () => {
  it('rounds half up to two decimals before ranking (R-exam-score)', () => {
    expect(round2(78.125)).to.equal(78.13);
    expect(round2(1.005)).to.equal(1.01);
    expect(totalScore(80.333, 70, terms)).to.equal(76.2);
  });
  it('gives the highest single certificate bonus, not a sum (R-exam-bonus)', () => {
    expect(bonusOf(['social_worker', 'counsellor_3'], terms)).to.equal(20);
    expect(bonusOf(['labour_relations_assistant'], terms)).to.equal(10);
    expect(bonusOf([], terms)).to.equal(0);
    expect(writtenAdjusted(65.5, 10)).to.equal(75.5);
  });
  it('weights written 60% and interview 40% (R-exam-score)', () => {
    expect(totalScore(90, 80, terms)).to.equal(86);
    expect(totalScore(90, 80, { ...terms, writtenWeight: 0.5 })).to.equal(85);
  });
  it('invites places × ratio per post by written rank, everyone tied at the cut-off too, nobody below the pass line (R-exam-ratio, R-exam-passline)', () => {
    const r = [e('a', 'p1', { written: 90, writtenAdj: 90 }), e('b', 'p1', { written: 85, writtenAdj: 85 }), e('c', 'p1', { written: 85, writtenAdj: 85 }), e('d', 'p1', { written: 80, writtenAdj: 80 }),
      e('x', 'p2', { written: 59, writtenAdj: 79 }), e('y', 'p2', { written: 70, writtenAdj: 70 })];
    const { invited, ranksOf } = invitations([post('p1', 1), post('p2', 1)], r, terms);
    expect([...invited].sort()).to.deep.equal(['a', 'b', 'c', 'y']);
    expect(ranksOf.get('c')).to.equal(2);
    expect(ranksOf.has('x')).to.equal(false);
  });
  it('ranks by total within each post, ties broken by written, interview, then registration (R-exam-score)', () => {
    const r = [e('a', 'p1', { stage: 'interviewed', total: 80, writtenAdj: 82, interview: 77 }), e('b', 'p1', { stage: 'interviewed', total: 80, writtenAdj: 85, interview: 72.5 }),
      e('c', 'p2', { stage: 'interviewed', total: 70, writtenAdj: 70, interview: 70 })];
    const { selected, rank } = selection([post('p1', 1), post('p2', 1)], r);
    expect([...selected].sort()).to.deep.equal(['b', 'c']);
    expect(rank.get('a')).to.equal(2);
  });
  it('calls up the next ranked of the post, twice in a row, then no more past the limit or once hiring began (R-exam-callup)', () => {
    const r = [e('r2', 'p1', { stage: 'ranked', rank: 2 }), e('r3', 'p1', { stage: 'ranked', rank: 3 }), e('r4', 'p1', { stage: 'ranked', rank: 4 }), e('q', 'p2', { stage: 'ranked', rank: 2 })];
    expect(nextCallUp(r, 'p1', 0, terms, false)?.key).to.equal('r2');
    const after = r.map((x) => (x.key === 'r2' ? { ...x, stage: 'checksFailed' as const } : x));
    expect(nextCallUp(after, 'p1', 1, terms, false)?.key).to.equal('r3');
    expect(nextCallUp(after, 'p1', 2, terms, false)).to.equal(null);
    expect(nextCallUp(r, 'p1', 0, terms, true)).to.equal(null);
  });
  it('cuts a post to ⌊qualified ÷ ratio⌋ places, cancels it at 0 (核减, R-exam-ratio)', () => {
    const r = ['a', 'b', 'c'].map((k) => e(k, 'p1', { stage: 'qualified' })).concat([e('z', 'p2', { stage: 'qualified' }), e('w', 'p3', { stage: 'qualified' }), e('v', 'p3', { stage: 'qualified' })]);
    expect(postCuts([post('p1', 2), post('p2', 1), post('p3', 1)], r, terms)).to.deep.equal([{ post: 'p1', from: 2, to: 1 }, { post: 'p2', from: 1, to: 0 }]);
  });
});
