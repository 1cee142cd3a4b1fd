// P5's [default]s (RULES.md "Defaults the plan does not give"): each campaign copies them into its
// terms at its start, so a later change never regrades a running campaign.
import { setting } from '../settings-decl.ts';
import { ASSESS, CAP, COMMEND } from '../rules/assessment.ts';
import type { GradeLines, Weights } from '../rules/assessment.ts';

const weight = { type: 'number', minimum: 0, maximum: 1 };
const weightsSchema = { type: 'object', required: ['political', 'performance', 'attitude'], additionalProperties: false, properties: { political: weight, performance: weight, attitude: weight } };
const PUBLIC_POSTS = 'practice for comparable public posts (公务员考核规定 / 事业单位工作人员考核规定)';

export const settings = {
  assessmentExcellentShare: setting<number>({
    default: 0.2, schema: { type: 'number', exclusiveMinimum: 0, maximum: 1 }, rule: CAP, source: 'RULES.md defaults, "assessment grades" (优秀 ≤ 20%; places rounded down)',
    title: { zh: '优秀等次占本次考核定等次人数的比例上限（向下取整）', en: 'Share of those graded who may be 优秀 at most (places rounded down)' },
  }),
  assessmentWeights: setting<Record<string, Weights>>({
    default: {
      default: { political: 0.3, performance: 0.5, attitude: 0.2 },
      cadre: { political: 0.4, performance: 0.4, attitude: 0.2 },
      social_worker: { political: 0.3, performance: 0.5, attitude: 0.2 },
      community_officer: { political: 0.3, performance: 0.5, attitude: 0.2 },
      labor_supervisor: { political: 0.3, performance: 0.4, attitude: 0.3 },
    },
    schema: { type: 'object', required: ['default'], properties: { default: weightsSchema }, additionalProperties: weightsSchema, maxProperties: 20 },
    check: (v) => (Object.values(v).every((w) => Math.abs(w.political + w.performance + w.attitude - 1) < 1e-9) ? null : '每类人员的三项权重之和须为 1 / each kind\'s three weights must sum to 1'),
    rule: ASSESS, source: 'none in the plan (§3.4.2: indicators per kind); cadres weigh political quality more',
    title: { zh: '各类人员政治素质、工作业绩、工作态度的权重（default 适用于未列出的类别）', en: 'Weights of political quality, performance and attitude per kind (default: kinds not listed)' },
  }),
  assessmentGradeLines: setting<GradeLines>({
    default: { excellent: 90, competent: 75, basic: 60 },
    schema: { type: 'object', required: ['excellent', 'competent', 'basic'], additionalProperties: false, properties: { excellent: { type: 'number', minimum: 0, maximum: 100 }, competent: { type: 'number', minimum: 0, maximum: 100 }, basic: { type: 'number', minimum: 0, maximum: 100 } } },
    check: (v) => (v.excellent > v.competent && v.competent > v.basic ? null : '分数线须为 优秀 > 称职 > 基本称职 / lines must fall: excellent > competent > basic'),
    rule: ASSESS, source: 'none in the plan; the usual lines of a 100-point assessment',
    title: { zh: '拟定等次的总分线（优秀／称职／基本称职，低于基本称职线为不称职）', en: 'Total-score lines of the proposed grade (below the basic line: incompetent)' },
  }),
  assessmentPublicityWorkingDays: setting<number>({
    default: 5, schema: { type: 'integer', minimum: 1, maximum: 30 }, rule: COMMEND, source: `${PUBLIC_POSTS}: 优秀 publicised 5 working days`,
    title: { zh: '优秀等次公示天数（工作日）', en: 'Publicity of those graded 优秀, working days' },
  }),
  assessmentReviewDays: setting<number>({
    default: 30, schema: { type: 'integer', minimum: 1, maximum: 90 }, rule: ASSESS, source: `${PUBLIC_POSTS}: 复核 asked within 30 days of being told`,
    title: { zh: '收到考核结果后可申请复核的天数（自然日；期满或复核后等次方为最终）', en: 'Days after being told to ask for review (calendar; the grade is final after them or the review)' },
  }),
  assessmentMinShareOfYear: setting<number>({
    default: 0.5, schema: { type: 'number', exclusiveMinimum: 0, maximum: 1 }, rule: ASSESS, source: `${PUBLIC_POSTS}: under half a year in post → 只写评语，不定等次`,
    title: { zh: '当年在岗不足该比例的，只写评语、不定等次', en: 'In post for less than this share of the year: a written comment and no grade' },
  }),
  assessmentReminderDays: setting<number[]>({
    default: [7, 1], schema: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 60 }, maxItems: 3, uniqueItems: true }, rule: ASSESS, source: 'none in the plan (P4 reminds at 7 and 1 days too)',
    title: { zh: '考核截止前提醒的天数（自然日）', en: 'Reminders before the campaign deadline, calendar days before' },
  }),
};
