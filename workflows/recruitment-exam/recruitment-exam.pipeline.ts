// P2's board (issue 10 item 5): the applicant cases as cards in columns of their states, grouped
// by post, with the campaign's bulk events a selection feeds. The generic board (server/routes/
// pipeline.ts, web/src/pages/Board.tsx) reads only this.
import type { Pipeline } from '../pipeline.ts';
import type { WorkflowDefinition } from '../types.ts';

const named = ['registered', 'qualified', 'writtenScored', 'invited', 'interviewed', 'ranked', 'checks', 'checksPassed', 'publicised', 'hired', 'disqualified'];
const t = (zh: string, en: string) => ({ zh, en });
const score = (id: string, zh: string, en: string) => ({ id, title: t(zh, en), path: ['scores', id], kind: 'number' as const });

/** The board over the applicant cases (`applicant`, bound in workflows/registry.ts). */
export const pipelineOver = (applicant: WorkflowDefinition): Pipeline => ({
  childType: applicant.type,
  stages: [
    { id: 'registered', title: t('已报名', 'Registered'), states: ['registered'] },
    { id: 'qualified', title: t('资格审查通过', 'Qualified'), states: ['qualified'] },
    { id: 'writtenScored', title: t('已录笔试成绩', 'Written scored'), states: ['writtenScored'] },
    { id: 'invited', title: t('进入面试', 'Invited to interview'), states: ['invited'] },
    { id: 'interviewed', title: t('已面试', 'Interviewed'), states: ['interviewed'] },
    { id: 'reserve', title: t('排名候补', 'Reserve'), states: ['ranked'] },
    { id: 'checks', title: t('体检考察', 'Checks'), states: ['checks', 'checksPassed'] },
    { id: 'publicised', title: t('公示', 'Publicity'), states: ['publicised'] },
    { id: 'hired', title: t('已聘用', 'Hired'), states: ['hired'] },
    { id: 'disqualified', title: t('资格审查不通过', 'Disqualified'), states: ['disqualified'] },
    { id: 'out', title: t('未继续', 'Out of the round'), states: Object.keys(applicant.states).filter((s) => !named.includes(s)) }, // every other way out: absent, not invited, failed checks, withdrawn …
  ],
  name: ['person', 'name'],
  // The identity rows are written in the order of the REGISTER rows.
  order: ['person', 'idNumberRef'],
  groupBy: { title: t('岗位', 'Post'), id: ['post', 'id'], label: ['post', 'title'] },
  fields: [
    score('written', '笔试', 'written'), score('writtenAdj', '笔试（含加分）', 'written + bonus'), score('writtenRank', '笔试名次', 'written rank'),
    score('interview', '面试', 'interview'), score('total', '总成绩', 'total'), score('rank', '总成绩名次', 'rank'),
    { id: 'bonus', title: t('持证加分', 'bonus'), path: ['bonus'], kind: 'number' },
    { id: 'certificates', title: t('职业资格证书', 'certificates'), path: ['person', 'certificates'], kind: 'list' },
  ],
  actions: [
    { event: 'QUALIFY', list: 'applicants', stages: ['registered'] },
    { event: 'DISQUALIFY', list: 'rows', item: 'applicant', stages: ['registered', 'qualified'] },
    // Scores come by import (the import wizard); from the board only who did not sit the exam.
    { id: 'ABSENT_WRITTEN', title: t('标记笔试缺考', 'Mark absent from the written exam'), event: 'RECORD_WRITTEN', list: 'rows', item: 'applicant', fixed: { absent: true }, ask: [], stages: ['qualified'] },
    { id: 'ABSENT_INTERVIEW', title: t('标记面试缺考', 'Mark absent from the interview'), event: 'RECORD_INTERVIEW', list: 'rows', item: 'applicant', fixed: { absent: true }, ask: [], stages: ['invited'] },
    { event: 'RECORD_CHECKS', list: 'rows', item: 'applicant', stages: ['checks'] },
    { event: 'HIRE', list: 'applicants', ask: ['startDate'], stages: ['publicised'] },
  ],
  // The order recruitment-exam.rules.ts byTotal hires by (R-exam-score).
  ranking: { order: ['total', 'writtenAdj', 'interview'], rank: 'rank', tieBreak: t('同分时依次比较：笔试成绩（含加分）、面试成绩、报名先后', 'Ties: written score with the bonus, then the interview score, then the earlier registration') },
});
