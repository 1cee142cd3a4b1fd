// Section: the recruitment board's queries at a round of 5,000 applicants (issue 10 item 5): the
// counts per column and post, the first page of every column with cards (what the board page
// loads), a filtered page (post, score range, certificate) in ranking order, and the funnel from
// the history rows. The round is set up over HTTP (register, qualify all, written scores);
// The engine's own bulk steps at 5,000 are wt-round's bench; here a real round of 40 (registered,
// qualified, written scores over HTTP) is cloned row by row to n applicants with their history.
// `boardTimes` is exported so a bench that builds its own round can take the same figures.
import { performance } from 'node:perf_hooks';
import { startTestSystem, type Sys } from '../api/client.ts';
import { applicant, closeRegistration, HR, openRound, send } from '../api/p2-round.ts';
import { randomUUID } from 'node:crypto';
import { percentile, round as rounded } from './stats.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';

/** Milliseconds (median of `runs`) of each board query of a campaign, as HR asks them over HTTP. */
export async function boardTimes(s: Sys, id: string, runs = 5): Promise<Record<'counts' | 'columns' | 'filtered' | 'funnel', number>> {
  const get = async (path: string) => {
    const r = await s.call('GET', `/api/instances/${id}/pipeline${path}`, HR);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    return r.body;
  };
  const time = async (fn: () => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      ms.push(performance.now() - t0);
    }
    return rounded(percentile(ms, 50), 1)!;
  };
  const board = await get('');
  const full = board.stages.filter((x: any) => x.count > 0);
  return {
    counts: await time(() => get('')),
    columns: await time(() => Promise.all([get(''), ...full.map((x: any) => get(`/cards?stage=${x.id}&limit=50`))])),
    filtered: await time(() => get('/cards?group=A&min.written=70&max.written=90&has.certificates=true&sort=ranking&limit=50')),
    funnel: await time(() => get('/funnel')),
  };
}

export const boardSection: BenchSection = {
  id: 'board',
  title: { zh: '招录看板查询（5,000 名报考人）', en: 'Recruitment board queries (5,000 applicants)' },
  budgetSeconds: 40,
  async run(ctx: BenchContext): Promise<SectionResult> {
    const s = await startTestSystem();
    try {
      const n = Math.max(200, Math.round(5000 * Math.min(ctx.scale, 1)));
      const t0 = performance.now();
      const id = await round(s, n, ctx);
      const setupS = (performance.now() - t0) / 1000;
      ctx.progress('  board queries…');
      const t = await boardTimes(s, id);
      const m = (k: keyof typeof t, zh: string, en: string) => ({ key: `board.${k}Ms`, zh, en, value: t[k], unit: 'ms', digits: 1 });
      return {
        metrics: [
          m('counts', '各列各岗位计数', 'counts per column and post'),
          m('columns', '看板整页（计数 + 各列首页）', 'the whole board (counts + each column\'s first page)'),
          m('filtered', '筛选一页（岗位、分数区间、证书，按排名）', 'a filtered page (post, score range, certificate, ranked)'),
          m('funnel', '漏斗（含各列停留时间）', 'the funnel (with time in each column)'),
        ],
        notes: [`${n} 名报考人，每人约 4 条办理记录；中位数 / ${n} applicants, ~4 history rows each; medians of 5 (cloned from a round of 40; setup ${rounded(setupS, 1)} s)`],
        details: { applicants: n, setupSeconds: rounded(setupS, 1), ...t },
      };
    } finally {
      await s.cleanup();
    }
  },
};

const TEMPLATE = 40;
/** A campaign with n applicant cases: 40 through the engine, the rest copies of them (names, keys and scores varied). */
export async function round(s: Sys, n: number, ctx: Pick<BenchContext, "progress">): Promise<string> {
  ctx.progress(`  a round of ${TEMPLATE} over HTTP, cloned to ${n}…`);
  const people = Array.from({ length: TEMPLATE }, (_, i) => applicant(i % 2 ? 'B' : 'A', i, i % 5 ? {} : { certificates: ['social_worker'] }));
  const { id, key } = await openRound(s, people);
  await closeRegistration(s);
  const keys = Object.values(key);
  await send(s, id, { type: 'QUALIFY', applicants: keys });
  await send(s, id, { type: 'SCHEDULE_WRITTEN', time: '2026-03-21T01:00:00Z', place: '考场' });
  await send(s, id, { type: 'RECORD_WRITTEN', rows: keys.map((k, i) => ({ applicant: k, score: 40 + ((i * 7) % 60) })) });
  const kids = await s.knex('instances').where({ parent_id: id });
  const history = await s.knex('history').whereIn('instance_id', kids.map((k) => k.id));
  for (let from = TEMPLATE; from < n; from += 250) {
    const rows = [], hist = [];
    for (let i = from; i < Math.min(n, from + 250); i++) {
      const t = kids[i % TEMPLATE];
      const snap = JSON.parse(t.snapshot);
      snap.context.person.name = `${snap.context.post.id}报考人${i}`;
      if (snap.context.scores.written !== undefined) snap.context.scores.written = 40 + ((i * 7) % 60);
      if (snap.context.scores.writtenAdj !== undefined) snap.context.scores.writtenAdj = snap.context.scores.written + snap.context.bonus;
      const copy = { ...t, id: randomUUID(), correlation_key: `${t.correlation_key}-${i}`, snapshot: JSON.stringify(snap) };
      rows.push(copy);
      hist.push(...history.filter((h) => h.instance_id === t.id).map(({ id: _id, ...h }) => ({ ...h, instance_id: copy.id })));
    }
    await s.knex('instances').insert(rows);
    for (let j = 0; j < hist.length; j += 500) await s.knex('history').insert(hist.slice(j, j + 500));
  }
  return id;
}
