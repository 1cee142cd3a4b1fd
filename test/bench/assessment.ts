// Section: a P5 round over 10,000 people in post (issue 11): campaign start and OPEN (roster from
// the register, 10,000 member cases started in one transaction), the scores of all 10,000 from one
// .xlsx (upload → preview, commit: one RECORD_SCORES moving every member case), and the decisions
// in one DECIDE (20% 优秀, the rest 称职) — each over HTTP, timed, with peak RSS sampled on every
// 200th SQL statement and every 10 ms (the server runs in this process: the whole system's).
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { startTestSystem, type Sys } from '../api/client.ts';
import { XLSX, xlsxOf } from '../sheets/files.ts';
import { round } from './stats.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';

async function timed<T>(knex: Knex, fn: () => Promise<T>): Promise<{ value: T; ms: number; peakMiB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  let n = 0;
  const sample = () => void (peak = Math.max(peak, process.memoryUsage().rss));
  const onQuery = () => void (++n % 200 || sample());
  knex.on('query', onQuery);
  const timer = setInterval(sample, 10);
  const t0 = performance.now();
  try {
    const value = await fn();
    sample();
    return { value, ms: performance.now() - t0, peakMiB: (peak - base) / 2 ** 20 };
  } finally {
    clearInterval(timer);
    knex.off('query', onQuery);
  }
}

export const assessmentSection: BenchSection = {
  id: 'assessment',
  title: { zh: '年度考核 10,000 人：发起、导入评分、定等次', en: 'An assessment round of 10,000: start, score import, decisions' },
  budgetSeconds: 60,
  ownProcess: true,
  async run(ctx: BenchContext): Promise<SectionResult> {
    const s = await startTestSystem();
    try {
      return await measure(ctx, s);
    } finally {
      await s.cleanup();
    }
  },
};

async function measure(ctx: BenchContext, s: Sys): Promise<SectionResult> {
  const n = Math.max(200, Math.round(10_000 * Math.min(ctx.scale, 1)));
  s.clock.set('2026-12-01T02:00:00Z');
  const units = ['jianwai-station', 'yonganli', 'guomao', 'jianwai', 'wangjing', 'wangjing-tech', 'cy-centre', 'jianwai-hotel'].map((k) => s.demo!.orgs[k].id);
  ctx.progress(`register: ${n} people in post under 朝阳`);
  const rows = Array.from({ length: n }, (_, i) => ({
    org_id: units[i % units.length], name: `考核对象${i}`, identity_id: null, kind: i % 3 ? 'social_worker' : 'community_officer', status: 'in_post',
    start_date: '2021-03-01', end_date: null, details: '{}', source_instance_id: null, created_at: '2021-03-01T00:00:00Z',
  }));
  for (let i = 0; i < rows.length; i += 500) await s.knex('people').insert(rows.slice(i, i + 500));
  const ids = (await s.knex('people').orderBy('id').pluck('id')) as number[];
  const auth = { authorization: `Bearer ${s.token('chaoyang.hr')}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown, type = 'application/json') => {
    const res = await fetch(s.url + path, { method: 'POST', headers: { ...auth, 'content-type': type }, body: body instanceof Buffer ? new Uint8Array(body) : JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${text.slice(0, 400)}`);
    return JSON.parse(text);
  };

  ctx.progress('start + OPEN');
  const open = await timed(s.knex, async () => {
    const c = await post('/api/workflows/annual-assessment/instances', { year: 2026, deadline: '2027-01-15' });
    await post(`/api/instances/${c.id}/events`, { type: 'OPEN' });
    return c.id as string;
  });
  const id = open.value;
  const members = Number((await s.knex('instances').where({ parent_id: id }).count({ n: '*' }).first())!.n);
  if (members !== n) throw new Error(`${members} member cases for ${n} people`);

  ctx.progress('score import (.xlsx)');
  const sheet = await xlsxOf([['考核年度', '人员编号', '政治素质', '工作业绩', '工作态度', '述职摘要'], ...ids.map((p, i) => [2026, p, 80 + (i % 20), 85, 90, '完成年度工作'])]);
  const imported = await timed(s.knex, async () => {
    const up = await post('/api/imports?kind=assessment-scores', sheet, XLSX);
    if (up.errors.length) throw new Error(`import: ${JSON.stringify(up.errors.slice(0, 3))}`);
    return post(`/api/imports/${up.id}/commit`, {});
  });

  ctx.progress('DECIDE');
  const cap = Math.floor(n * 0.2 + 1e-9);
  const decided = await timed(s.knex, () => post(`/api/instances/${id}/events`, { type: 'DECIDE', rows: ids.map((p, i) => ({ person: p, grade: i < cap ? 'excellent' : 'competent' })) }));
  const states = await s.knex('instances').where({ parent_id: id }).groupBy('state').select('state').count({ n: '*' });
  const total = open.ms + imported.ms + decided.ms;
  const peak = Math.max(open.peakMiB, imported.peakMiB, decided.peakMiB);
  return {
    metrics: [
      { key: 'assessment.openMs', zh: `发起并生成考核名单（${n} 件考核对象事项）`, en: `start + OPEN (${n} member cases)`, value: round(open.ms, 0), unit: 'ms' },
      { key: 'assessment.importMs', zh: `评分 .xlsx 上传预览并导入（${n} 行）`, en: `score .xlsx upload, preview, commit (${n} rows)`, value: round(imported.ms, 0), unit: 'ms' },
      { key: 'assessment.decideMs', zh: `一次确定 ${n} 人等次（优秀 ${cap}）`, en: `one DECIDE of ${n} (${cap} 优秀)`, value: round(decided.ms, 0), unit: 'ms' },
      { key: 'assessment.totalMs', zh: '合计（目标 < 5 s）', en: 'total (goal < 5 s)', value: round(total, 0), unit: 'ms' },
      { key: 'assessment.peakRssMiB', zh: '峰值内存增量 RSS（目标 < 200 MB）', en: 'peak RSS increase (goal < 200 MB)', value: round(peak, 0), unit: 'MiB' },
    ],
    notes: [`member cases by state after DECIDE: ${states.map((r: any) => `${r.state} ${r.n}`).join(', ')}`],
    details: { n, open: open.ms, import: imported.ms, decide: decided.ms, peakMiB: { open: open.peakMiB, import: imported.peakMiB, decide: decided.peakMiB } },
  };
}
