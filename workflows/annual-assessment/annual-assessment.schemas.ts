// P5 campaign: JSON Schemas of its start body and events, zh-CN titles with English in x-title-en (schema-kit.ts).
import type { JsonSchema } from '../types.ts';
import { date, event, integer, object, text, titled } from '../schema-kit.ts';
import { ASSESS, grade } from '../rules/assessment.ts';

const MAX_ROWS = 20_000;
const person = () => integer(1, undefined, '人员编号（名册）', 'person (register id)');
const points = (zh: string, en: string) => titled({ type: 'number', minimum: 0, maximum: 100 }, zh, en, { rule: ASSESS });
const rows = (fields: Record<string, JsonSchema>, required: string[]) =>
  titled({ type: 'array', minItems: 1, maxItems: MAX_ROWS, items: object({ person: person(), ...fields }, ['person', ...required]) }, '逐人记录', 'one row per person');
const reason = () => text(2000, '理由', 'reason', { widget: 'textarea' });

export const startSchema = titled(object({
  year: integer(2015, 2100, '考核年度', 'assessment year', { rule: ASSESS }),
  referenceDate: date('在岗基准日（默认当年 12 月 31 日）', 'reference date: in post on this day (default 31 December)'),
  deadline: date('考核截止日期', 'campaign deadline'),
}, ['year', 'deadline']), '发起年度考核', 'start an annual assessment', { rule: ASSESS });

export const eventSchemas = {
  OPEN: event('OPEN'),
  SELF_REPORTS: event('SELF_REPORTS', { rows: rows({ summary: text(5000, '述职摘要', 'self-report', { widget: 'textarea' }) }, ['summary']) }, ['rows']),
  RECORD_SCORES: event('RECORD_SCORES', {
    rows: rows({
      political: points('政治素质', 'political quality'), performance: points('工作业绩', 'work performance'), attitude: points('工作态度', 'work attitude'),
      selfReport: text(5000, '述职摘要（未单独录入时）', 'self-report (when not recorded before)', { widget: 'textarea' }),
    }, ['political', 'performance', 'attitude']),
  }, ['rows']),
  DECIDE: event('DECIDE', { rows: rows({ grade: grade(), note: text(1000, '备注', 'note') }, ['grade']) }, ['rows']),
  COMMENT: event('COMMENT', { rows: rows({ comment: text(2000, '评语', 'written comment', { widget: 'textarea' }) }, ['comment']) }, ['rows']),
  REQUEST_REVIEW: event('REQUEST_REVIEW', { person: person(), reason: reason() }, ['person', 'reason']),
  DECIDE_REVIEW: event('DECIDE_REVIEW', { person: person(), grade: grade(), reason: reason() }, ['person', 'grade', 'reason']),
  UPHOLD_OBJECTION: event('UPHOLD_OBJECTION', { person: person(), grade: grade(), reason: reason() }, ['person', 'grade', 'reason']),
  REMIND: event('REMIND'),
  DEADLINE_PASSED: event('DEADLINE_PASSED'),
  CLOSE: event('CLOSE'),
} satisfies Record<string, JsonSchema>;
