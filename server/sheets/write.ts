// Lists as spreadsheets: a list route answers .xlsx or CSV when the caller's Accept asks for it
// (JSON stays the default), page by page from the database so 5,000+ rows stay bounded in memory.
// Headers are zh-CN, or English with ?lang=en (one header row either way, so an export can be
// imported again). Text that a spreadsheet would run as a formula is escaped in both formats.
import type { Request, Response } from 'express';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import type { Text } from '../../workflows/types.ts';
import { CSV_TYPE, loadExcel, XLSX_TYPE, type Cell, type SheetFormat } from './read.ts';

export type ExportColumn<R> = { zh: string; en: string; value: (r: R) => Cell | undefined; width?: number };
export type Lang = 'zh' | 'en';

/** Query parameters every exportable list takes. */
export const exportParams = { lang: { enum: ['zh', 'en'], description: '导出表头语言（默认中文）/ the export\'s header language (default zh)' } };

/** The format the caller's Accept prefers: JSON (undefined) unless it asks for an .xlsx or CSV before JSON. */
export function exportFormat(req: Request, res: Response): SheetFormat | undefined {
  res.vary('Accept');
  const best = req.accepts(['application/json', XLSX_TYPE, CSV_TYPE]);
  return best === XLSX_TYPE ? 'xlsx' : best === CSV_TYPE ? 'csv' : undefined;
}

/** OWASP CSV injection: text starting with = + - @ (or tab / CR) is prefixed with ' so no spreadsheet runs it. */
export const escapeFormula = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function cellOut(v: Cell | undefined): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString();
  return typeof v === 'string' ? escapeFormula(v) : v;
}

/** attachment with an ASCII fallback and the Chinese name (RFC 6266 / RFC 5987 filename*). */
export function disposition(name: Text, ext: SheetFormat, date: string): string {
  const ascii = `${name.en.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'export'}-${date}.${ext}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`${name.zh}-${date}.${ext}`)}`;
}

/** Pages of a list fetched `size` rows at a time after a cursor, each made ready for its columns (`enrich`). */
export async function* pagesOf<R, C, E>(fetch: (after: C | undefined, limit: number) => Promise<R[]>, cursor: (last: R) => C, enrich: (rows: R[]) => Promise<E[]>, size = 500): AsyncGenerator<E[]> {
  let after: C | undefined;
  for (;;) {
    const rows = await fetch(after, size);
    if (rows.length) yield await enrich(rows);
    if (rows.length < size) return;
    after = cursor(rows[rows.length - 1]);
  }
}

const drain = async (res: Response, chunk: string | Buffer) => void (res.write(chunk) || (await once(res, 'drain')));

/** Streams the list as the format asked for; a write error after the headers ends the response (the error handler closes it). */
export async function sendSheet<E>(res: Response, o: { format: SheetFormat; name: Text; date: string; lang: Lang; columns: ExportColumn<E>[]; pages: AsyncIterable<E[]> }): Promise<void> {
  const header = o.columns.map((c) => (o.lang === 'en' ? c.en : c.zh));
  res.status(200).set('Content-Disposition', disposition(o.name, o.format, o.date)).set('Cache-Control', 'no-store');
  if (o.format === 'csv') {
    res.type(`${CSV_TYPE}; charset=utf-8`);
    await drain(res, `\ufeff${stringify([header], { record_delimiter: 'windows' })}`); // the BOM: Excel reads UTF-8 only with it
    for await (const page of o.pages) await drain(res, stringify(page.map((r) => o.columns.map((c) => cellOut(c.value(r)))), { record_delimiter: 'windows' }));
    return void res.end();
  }
  res.type(XLSX_TYPE);
  const wb = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(o.name.zh.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = o.columns.map((c) => ({ width: c.width ?? 16 }));
  const top = ws.addRow(header);
  top.font = { bold: true };
  top.commit();
  for await (const page of o.pages)
    for (const r of page) ws.addRow(o.columns.map((c) => cellOut(c.value(r)))).commit();
  await wb.commit();
}
