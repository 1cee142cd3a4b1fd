// Section: a 5,000-row spreadsheet import into the register over HTTP (upload → preview, then the
// commit in one transaction) and the export of those people back, against a raw parse of the same
// file (exceljs load / csv-parse alone: the floor any import pays). Peak memory sampled every 10 ms
// (the server runs in this process, so it is the whole system's).
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { performance } from 'node:perf_hooks';
import { startTestSystem, type Sys } from '../api/client.ts';
import { idNo, PEOPLE_HEADER, utf8Csv, XLSX, xlsxOf } from '../sheets/files.ts';
import { round } from './stats.ts';
import type { BenchContext, BenchSection, SectionResult } from './types.ts';

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakMiB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => void (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - t0, peakMiB: (Math.max(peak, process.memoryUsage().rss) - base) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export const importsSection: BenchSection = {
  id: 'imports',
  title: { zh: '导入 5,000 行名册并导出', en: 'Import 5,000 register rows, export them' },
  budgetSeconds: 25,
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
  const n = Math.max(200, Math.round(5000 * Math.min(ctx.scale, 1)));
  const rows = [PEOPLE_HEADER, ...Array.from({ length: n }, (_, i) => ['专职工会社会工作者', i % 2 ? '建外街道总工会' : '望京街道总工会', `社工${i}`, idNo(i), '社会工作者', '2026-03-01'])];
  const [xlsx, csv] = [await xlsxOf(rows), utf8Csv(rows, true)];
  const auth = { authorization: `Bearer ${s.token('chaoyang.hr')}` };
  const upload = async (body: Buffer, type: string) => {
    const res = await fetch(`${s.url}/api/imports?kind=people`, { method: 'POST', headers: { ...auth, 'content-type': type }, body: new Uint8Array(body) });
    const b = await res.json();
    if (res.status !== 201 || b.errors.length) throw new Error(`upload: ${res.status} ${JSON.stringify(b).slice(0, 300)}`);
    return b.id as string;
  };
  ctx.progress(`raw parse of ${n} rows`);
  const rawX = await timed(async () => { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(xlsx as unknown as ArrayBuffer); return wb.worksheets[0].actualRowCount; });
  const rawC = await timed(async () => parse(csv, { bom: true }).length);
  ctx.progress('upload and preview');
  const upX = await timed(() => upload(xlsx, XLSX));
  const upC = await timed(() => upload(csv, 'text/csv'));
  ctx.progress('commit');
  const commit = await timed(async () => {
    const res = await fetch(`${s.url}/api/imports/${upX.value}/commit`, { method: 'POST', headers: auth });
    if (res.status !== 200) throw new Error(`commit: ${res.status} ${(await res.text()).slice(0, 300)}`);
  });
  ctx.progress('export');
  const exportAs = (accept: string) => timed(async () => (await fetch(`${s.url}/api/people`, { headers: { ...auth, accept } })).arrayBuffer());
  const [exX, exC] = [await exportAs(XLSX), await exportAs('text/csv')];
  return {
    metrics: [
      { key: 'imports.rows', zh: '行数', en: 'rows', value: n, unit: '' },
      { key: 'imports.uploadXlsxMs', zh: '上传 .xlsx 并预览', en: 'upload .xlsx → preview', value: round(upX.ms, 0), unit: 'ms' },
      { key: 'imports.rawXlsxMs', zh: '仅 exceljs 读取同一文件', en: 'exceljs load alone, same file', value: round(rawX.ms, 0), unit: 'ms' },
      { key: 'imports.xlsxRatio', zh: '预览 / 原始读取', en: 'preview / raw parse', value: round(upX.ms / rawX.ms, 2), unit: '×' },
      { key: 'imports.uploadCsvMs', zh: '上传 CSV 并预览', en: 'upload CSV → preview', value: round(upC.ms, 0), unit: 'ms' },
      { key: 'imports.rawCsvMs', zh: '仅 csv-parse 读取同一文件', en: 'csv-parse alone, same file', value: round(rawC.ms, 0), unit: 'ms' },
      { key: 'imports.csvRatio', zh: '预览 / 原始读取', en: 'preview / raw parse', value: round(upC.ms / rawC.ms, 2), unit: '×' },
      { key: 'imports.commitMs', zh: '确认导入（一个事务）', en: 'commit (one transaction)', value: round(commit.ms, 0), unit: 'ms' },
      { key: 'imports.peakMiB', zh: '导入峰值内存增量', en: 'import peak RSS increase', value: round(Math.max(upX.peakMiB, upC.peakMiB, commit.peakMiB), 1), unit: 'MiB' },
      { key: 'imports.exportXlsxMs', zh: '导出 .xlsx', en: 'export .xlsx', value: round(exX.ms, 0), unit: 'ms' },
      { key: 'imports.exportCsvMs', zh: '导出 CSV', en: 'export CSV', value: round(exC.ms, 0), unit: 'ms' },
      { key: 'imports.exportPeakMiB', zh: '导出峰值内存增量', en: 'export peak RSS increase', value: round(Math.max(exX.peakMiB, exC.peakMiB), 1), unit: 'MiB' },
    ],
    notes: [`file sizes: .xlsx ${round(xlsx.length / 1024, 0)} KiB, CSV ${round(csv.length / 1024, 0)} KiB; raw parse peaks: xlsx ${round(rawX.peakMiB, 1)} MiB, CSV ${round(rawC.peakMiB, 1)} MiB`],
    details: { upX, upC, commit, exX, exC, rawX, rawC },
  };
}
