// From a grid to typed rows: the header row mapped to fields by a column spec (zh or en names),
// each cell typed, each row checked against a JSON Schema, resident ID numbers checked
// (GB 11643-1999) and duplicates in the file named. Every problem is one RowError a clerk can find
// in Excel: the row as Excel numbers it (header = 1), the column letter and its header.
import type { JsonSchema } from '../../workflows/types.ts';
import { isIsoDate } from '../../workflows/rules/calendar.ts';
import { isResidentId } from '../../workflows/rules/resident-id.ts';
import { checkBody } from '../../workflows/engine/validate.ts';
import { fileProblem, type Cell, type Grid } from './read.ts';

import type { CellType, Column, Row, RowError } from '../../workflows/imports.ts';

export type { CellType, Column, Row, RowError } from '../../workflows/imports.ts';

/** Excel's column letters: 0 → A, 26 → AA. */
export const columnLetter = (i: number): string => (i < 26 ? '' : columnLetter(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));

/** A header as compared: notes in brackets, spaces, asterisks and colons dropped (「身份证号（必填）*」 is 身份证号). */
const norm = (s: string) => s.replace(/[（(][^）)]*[）)]/g, '').replace(/[\s\u3000*＊:：]/g, '').toLowerCase();
const names = (c: Column) => [c.zh, c.en, c.field, ...(c.aliases ?? [])].map(norm);

/** Where each column of the spec is in the header row; a required one missing → 422 naming it in both languages. */
export function mapHeader(header: Cell[], columns: Column[]): Map<Column, number> {
  const at = new Map<Column, number>();
  const texts = header.map((h) => (h === null ? '' : norm(String(h))));
  for (const c of columns) {
    const i = texts.findIndex((t) => t !== '' && names(c).includes(t));
    if (i >= 0) at.set(c, i);
  }
  const missing = columns.filter((c) => c.required && !at.has(c));
  if (missing.length)
    throw fileProblem(`第 1 行（表头）缺少必需的列：${missing.map((c) => `「${c.zh}」`).join('、')}；请在第 1 行写明列名 / the header row (row 1) lacks required columns: ${missing.map((c) => `"${c.en}"`).join(', ')}`);
  return at;
}

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');
const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell: an Excel date (exceljs gives a UTC-midnight Date), a serial number, or 'YYYY-MM-DD' / 'YYYY/M/D' / 'YYYY.M.D' text. */
function toDate(c: Cell): string | undefined {
  if (c instanceof Date) return Number.isFinite(c.getTime()) ? `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())}` : undefined;
  if (typeof c === 'number' && c > 0 && c < 2958466) return toDate(new Date(Date.UTC(1899, 11, 30) + Math.round(c) * 86_400_000));
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(String(c).trim());
  const iso = m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : undefined;
  return iso && isIsoDate(iso) ? iso : undefined;
}

/** Why a number is not a valid resident ID number, in the words a clerk can check against the card. */
export function residentIdProblem(s: string): string | undefined {
  if (isResidentId(s)) return undefined;
  if (!/^\d{17}[\dX]$/.test(s)) return '公民身份号码应为 18 位（前 17 位数字，末位数字或 X）/ a resident ID number has 18 characters: 17 digits, then a digit or X';
  if (!isIsoDate(`${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`)) return `公民身份号码中的出生日期 ${s.slice(6, 14)} 不存在 / the birth date ${s.slice(6, 14)} in the number does not exist`;
  return '公民身份号码校验码不正确（GB 11643），请核对是否录错 / the check character is wrong (GB 11643): a digit was probably mistyped';
}

/** One cell as its column's type, or the reason it cannot be. */
export function typedCell(c: Cell, type: CellType): { value: string | number } | { problem: string } {
  const text = c instanceof Date ? '' : String(c).trim();
  switch (type) {
    case 'text': return { value: c instanceof Date ? toDate(c) ?? '' : text };
    case 'integer': {
      const n = typeof c === 'number' ? c : /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
      return Number.isSafeInteger(n) ? { value: n } : { problem: `应为整数，而不是「${text.slice(0, 20)}」/ must be a whole number` };
    }
    case 'decimal': {
      const n = typeof c === 'number' ? c : /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : NaN;
      return Number.isFinite(n) ? { value: n } : { problem: `应为数字，而不是「${text.slice(0, 20)}」/ must be a number` };
    }
    case 'date': {
      const d = toDate(c);
      return d ? { value: d } : { problem: `日期无效「${text.slice(0, 20)}」，应为 2026-03-01 或 2026/3/1 / not a date: use 2026-03-01 or 2026/3/1` };
    }
    case 'resident-id': {
      const id = text.replace(/\s/g, '').toUpperCase();
      const problem = residentIdProblem(id);
      return problem ? { problem } : { value: id };
    }
  }
}

/** A choice column's value from its code or one of its labels. */
function choice(c: Cell, choices: Record<string, string[]>): { value: string } | { problem: string } {
  const t = norm(String(c));
  const hit = Object.entries(choices).find(([code, labels]) => [code, ...labels].some((l) => norm(l) === t));
  if (hit) return { value: hit[0] };
  const shown = Object.values(choices).map((l) => l[0]).join('、');
  return { problem: `「${String(c).slice(0, 20)}」不是可选值，应为：${shown} / not one of the allowed values: ${Object.keys(choices).join(', ')}` };
}

export type Spec = { columns: Column[]; schema: JsonSchema };

/**
 * Every data row typed and checked; blank rows skipped (they keep their number). Errors are all of
 * them, not the first: the clerk fixes the file once.
 */
export function readRows(grid: Grid, spec: Spec): { rows: Row[]; errors: RowError[]; places: Record<string, { column: string; header: string }> } {
  if (grid.length === 0 || grid.every((r) => r.every(isBlank))) throw fileProblem('文件中没有数据 / the file holds no data');
  const at = mapHeader(grid[0], spec.columns);
  const rows: Row[] = [];
  const errors: RowError[] = [];
  const byField = new Map(spec.columns.map((c) => [c.field, c]));
  const placeOf = (c: Column) => ({ column: columnLetter(at.get(c)!), header: String(grid[0][at.get(c)!]).trim() });
  const firstSeen = new Map<string, number>();
  for (let i = 1; i < grid.length; i++) {
    const cells = grid[i];
    if (cells.every(isBlank)) continue;
    const row = i + 1;
    const values: Record<string, string | number> = {};
    const bad = new Set<string>();
    for (const [c, idx] of at) {
      const cell = cells[idx] ?? null;
      if (isBlank(cell)) continue;
      const t = c.choices ? choice(cell, c.choices) : typedCell(cell, c.type);
      if ('problem' in t) {
        errors.push({ row, ...placeOf(c), field: c.field, message: t.problem });
        bad.add(c.field);
      } else values[c.field] = t.value;
      if (c.type === 'resident-id' && 'value' in t) {
        const first = firstSeen.get(String(t.value));
        if (first) errors.push({ row, ...placeOf(c), field: c.field, message: `公民身份号码与第 ${first} 行重复 / the same resident ID number as row ${first}` });
        else firstSeen.set(String(t.value), row);
      }
    }
    for (const e of checkBody(spec.schema, values)) {
      const field = e.pointer.split('/')[1] ?? '';
      if (bad.has(field)) continue; // already named by its type
      const c = byField.get(field);
      const known = c && at.has(c);
      errors.push({ row, column: known ? placeOf(c).column : null, header: known ? placeOf(c).header : c?.zh ?? null, field: field || null, message: e.message });
    }
    rows.push({ row, values });
  }
  if (!rows.length) throw fileProblem('文件只有表头，没有数据行 / the file has a header row but no data rows');
  return { rows, errors, places: Object.fromEntries([...at.keys()].map((c) => [c.field, placeOf(c)])) };
}
