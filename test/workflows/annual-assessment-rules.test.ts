// P5's rules, pure: the 优秀 cap (rounded down), weights per kind, grade lines, under half a year, two years of 基本称职.
import { expect } from 'chai';
import { commentOnly, excellentCap, notToRenew, proposedGrade, totalScore, weightsFor } from '../../workflows/rules/assessment.ts';
import { checks } from '../../workflows/annual-assessment/annual-assessment.checks.ts';
import type { Context, Member } from '../../workflows/annual-assessment/annual-assessment.machine.ts';
import { settings } from '../../workflows/annual-assessment/annual-assessment.settings.ts';

const terms = {
  excellentShare: 0.2, weights: settings.assessmentWeights.default, lines: settings.assessmentGradeLines.default,
  publicityWorkingDays: 5, reviewDays: 30, minShareOfYear: 0.5, reminderDays: [7, 1],
};
const campaign = (n: number, excellent = 0): Context => ({
  year: 2026, referenceDate: '2026-12-31', deadline: '2027-01-31', key: 'assessment:2:2026', terms, graded: n, excellent, overdue: [],
  members: Array.from({ length: n }, (_, i): Member => ({ personId: i + 1, name: `人${i + 1}`, kind: 'social_worker', orgId: 2, orgName: '朝阳', startDate: '2020-01-01', stage: 'scored' })),
});
const decide = (c: Context, excellent: number[]) => checks.DECIDE(c, { rows: excellent.map((person) => ({ person, grade: 'excellent' })) });

describe('P5 rules (R-assess §3.4.2)', () => {
  describe('the 优秀 cap: 20% of those graded, rounded down', () => {
    it('gives 4 places of 20, 4 of 24, 5 of 25, 0 of 4, 1 of 5', () => {
      expect([20, 24, 25, 4, 5, 0].map((n) => excellentCap(n, 0.2))).to.deep.equal([4, 4, 5, 0, 1, 0]);
    });
    it('allows 4 of 20 and refuses a 5th, naming the places and the rounding', () => {
      expect(decide(campaign(20), [1, 2, 3, 4])).to.deep.equal([]);
      const [p] = decide(campaign(20), [1, 2, 3, 4, 5]);
      expect(p.message).to.include('4 名').and.include('向下取整').and.include('R-assess §3.4.2');
      expect(decide(campaign(20, 4), [5])).to.have.length(1);
      expect(decide(campaign(20, 3), [5])).to.deep.equal([]);
    });
    it('refuses 1 of 4 (0.8 places round down to none)', () => {
      expect(decide(campaign(4), [1])).to.have.length(1);
      expect(checks.DECIDE(campaign(4), { rows: [{ person: 1, grade: 'competent' }] })).to.deep.equal([]);
    });
  });

  describe('weights per kind', () => {
    it("weighs a cadre's political quality more than a social worker's; a kind not listed takes the default", () => {
      const s = { political: 100, performance: 80, attitude: 90 };
      expect(totalScore(s, weightsFor(terms, 'cadre'))).to.equal(90);
      expect(totalScore(s, weightsFor(terms, 'social_worker'))).to.equal(88);
      expect(weightsFor(terms, 'purchased_service_staff')).to.deep.equal(terms.weights.default);
    });
    it('proposes the grade by the lines: 90 优秀, 75 称职, 60 基本称职, below 不称职', () => {
      expect([90, 89.99, 75, 60, 59.99].map((t) => proposedGrade(t, terms.lines))).to.deep.equal(['excellent', 'competent', 'competent', 'basic', 'incompetent']);
    });
  });

  describe('two consecutive years of 基本称职', () => {
    it('marks not to be renewed only for 基本称职 this year after 基本称职 the year before', () => {
      expect(notToRenew('basic', 2026, { year: 2025, grade: 'basic', caseId: 'c1' })).to.equal(true);
      expect(notToRenew('basic', 2026, { year: 2024, grade: 'basic', caseId: 'c1' })).to.equal(false);
      expect(notToRenew('basic', 2026, { year: 2025, grade: 'competent', caseId: 'c1' })).to.equal(false);
      expect(notToRenew('competent', 2026, { year: 2025, grade: 'basic', caseId: 'c1' })).to.equal(false);
      expect(notToRenew('basic', 2026, null)).to.equal(false);
    });
  });

  describe('in post less than half the year', () => {
    it('gives a comment and no grade from 3 July on (2026: 182 of 365 days), a grade up to 2 July (183 days)', () => {
      expect(commentOnly('2026-07-02', 2026, 0.5)).to.equal(false);
      expect(commentOnly('2026-07-03', 2026, 0.5)).to.equal(true);
      expect(commentOnly('2019-05-01', 2026, 0.5)).to.equal(false);
      expect(commentOnly('2027-01-01', 2026, 0.5)).to.equal(true);
    });
  });
});
