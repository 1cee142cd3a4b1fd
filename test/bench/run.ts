// `npm run bench`: runs every section of ./sections.ts in one process, prints a compact table
// (zh labels, English beside) and writes the figures to .bench/latest.json (git-ignored).
//
//   npm run bench                  all sections
//   npm run bench -- engine        only the named sections (ids: see ./sections.ts)
//   BENCH_SCALE=0.2 npm run bench  a quick smoke run; 2 for a longer, steadier one
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { START_FLAGS } from '../start-flags.ts';
import { benchSections } from './sections.ts';
import { displayWidth, formatNumber, padEnd, padStart, round } from './stats.ts';
import type { BenchContext, SectionResult } from './types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function commit(): string | null {
  try {
    // In a git worktree .git is a file naming the real directory (refs live in the common one).
    const dotGit = join(ROOT, '.git');
    const linked = /^gitdir: (.+)$/m.exec(existsSync(dotGit) && !statSync(dotGit).isDirectory() ? readFileSync(dotGit, 'utf8') : '')?.[1];
    const gitDir = linked ?? dotGit;
    const common = existsSync(join(gitDir, 'commondir')) ? join(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim()) : gitDir;
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    if (existsSync(join(common, ref))) return readFileSync(join(common, ref), 'utf8').trim();
    const packed = readFileSync(join(common, 'packed-refs'), 'utf8').split('\n').find((l) => l.endsWith(` ${ref}`));
    return packed?.split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

async function main() {
  // Run again under npm start's flags when started without them (e.g. `npx tsx test/bench/run.ts`).
  const missing = START_FLAGS.filter((f) => !process.execArgv.includes(f));
  if (missing.length) process.exit(spawnSync(process.execPath, [...missing, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' }).status ?? 1);
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((id) => !benchSections.some((s) => s.id === id));
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${benchSections.map((s) => s.id).join(', ')}`);
  const sections = wanted.length ? benchSections.filter((s) => wanted.includes(s.id)) : benchSections;
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  if (!(scale > 0)) throw new Error(`BENCH_SCALE must be a positive number, not ${process.env.BENCH_SCALE}`);

  const dirs: string[] = [];
  const ctx: BenchContext = {
    tmpDir: (prefix) => {
      const d = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
    progress: (m) => process.stderr.write(`  … ${m}\n`),
    scale,
  };

  const startedAt = new Date();
  const t0 = performance.now();
  const results: { id: string; title: { zh: string; en: string }; seconds: number; result?: SectionResult; error?: string }[] = [];
  try {
    for (const s of sections) {
      process.stderr.write(`▶ ${s.title.zh} / ${s.title.en} (~${Math.round(s.budgetSeconds * scale)} s)\n`);
      const a = performance.now();
      try {
        const result = s.ownProcess && sections.length > 1 ? inOwnProcess(s.id, ctx.tmpDir('bench-section-')) : await s.run(ctx);
        results.push({ id: s.id, title: s.title, seconds: (performance.now() - a) / 1000, result });
      } catch (e) {
        results.push({ id: s.id, title: s.title, seconds: 0, error: (e as Error).stack ?? String(e) });
      }
      results.at(-1)!.seconds = (performance.now() - a) / 1000;
    }
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  const seconds = (performance.now() - t0) / 1000;
  const out = process.env.BENCH_SECTION_OUT; // run by inOwnProcess: hand the result back, print nothing
  if (out) {
    if (results[0].error) throw new Error(results[0].error);
    return writeFileSync(out, JSON.stringify(results[0].result));
  }

  // The table.
  const sha = commit();
  const cpuList = cpus();
  const lines: string[] = [];
  lines.push(`基准测试 / bench — ${startedAt.toISOString()} · node ${process.version} · ${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'cpu'} · ${sha?.slice(0, 10) ?? 'no commit'}${START_FLAGS.length ? ` · ${START_FLAGS.join(' ')}` : ''}${scale !== 1 ? ` · BENCH_SCALE=${scale}` : ''}`);
  const labelOf = (m: { zh: string; en: string }) => `${m.zh}  ${m.en}`;
  const labelWidth = Math.max(40, ...results.flatMap((r) => r.result?.metrics.map((m) => displayWidth(labelOf(m))) ?? []));
  const values = results.flatMap((r) => r.result?.metrics.map((m) => formatNumber(m.value, m.digits)) ?? []);
  const valueWidth = Math.max(8, ...values.map((v) => v.length));
  for (const r of results) {
    const head = `── ${r.title.zh} / ${r.title.en} (${r.seconds.toFixed(1)} s) `;
    lines.push('', head + '─'.repeat(Math.max(3, labelWidth + valueWidth + 10 - displayWidth(head))));
    if (r.error) {
      lines.push(`  失败 / FAILED: ${r.error.split('\n').slice(0, 4).join('\n    ')}`);
      continue;
    }
    for (const m of r.result!.metrics) lines.push(`  ${padEnd(labelOf(m), labelWidth)}  ${padStart(formatNumber(m.value, m.digits), valueWidth)}  ${m.unit}`);
    for (const n of r.result!.notes ?? []) lines.push(`  · ${n}`);
  }
  lines.push('', `合计 / total ${seconds.toFixed(1)} s → .bench/latest.json`);
  process.stdout.write(lines.join('\n') + '\n');

  // The JSON.
  const json = {
    startedAt: startedAt.toISOString(),
    seconds: round(seconds, 1),
    commit: sha,
    scale,
    env: { node: process.version, platform: process.platform, arch: process.arch, cpus: cpuList.length, cpuModel: cpuList[0]?.model.trim(), totalMemGiB: round(totalmem() / 2 ** 30, 1) },
    sections: Object.fromEntries(results.map((r) => [r.id, {
      title: r.title, seconds: round(r.seconds, 1), error: r.error,
      metrics: r.result && Object.fromEntries(r.result.metrics.map((m) => [m.key, { value: m.value === null ? null : round(m.value, 4), unit: m.unit, zh: m.zh, en: m.en }])),
      notes: r.result?.notes, details: r.result?.details,
    }])),
  };
  mkdirSync(join(ROOT, '.bench'), { recursive: true });
  writeFileSync(join(ROOT, '.bench/latest.json'), JSON.stringify(json, null, 2) + '\n');
  if (results.some((r) => r.error)) process.exitCode = 1;
}

/** One section in a child process (same flags and loader), its progress on this stderr, its result back through a file. */
function inOwnProcess(id: string, dir: string): SectionResult {
  const file = join(dir, 'result.json');
  const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1], id], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, BENCH_SECTION_OUT: file } });
  if (run.status !== 0 || !existsSync(file)) throw new Error(`section ${id} in its own process exited with ${run.status ?? run.signal}`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
