// Spreadsheet imports over HTTP: upload → preview (nothing imported, every row error named) →
// commit (all rows in one transaction, or none), shown with the register's own kind "people".
import { expect } from 'chai';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import { databaseState, startTestSystem, type Sys } from './client.ts';
import { badCheck, gbk, idNo, PEOPLE_HEADER, utf8Csv, csvText, xlsxOf, XLSX } from '../sheets/files.ts';
import { otherDistrictHr } from '../sheets/http.ts';

type Up = { status: number; body: any };

describe('imports: preview then commit (people into the register)', function () {
  this.timeout(30_000);
  let s: Sys;
  let haidianHr: string;
  before(async () => {
    s = await startTestSystem();
    haidianHr = await otherDistrictHr(s);
  });
  after(async () => s.cleanup());

  async function upload(login: string | { token: string }, bytes: Buffer, type: string, kind = 'people'): Promise<Up> {
    const token = typeof login === 'string' ? s.token(login) : login.token;
    const res = await fetch(`${s.url}/api/imports?kind=${kind}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: new Uint8Array(bytes) });
    return { status: res.status, body: await res.json() };
  }
  const commit = (login: string, id: string) => s.call('POST', `/api/imports/${id}/commit`, login);
  const row = (n: number, o: Partial<Record<'kind' | 'union' | 'name' | 'id' | 'post' | 'date', unknown>> = {}) =>
    [o.kind ?? '专职工会社会工作者', o.union ?? '建外街道总工会', o.name ?? `测试${n}`, o.id ?? idNo(n), o.post ?? '社会工作者', o.date ?? '2026-03-01'];
  const people = async () => Number((await s.knex('people').count({ n: '*' }).first())!.n);

  it('an .xlsx made with exceljs: a preview with ID numbers masked and nothing imported; the commit imports every row, numbers encrypted in the register', async () => {
    const file = await xlsxOf([PEOPLE_HEADER, row(1), row(2, { union: '国贸物业工', date: new Date(Date.UTC(2026, 2, 2)) }), [], row(3, { date: '2026/3/5', kind: 'community_officer' })]);
    const before = await people();
    const up = await upload('chaoyang.hr', file, XLSX);
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    expect(up.body).to.deep.include({ kind: 'people', status: 'preview', rows: 3, errors: [] });
    expect(up.body.preview.map((p: any) => [p.row, p.idNumber, p.startDate, p.kind])).to.deep.equal([
      [2, `1101**********${idNo(1).slice(14)}`, '2026-03-01', 'social_worker'], [3, `1101**********${idNo(2).slice(14)}`, '2026-03-02', 'social_worker'],
      [5, `1101**********${idNo(3).slice(14)}`, '2026-03-05', 'community_officer'],
    ]);
    expect(await people()).to.equal(before);
    expect(JSON.stringify(await s.knex('imports').where({ id: up.body.id }).first())).to.not.include(idNo(1)); // the rows are sealed; the preview holds masked numbers only

    const done = await commit('chaoyang.hr', up.body.id);
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(done.body).to.deep.include({ status: 'committed', result: { created: 3 } });
    expect(await people()).to.equal(before + 3);
    const p = await s.knex('people').where({ name: '测试2' }).first();
    expect(p).to.deep.include({ kind: 'social_worker', status: 'in_post', start_date: '2026-03-02', org_id: (await s.knex('orgs').where({ abbr: '国贸物业工' }).first()).id });
    expect(JSON.parse(p.details)).to.deep.equal({ post: '社会工作者' });
    const identity = await s.knex('person_identities').where({ id: p.identity_id }).first();
    expect(identity.encrypted).to.not.include(idNo(2));
    expect(DEV_PERSONAL_DATA.decrypt(identity.encrypted)).to.equal(idNo(2));
    expect((await commit('chaoyang.hr', up.body.id)).status, 'a second commit').to.equal(409);
    const twice = await upload('chaoyang.hr', file, XLSX);
    expect(twice.body.errors.map((e: any) => [e.row, e.field, e.message.split(' / ')[0]])).to.deep.equal([2, 3, 5].map((r) => [r, 'idNumber', '此人已以同一类别在名册中（在岗或岗前培训中），不能重复登记']));
  });

  it('UTF-8 CSV with and without BOM, and GBK CSV as Excel writes it in China, read the same names', async () => {
    const rows = (base: number) => [PEOPLE_HEADER, row(base, { name: '张三' }), row(base + 1, { name: '李四' }), row(base + 2, { name: '王五' })];
    for (const [file, type] of [[utf8Csv(rows(10), true), 'text/csv'], [utf8Csv(rows(20), false), 'text/csv; charset=utf-8'], [gbk(csvText(rows(30))), 'application/vnd.ms-excel']] as const) {
      const up = await upload('chaoyang.hr', file, type);
      expect(up.status, JSON.stringify(up.body)).to.equal(201);
      expect(up.body.errors).to.deep.equal([]);
      expect(up.body.preview.map((p: any) => p.name)).to.deep.equal(['张三', '李四', '王五']);
    }
  });

  it('names every bad row (check digit, duplicate, bad date, birth date, unknown kind, another district\'s union, blank name) and imports nothing, even on commit; the fixed file imports all', async () => {
    const bad = [
      PEOPLE_HEADER,
      row(40),
      row(41, { id: badCheck(idNo(41)) }),
      row(42, { id: idNo(40) }),
      row(43, { date: '2026-02-30' }),
      row(44, { id: '110105198002300011' }),
      row(45, { kind: '门卫' }),
      row(46, { union: '中关村街道总工会' }),
      row(47, { name: '' }),
    ];
    const up = await upload('chaoyang.hr', await xlsxOf(bad), XLSX);
    expect(up.status).to.equal(201);
    expect(up.body).to.deep.include({ status: 'invalid', rows: 8 });
    const got = up.body.errors.map((e: any) => `${e.row}${e.column ?? ''} ${e.message.split(' / ')[0]}`);
    expect(got).to.deep.equal([
      '3D 公民身份号码校验码不正确（GB 11643），请核对是否录错',
      '4D 公民身份号码与第 2 行重复',
      '5F 日期无效「2026-02-30」，应为 2026-03-01 或 2026/3/1',
      '6D 公民身份号码中的出生日期 19800230 不存在',
      '7A 「门卫」不是可选值，应为：' + up.body.errors.find((e: any) => e.row === 7).message.split('应为：')[1].split(' / ')[0],
      '8 工会「中关村街道总工会」不存在或不在您的管辖范围内',
      '9C 缺少必填项',
    ]);
    expect(up.body.errors[0]).to.deep.include({ column: 'D', header: '公民身份号码', field: 'idNumber' });
    const before = await databaseState(s);
    const refused = await commit('chaoyang.hr', up.body.id);
    expect(refused.status).to.equal(422);
    expect(refused.body.rowErrors).to.have.length(7);
    expect(refused.body.errors[0].message).to.match(/^第 3 行 D 列「公民身份号码」：/);
    expect(await databaseState(s)).to.equal(before);

    const fixed = [PEOPLE_HEADER, ...[40, 41, 48, 43, 44, 45, 46, 47].map((n) => row(n))];
    const again = await upload('chaoyang.hr', await xlsxOf(fixed), XLSX);
    expect(again.body.errors).to.deep.equal([]);
    expect((await commit('chaoyang.hr', again.body.id)).body.result).to.deep.equal({ created: 8 });
  });

  it('a file that is not a table, empty, an old .xls, or without a required column: 422 telling the clerk what to do', async () => {
    const cases: [Buffer, string, RegExp][] = [
      [Buffer.alloc(0), 'text/csv', /文件为空/],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), XLSX, /不是 \.xlsx 或 CSV/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'application/vnd.ms-excel', /另存为/],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), XLSX, /无法读取该 \.xlsx/],
      [utf8Csv([['姓名', '公民身份号码'], ['张三', idNo(60)]]), 'text/csv', /缺少必需的列：「人员类别」、「所在工会」、「到岗日期」/],
      [utf8Csv([PEOPLE_HEADER]), 'text/csv', /没有数据行/],
    ];
    for (const [bytes, type, message] of cases) {
      const up = await upload('chaoyang.hr', bytes, type);
      expect(up.status, message.source).to.equal(422);
      expect(up.body.detail).to.match(message);
    }
    expect((await upload('chaoyang.hr', Buffer.from('a,b'), 'text/plain')).status).to.equal(415);
    expect((await upload('chaoyang.hr', Buffer.from('a,b'), 'text/csv', 'nothing')).status).to.equal(400);
  });

  it('accepts English headers too (an export with ?lang=en can be imported again)', async () => {
    const up = await upload('chaoyang.hr', utf8Csv([['kind', 'union', 'name', 'resident ID number', 'start date'], ['social_worker', '望京街道总工会', 'Li Ming', idNo(70), '2026-03-01']]), 'text/csv');
    expect(up.body).to.deep.include({ status: 'preview', errors: [] });
  });

  it('another district\'s hr cannot import into a union outside its subtree, nor see or commit another user\'s upload; a viewer may not import', async () => {
    const file = await xlsxOf([PEOPLE_HEADER, row(80)]);
    const theirs = await upload({ token: haidianHr }, file, XLSX);
    expect(theirs.body.status).to.equal('invalid');
    expect(theirs.body.errors[0].message).to.match(/不在您的管辖范围内/);
    const mine = await upload('chaoyang.hr', file, XLSX);
    const other = await fetch(`${s.url}/api/imports/${mine.body.id}/commit`, { method: 'POST', headers: { authorization: `Bearer ${haidianHr}` } });
    expect(other.status).to.equal(404);
    expect((await fetch(`${s.url}/api/imports/${mine.body.id}`, { headers: { authorization: `Bearer ${haidianHr}` } })).status).to.equal(404);
    expect((await upload('chaoyang.viewer', file, XLSX)).status).to.equal(403);
    expect((await s.call('GET', `/api/imports/${mine.body.id}`, 'chaoyang.hr')).body.status).to.equal('preview');
  });

  it('an upload not committed within a day has expired', async () => {
    const up = await upload('chaoyang.hr', await xlsxOf([PEOPLE_HEADER, row(90)]), XLSX);
    s.clock.advance(24 * 3_600_000);
    const late = await commit('chaoyang.hr', up.body.id);
    expect(late.status).to.equal(404);
    expect(late.body.detail).to.match(/重新上传/);
  });
});
