// Reading a clerk's spreadsheet into a grid of cells: .xlsx through exceljs, CSV through csv-parse
// after decoding (strict UTF-8 first, BOM stripped, else GB18030 as Excel writes CSV in China).
// Names no process: what the columns mean is the column spec's business (columns.ts).
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { DomainError } from '../../workflows/engine/errors.ts';

export type Cell = string | number | boolean | Date | null;
export type Grid = Cell[][];
export type SheetFormat = 'xlsx' | 'csv';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';

/** A file the clerk must fix before anything is read from it: 422 with what to do. */
export const fileProblem = (detail: string) => new DomainError('invalid', '文件无法导入 / The file cannot be imported', detail);

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]); // the old binary .xls

/** What the bytes are, whatever the Content-Type claimed: a zip is an .xlsx, an OLE file an old .xls (refused), else text. */
export function sniff(bytes: Buffer): SheetFormat {
  if (bytes.subarray(0, 4).equals(ZIP)) return 'xlsx';
  if (bytes.subarray(0, 4).equals(OLE))
    throw fileProblem('这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 或 CSV 后再导入 / this is an old .xls workbook: save it as .xlsx or CSV in Excel first');
  if (bytes.includes(0)) throw fileProblem('文件不是 .xlsx 或 CSV 表格 / the file is neither an .xlsx workbook nor a CSV table');
  return 'csv';
}

/** UTF-8 when the bytes are valid UTF-8 (BOM dropped), otherwise GB18030 (a superset of GBK, Excel's "CSV" in China). */
export function decodeText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function csvGrid(bytes: Buffer): Grid {
  const { text } = decodeText(bytes);
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: false, trim: false, bom: true }) as Grid;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw fileProblem(`CSV 格式错误${line ? `（约第 ${line} 行）` : ''}，请检查引号是否成对 / the CSV is malformed${line ? ` near line ${line}` : ''}: check that quotes are paired`);
  }
}

/** An exceljs value as a plain cell: formulas give their cached result, rich text its text, hyperlinks their text. */
function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in v) return String(v.text);
  if ('error' in v) return null;
  return String(v);
}

/** exceljs at its first use: it is most of a spreadsheet request's code and ~15 MiB of a server's RSS if loaded at start. */
export const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

async function xlsxGrid(bytes: Buffer, maxRows: number): Promise<Grid> {
  const wb = new (await loadExcel()).Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fileProblem('无法读取该 .xlsx 文件（可能已损坏或加密），请在 Excel 中重新保存后再导入 / the .xlsx cannot be read (damaged or password-protected?): save it again in Excel');
  }
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws) return [];
  if (ws.actualRowCount > maxRows + 1) return tooMany(maxRows);
  const grid: Grid = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => void (cells[col - 1] = plain(cell.value)));
    grid[n - 1] = Array.from(cells, (c) => c ?? null);
  });
  return Array.from(grid, (r) => r ?? []); // blank rows keep their place: row numbers stay Excel's
}

const tooMany = (maxRows: number): never => {
  throw fileProblem(`数据超过 ${maxRows} 行，请分成几个文件导入 / more than ${maxRows} data rows: split the file`);
};

export type Limits = { maxRows: number; maxBytes: number };

/** The first sheet's rows (row 1 = the header), with the file's own format. */
export async function readGrid(bytes: Buffer, limits: Limits): Promise<{ grid: Grid; format: SheetFormat }> {
  if (bytes.length === 0) throw fileProblem('文件为空 / the file is empty');
  if (bytes.length > limits.maxBytes)
    throw fileProblem(`文件超过 ${Math.round(limits.maxBytes / 1048576)} MB，请分成几个文件导入 / the file exceeds ${Math.round(limits.maxBytes / 1048576)} MB: split it`);
  const format = sniff(bytes);
  const grid = format === 'xlsx' ? await xlsxGrid(bytes, limits.maxRows) : csvGrid(bytes);
  if (grid.length > limits.maxRows + 1) tooMany(limits.maxRows);
  return { grid, format };
}
