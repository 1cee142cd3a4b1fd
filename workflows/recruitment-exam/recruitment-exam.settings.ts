// P2's [default]s (RULES.md "Defaults the plan does not give"); each campaign copies them into its
// terms at its start and may change them until registration opens, then they are frozen.
import { setting } from '../settings-decl.ts';
import { BONUS, CALL_UP, PASS_LINE, PUBLICITY, RATIO, SCORE } from './recruitment-exam.rules.ts';

const SOURCE = 'RULES.md defaults, Beijing union social-worker rounds 2016–2018';

export const settings = {
  examWrittenWeight: setting<number>({
    default: 0.6, schema: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, rule: SCORE, source: `${SOURCE} ("exam score")`,
    title: { zh: '笔试成绩占总成绩的比重（面试占其余）', en: 'Weight of the written score in the total (the interview has the rest)' },
  }),
  examInterviewRatio: setting<number>({
    default: 2, schema: { type: 'integer', minimum: 1, maximum: 10 }, rule: RATIO, source: `${SOURCE} ("interview ratio")`,
    title: { zh: '每个招录名额进入面试的人数（并列者均进入）', en: 'Applicants invited to interview per place (all tied at the cut-off invited)' },
  }),
  examCertificateBonus: setting<{ full: number; assistant: number }>({
    default: { full: 20, assistant: 10 }, rule: BONUS, source: `${SOURCE} ("certificate bonus")`,
    schema: { type: 'object', required: ['full', 'assistant'], additionalProperties: false, properties: { full: { type: 'number', minimum: 0, maximum: 50 }, assistant: { type: 'number', minimum: 0, maximum: 50 } } },
    title: { zh: '职业资格证书笔试加分（社会工作师等／助理级）', en: 'Written-score bonus for certificates (full / assistant grade)' },
  }),
  examWrittenPassLine: setting<number>({
    default: 60, schema: { type: 'number', minimum: 0, maximum: 100 }, rule: PASS_LINE, source: 'none in the plan; the usual 合格线 of public recruitment notices',
    title: { zh: '笔试合格线（不含加分），低于者不进入面试', en: 'Written-exam pass line (before bonus); below it nobody is invited' },
  }),
  examPublicityDays: setting<number>({
    default: 7, schema: { type: 'integer', minimum: 1, maximum: 30 }, rule: PUBLICITY, source: 'RULES.md defaults, "publicity (公示)"',
    title: { zh: '拟聘用人员公示天数（自然日）', en: 'Publicity of those to be hired, calendar days' },
  }),
  examMaxCallUpsPerPost: setting<number>({
    default: 2, schema: { type: 'integer', minimum: 0, maximum: 10 }, rule: CALL_UP, source: 'none in the plan; recruitment notices limit 递补',
    title: { zh: '每个岗位最多递补次数（办理聘用手续后不再递补）', en: 'Call-ups per post at most (none once hiring formalities begin)' },
  }),
};
