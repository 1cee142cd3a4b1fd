// The spreadsheet reader's pure parts: encodings, typed cells, header mapping, column letters.
import { expect } from 'chai';
import { columnLetter, mapHeader, readRows, residentIdProblem, typedCell, type Column } from '../../server/sheets/columns.ts';
import { decodeText, readGrid, sniff } from '../../server/sheets/read.ts';
import { badCheck, gbk, idNo, utf8Csv, xlsxOf } from '../sheets/files.ts';

const limits = { maxRows: 100, maxBytes: 1048576 };

describe('sheets: reading clerks\' files', () => {
  it('decodes strict UTF-8 with its BOM dropped, and falls back to GB18030 for GBK bytes', () => {
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('姓名')]))).to.deep.equal({ text: '姓名', encoding: 'utf-8' });
    // Known GBK bytes: 张三 D5C5 C8FD, 李四 C0EE CBC4, 王五 CDF5 CEE5.
    expect(decodeText(Buffer.from('d5c5c8fd2cc0eecbc42ccdf5cee5', 'hex'))).to.deep.equal({ text: '张三,李四,王五', encoding: 'gb18030' });
    expect(gbk('张三,李四,王五').toString('hex')).to.equal('d5c5c8fd2cc0eecbc42ccdf5cee5');
  });

  it('tells an .xlsx from CSV by its bytes, and refuses an old .xls and binary files', () => {
    expect(sniff(Buffer.from('PK\u0003\u0004'))).to.equal('xlsx');
    expect(sniff(Buffer.from('a,b'))).to.equal('csv');
    expect(() => sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))).to.throw(/另存为/);
    expect(() => sniff(Buffer.from([1, 0, 2]))).to.throw(/不是 \.xlsx 或 CSV/);
  });

  it('reads the same grid from an .xlsx and from a CSV with and without BOM; blank rows keep Excel\'s numbering', async () => {
    const rows = [['姓名', '年龄'], ['张三', 30], [], ['李四', 41]];
    const x = (await readGrid(await xlsxOf(rows), limits)).grid;
    const c = (await readGrid(utf8Csv(rows, true), limits)).grid;
    const n = (await readGrid(utf8Csv(rows, false), limits)).grid;
    expect(x).to.deep.equal([['姓名', '年龄'], ['张三', 30], [], ['李四', 41]]);
    expect(c).to.deep.equal(n);
    expect(c.map((r) => r.join('|'))).to.deep.equal(['姓名|年龄', '张三|30', '', '李四|41']);
  });

  it('refuses more rows than the limit and files over the size limit, saying to split them', async () => {
    const many = [['姓名'], ...Array.from({ length: 101 }, (_, i) => [`n${i}`])];
    await readGrid(utf8Csv(many), limits).then(() => expect.fail(), (e) => expect(e.message).to.match(/超过 100 行/));
    await readGrid(await xlsxOf(many), limits).then(() => expect.fail(), (e) => expect(e.message).to.match(/超过 100 行/));
    await readGrid(Buffer.alloc(2 * 1048576, 0x41), limits).then(() => expect.fail(), (e) => expect(e.message).to.match(/超过 1 MB/));
  });

  it('types dates from Excel dates, serial numbers and YYYY-MM-DD / YYYY/M/D / 2026年3月1日 text; not 2026-02-30', () => {
    expect(typedCell(new Date(Date.UTC(2026, 2, 1)), 'date')).to.deep.equal({ value: '2026-03-01' });
    expect(typedCell(46082, 'date')).to.deep.equal({ value: '2026-03-01' });
    for (const t of ['2026-03-01', '2026/3/1', '2026.3.1', '2026年3月1日']) expect(typedCell(t, 'date'), t).to.deep.equal({ value: '2026-03-01' });
    expect(typedCell('2026-02-30', 'date')).to.have.property('problem');
    expect(typedCell('12', 'integer')).to.deep.equal({ value: 12 });
    expect(typedCell('1.5', 'integer')).to.have.property('problem');
    expect(typedCell('85.5', 'decimal')).to.deep.equal({ value: 85.5 });
    expect(typedCell(' 11010519800101001x ', 'resident-id')).to.have.property('problem');
  });

  it('says which part of a resident ID number is wrong: its form, its birth date, or its check character (GB 11643)', () => {
    expect(residentIdProblem(idNo(5))).to.equal(undefined);
    expect(residentIdProblem('12345')).to.match(/18 位/);
    expect(residentIdProblem('110105198002300011')).to.match(/出生日期 19800230 不存在/);
    expect(residentIdProblem(badCheck(idNo(5)))).to.match(/校验码不正确/);
  });

  it('maps zh, en and alias headers (spaces, asterisks and full-width brackets ignored) and names the missing required columns', () => {
    const cols: Column[] = [{ field: 'name', zh: '姓名', en: 'name', type: 'text', required: true }, { field: 'idNumber', zh: '公民身份号码', en: 'resident ID number', aliases: ['身份证号'], type: 'resident-id', required: true }];
    const at = mapHeader(['备注', ' 姓名* ', '身份证号（必填）'], cols);
    expect([...at.values()]).to.deep.equal([1, 2]);
    expect(() => mapHeader(['Name'], cols)).to.throw(/缺少必需的列：「公民身份号码」/);
    const { errors } = readRows([['Name', 'Resident ID Number'], ['张三', idNo(1)], ['李四', idNo(1)]], { columns: cols, schema: { type: 'object' } });
    expect(errors).to.deep.equal([{ row: 3, column: 'B', header: 'Resident ID Number', field: 'idNumber', message: '公民身份号码与第 2 行重复 / the same resident ID number as row 2' }]);
  });

  it('letters columns as Excel does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).to.deep.equal(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('import kinds', () => {
  it('holds the register\'s own kind and every definition\'s, and refuses a kind registered twice', async () => {
    const { importKinds, registerImportKind } = await import('../../server/imports/index.ts');
    const { definitions } = await import('../../workflows/registry.ts');
    expect(importKinds().map((k) => k.kind)).to.deep.equal(['people', ...definitions.flatMap((d) => (d.imports ?? []).map((k) => k.kind))]);
    expect(() => registerImportKind(importKinds()[0])).to.throw(/registered twice/);
  });
});
