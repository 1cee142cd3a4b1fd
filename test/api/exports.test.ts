// Lists as spreadsheets: Accept chooses .xlsx or CSV (JSON stays the default); ID numbers masked
// unless the caller is hr/admin over the person's union; formulas escaped; CSV as UTF-8 with BOM
// and CRLF; a Chinese filename per RFC 5987; the whole list, page by page.
import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';
import { idNo, PEOPLE_HEADER, utf8Csv, XLSX } from '../sheets/files.ts';
import { otherDistrictHr } from '../sheets/http.ts';

const INJECTION = "=cmd|' /C calc'!A0";

describe('exports: lists as .xlsx and CSV', function () {
  this.timeout(30_000);
  let s: Sys;
  let haidianHr: string;
  before(async () => {
    s = await startTestSystem();
    haidianHr = await otherDistrictHr(s);
    const rows = [PEOPLE_HEADER, ['专职工会社会工作者', '建外街道总工会', INJECTION, idNo(1), '@SUM(A1)', '2026-03-01'],
      ...Array.from({ length: 1100 }, (_, i) => ['社区（村）联合工会专职干事', '永安里社区联合工会', `干事${i}`, idNo(100 + i), '+干事', '2026-03-01'])];
    const up = await fetch(`${s.url}/api/imports?kind=people`, { method: 'POST', headers: { authorization: `Bearer ${s.token('chaoyang.hr')}`, 'content-type': 'text/csv' }, body: new Uint8Array(utf8Csv(rows)) });
    const id = (await up.json()).id;
    expect((await s.call('POST', `/api/imports/${id}/commit`, 'chaoyang.hr')).status).to.equal(200);
    await submittedRequest(s);
  });
  after(async () => s.cleanup());

  const get = (path: string, accept: string, token: string) => fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}`, accept } });
  async function workbook(res: Response) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rows: ExcelJS.CellValue[][] = [];
    wb.worksheets[0].eachRow((r) => void rows.push((r.values as ExcelJS.CellValue[]).slice(1)));
    return { rows, ws: wb.worksheets[0] };
  }

  it('people as .xlsx for hr: every page of the list, full ID numbers, formulas kept as text, a Chinese filename', async () => {
    const res = await get('/api/people', XLSX, s.token('chaoyang.hr'));
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/spreadsheetml\.sheet/);
    expect(res.headers.get('vary')).to.match(/Accept/);
    expect(res.headers.get('content-disposition')).to.equal(`attachment; filename="register-2026-03-02.xlsx"; filename*=UTF-8''${encodeURIComponent('实名制名册-2026-03-02.xlsx')}`);
    const { rows, ws } = await workbook(res);
    expect(rows[0]).to.deep.equal(['编号', '人员类别', '所在工会', '姓名', '公民身份号码', '岗位', '状态', '到岗日期', '离岗日期', '合同类型', '合同编号', '合同起始日', '合同终止日', '薪酬档次', '电话', '电子邮箱', '证书']);
    expect(rows.length).to.equal(1 + 1101);
    const first = rows.find((r) => r[4] === idNo(1))!;
    expect(first.slice(1, 8)).to.deep.equal(['专职工会社会工作者', '建外街道总工会', `'${INJECTION}`, idNo(1), "'@SUM(A1)", 'in_post', '2026-03-01']);
    const cell = ws.getRow(rows.indexOf(first) + 1).getCell(4);
    expect(cell.type).to.equal(ExcelJS.ValueType.String);
    expect(rows.filter((r) => r[5] === "'+干事")).to.have.length(1100);
  });

  it('people as CSV for a viewer: UTF-8 with BOM and CRLF, ID numbers masked, formulas escaped; ?lang=en gives English headers', async () => {
    const res = await get('/api/people?lang=en', 'text/csv', s.token('chaoyang.viewer'));
    expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).to.equal('id,kind,union,name,resident ID number,post,status,start date,end date,contract kind,contract number,contract from,contract to,pay band,phone,email,certificates');
    const mine = lines.find((l) => l.includes('calc'))!;
    expect(mine).to.include(`,'=cmd|' /C calc'!A0,`).and.include(`1101**********${idNo(1).slice(14)}`).and.not.include(idNo(1));
    expect(mine).to.include('Union social worker');
    expect(lines.at(-1)).to.equal('');
    expect(lines.some((l) => l.includes('\n'))).to.equal(false);
  });

  it('JSON stays the default, also for Accept */* and a browser\'s text/html', async () => {
    for (const accept of ['*/*', 'text/html,application/xhtml+xml', 'application/json']) {
      const res = await get('/api/people?limit=2', accept, s.token('chaoyang.hr'));
      expect(res.headers.get('content-type'), accept).to.match(/application\/json/);
      expect((await res.json()).items).to.have.length(2);
    }
  });

  it('another district\'s hr exports none of these people, even naming their union', async () => {
    const jianwai = (await s.knex('orgs').where({ name: '建外街道总工会' }).first()).id;
    for (const path of ['/api/people', `/api/people?org=${jianwai}`]) {
      const { rows } = await workbook(await get(path, XLSX, haidianHr));
      expect(rows, path).to.have.length(1);
    }
  });

  it('cases, tasks, deadlines and users export too, with their zh-CN headers', async () => {
    const cases = (await workbook(await get('/api/instances', XLSX, s.token('chaoyang.hr')))).rows;
    expect(cases[0]).to.deep.equal(['事项编号', '流程', '事项', '当前环节', '状态', '所在工会', '逾期', '发起时间', '更新时间']);
    expect(cases.length).to.equal(2);
    const tasks = (await workbook(await get('/api/tasks', XLSX, s.token('jianwai.approver')))).rows;
    expect(tasks.length).to.equal(2);
    expect(tasks[1][5]).to.equal('北京国贸物业管理有限公司工会');
    const deadlines = Buffer.from(await (await get('/api/deadlines', 'text/csv', s.token('chaoyang.hr'))).arrayBuffer()).toString('utf8');
    expect(deadlines.split('\r\n')[0]).to.equal('\ufeff事项,所在工会,期限,到期时间,剩余天数,逾期,依据,事项编号');
    expect(deadlines.split('\r\n').length).to.be.at.least(3);
    const users = (await workbook(await get('/api/users', XLSX, s.token('admin')))).rows;
    expect(users[0]).to.deep.equal(['编号', '姓名', '登录名', '电子邮件', '所在工会', '角色']);
    expect(users.map((u) => u[2])).to.include('haidian.hr');
    expect((await get('/api/users', XLSX, s.token('chaoyang.hr'))).status, 'users stay admin-only').to.equal(403);
  });
});
