// Section: a P2 round of 5,000 applicants (issue 10) on SQLite through the engine: registrations
// imported from an .xlsx, qualify all, written scores imported from a CSV, invitations by ratio,
// interview scores imported, rank, checks, publicity — each a campaign's bulk step in one
// transaction, each import read, checked and committed as POST /api/imports does. Wall and CPU
// time per step (CPU is steadier on a shared machine) and peak memory.
import { performance } from 'node:perf_hooks';
import type { Knex } from 'knex';
import { getInstance } from '../../db/instances.ts';
import { importKind } from '../../server/imports/index.ts';
import { readRows } from '../../server/sheets/columns.ts';
import { readGrid } from '../../server/sheets/read.ts';
import type { Engine } from '../../workflows/engine/engine.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { SYSTEM_ACTOR, type Actor } from '../../workflows/types.ts';
import { csvText, xlsxOf } from '../sheets/files.ts';
import { actor, engineFor, world } from '../helpers.ts';
import { round } from './stats.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';

export const idNumberOf = (i: number) => withCheckDigit(`110105${1970 + (i % 30)}0${1 + (i % 9)}1${i % 9}${String(i).padStart(4, '0').slice(-3)}`);

export const recruitmentSection: BenchSection = {
  id: 'recruitment',
  title: { zh: '招录考试一轮 5,000 人', en: 'A recruitment round of 5,000 applicants' },
  budgetSeconds: 15,
  ownProcess: true,
  async run(ctx: BenchContext): Promise<SectionResult> {
    const w = await world('2026-03-02T02:00:00Z');
    try {
      return await measure(ctx, w);
    } finally {
      await w.cleanup();
    }
  },
};

const STEP_ZH: Record<string, string> = { 'import registrations': '导入报名表（.xlsx）', 'close registration': '报名截止', 'qualify': '资格审查全部通过', 'schedule written': '安排笔试（通知每人）', 'import written scores': '导入笔试成绩（CSV）', 'invite': '按比例确定面试人选', 'import interview scores': '导入面试成绩（CSV）', 'rank': '按总成绩排名', 'checks': '体检考察结果', 'publicity': '公示' };

/** An upload and its commit, as server/routes/imports.ts runs them (preview, then check and commit in one transaction). */
async function importInto(knex: Knex, engine: Engine, hr: Actor, caseId: string, kindName: string, bytes: Buffer, now: Date): Promise<void> {
  const kind = importKind(kindName)!;
  const org = (await engine.lineageOrgs(knex, hr.orgId!))[0];
  const ctxFor = async (db: Knex | Knex.Transaction) => {
    const { context } = await engine.mayNow(db, { instanceId: caseId, type: kind.target!.event, actor: hr });
    return { caller: { org, actor: hr, roles: hr.roles }, personal: DEV_PERSONAL_DATA, now, target: { id: caseId, state: '', context, send: (trx: Knex.Transaction, event: { type: string }) => engine.sendIn(trx, { instanceId: caseId, event, actor: hr }) } };
  };
  const { grid } = await readGrid(bytes, { maxRows: 10_000, maxBytes: 5 * 1048576 });
  const { rows, errors } = readRows(grid, kind);
  errors.push(...(await kind.check!(knex, rows, await ctxFor(knex))));
  if (errors.length) throw new Error(`${kindName}: ${JSON.stringify(errors.slice(0, 3))}`);
  await knex.transaction(async (trx) => {
    const ctx = await ctxFor(trx);
    const again = await kind.check!(trx, rows, ctx);
    if (again.length) throw new Error(`${kindName} at commit: ${JSON.stringify(again.slice(0, 3))}`);
    await kind.commit(trx, rows, ctx);
  });
}

async function measure(ctx: BenchContext, w: Awaited<ReturnType<typeof world>>): Promise<SectionResult> {
  const n = Math.max(100, Math.round(5000 * Math.min(ctx.scale, 1)));
  const engine = engineFor(w);
  const hr = await actor(w, 'chaoyang.hr');
  const approver: Actor = { id: 'bench-approver', name: '市总审批人', orgId: w.demo.orgs.city.id, roles: ['approver'] };
  const posts = [1, 2, 3, 4, 5].map((k) => ({ id: `P${k}`, title: `社会工作者${k}`, unitId: w.demo.orgs['jianwai-station'].id, unitName: '建外街道工会服务站', places: Math.ceil(n / 100) }));
  const c = await engine.start({ type: 'recruitment-exam', body: { title: '基准招录', posts }, actor: hr, orgId: hr.orgId! });
  const send = (event: Record<string, unknown> & { type: string }, who = hr) => engine.send({ instanceId: c.id, event, actor: who });
  await send({ type: 'SUBMIT_PLAN' });
  await send({ type: 'APPROVE_PLAN' }, approver);
  await send({ type: 'ANNOUNCE', registrationClosesAt: '2026-03-10T10:00:00.000Z' });
  await send({ type: 'OPEN_REGISTRATION' });

  const steps: { step: string; ms: number; cpuMs: number; heapMiB: number }[] = [];
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const timed = async (step: string, f: () => Promise<unknown>) => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await f();
    const cpu = process.cpuUsage(c0);
    peak = Math.max(peak, process.memoryUsage().rss);
    steps.push({ step, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, heapMiB: process.memoryUsage().heapUsed / 2 ** 20 });
    ctx.progress(`${step}: ${Math.round(performance.now() - t0)} ms (cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms)`);
  };
  const roster = async () => JSON.parse((await getInstance(w.knex, c.id))!.snapshot).context.roster as { key: string; seq: number; stage: string }[];
  const registrations = await xlsxOf([['姓名', '公民身份号码', '报考岗位', '电子邮箱'], ...Array.from({ length: n }, (_, i) => [`报考人${i}`, idNumberOf(i), posts[i % posts.length].id, i % 2 ? `a${i}@example.org.cn` : ''])]);
  const load = (kind: string, bytes: Buffer) => importInto(w.knex, engine, hr, c.id, kind, bytes, w.clock.now());
  const t0 = performance.now();
  try {
    await timed('import registrations', () => load('recruitment-registrations', registrations));
    w.clock.set('2026-03-10T10:00:01Z');
    await timed('close registration', () => send({ type: 'CLOSE_REGISTRATION' }, SYSTEM_ACTOR));
    const keys = (await roster()).map((e) => e.key);
    await timed('qualify', () => send({ type: 'QUALIFY', applicants: keys }));
    await timed('schedule written', () => send({ type: 'SCHEDULE_WRITTEN', time: '2026-03-21T01:00:00Z', place: '考场' }));
    const seqs = (await roster()).map((e: any) => e.seq as number);
    await timed('import written scores', () => load('recruitment-written-scores', Buffer.from(csvText([['报名序号', '笔试成绩'], ...seqs.map((q, i) => [q, 50 + (i * 37) % 50])]))));
    await timed('invite', () => send({ type: 'SCHEDULE_INTERVIEW', time: '2026-03-28T01:00:00Z', place: '面试室' }));
    const invited = (await roster()).filter((e: any) => e.stage === 'invited').map((e: any) => e.seq as number);
    await timed('import interview scores', () => load('recruitment-interview-scores', Buffer.from(csvText([['报名序号', '面试成绩'], ...invited.map((q, i) => [q, 60 + (i * 13) % 40])]))));
    await timed('rank', () => send({ type: 'CLOSE_INTERVIEW' }));
    const inChecks = (await roster()).filter((e: any) => e.stage === 'checks').map((e) => e.key);
    await timed('checks', () => send({ type: 'RECORD_CHECKS', rows: inChecks.map((k) => ({ applicant: k, passed: true })) }));
    await timed('publicity', () => send({ type: 'START_PUBLICITY' }));
  } finally {
    clearInterval(timer);
  }
  const total = performance.now() - t0;
  return {
    metrics: [
      { key: 'recruitment.applicants', zh: '报考人数', en: 'applicants', value: n, unit: '人' },
      ...steps.map((s) => ({ key: `recruitment.${s.step.replace(/ (\w)/g, (_m, x: string) => x.toUpperCase())}Ms`, zh: STEP_ZH[s.step] ?? s.step, en: s.step, value: s.ms, unit: 'ms' })),
      { key: 'recruitment.totalMs', zh: '合计（报名至公示）', en: 'total, registration to publicity', value: total, unit: 'ms' },
      { key: 'recruitment.cpuMs', zh: '合计 CPU 时间（不受机器负载影响）', en: 'total CPU time (less sensitive to machine load)', value: steps.reduce((a, s) => a + s.cpuMs, 0), unit: 'ms' },
      { key: 'recruitment.peakRssMiB', zh: '内存峰值增量', en: 'peak RSS increase', value: (peak - base) / 2 ** 20, unit: 'MiB' },
    ],
    notes: [`目标 / goal: < 5 s, < 200 MB (${n} applicants)`],
    details: { steps: steps.map((s) => ({ ...s, ms: round(s.ms, 1) })) },
  };
}
