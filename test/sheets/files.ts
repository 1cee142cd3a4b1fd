// Spreadsheet files for tests, made the way clerks' files are: an .xlsx written by exceljs, CSV as
// UTF-8 (with or without BOM) and as GBK. GBK is encoded through a table built from the GB18030
// decoder (no iconv), checked against known GBK bytes in test/server/sheets.test.ts.
import ExcelJS from 'exceljs';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const quote = (v: unknown) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v ?? ''));
export const csvText = (rows: unknown[][]) => rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
export const utf8Csv = (rows: unknown[][], bom = false) => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(csvText(rows), 'utf8')]);

let table: Map<string, number[]> | undefined;
/** GBK bytes of a text (ASCII as is; every character must be in GBK). */
export function gbk(text: string): Buffer {
  if (!table) {
    table = new Map();
    const d = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) if (b !== 0x7f) {
        const ch = d.decode(Uint8Array.of(a, b));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
      }
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table!.get(ch) ?? (() => { throw new Error(`not in GBK: ${ch}`); })())));
}

/** The n-th valid resident ID number of a test (朝阳, born from 1980-01-01 on, 1,000 a day). */
export function idNo(n: number): string {
  const birth = new Date(Date.UTC(1980, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return withCheckDigit(`110105${birth}${String(n % 1000).padStart(3, '0')}`);
}
/** The same number with a wrong check character. */
export const badCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

export const PEOPLE_HEADER = ['人员类别', '所在工会', '姓名', '公民身份号码', '岗位', '到岗日期'];

