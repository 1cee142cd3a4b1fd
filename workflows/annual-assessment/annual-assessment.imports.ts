// P5's spreadsheet import: a campaign's scores from .xlsx or CSV (R-assess §3.4.2), one row per
// person: the year names the importer's own union's campaign, the register id the person (the
// name, when given, must match it). The preview checks every row against the campaign; the commit
// is one RECORD_SCORES event of the campaign in the import's transaction, all rows or none.
import type { Knex } from 'knex';
import { openCaseByKey } from '../../db/case-links.ts';
import { DomainError, invalid } from '../engine/errors.ts';
import type { ImportContext, ImportKind, Row, RowError } from '../imports.ts';
import { keptSnapshot } from '../engine/snapshot-cache.ts';
import { machine, type Context, type Member } from './annual-assessment.machine.ts';

const points = { type: 'number', minimum: 0, maximum: 100 };
const campaignKey = (ctx: ImportContext, year: unknown) => `assessment:${ctx.caller.org.id}:${year}`;
function byYear(rows: Row[]): Map<number, Row[]> {
  const out = new Map<number, Row[]>();
  for (const r of rows) {
    const year = Number(r.values.year);
    if (!out.has(year)) out.set(year, []);
    out.get(year)!.push(r);
  }
  return out;
}

/** The importer's union's open campaign of that year, with its members by person id. */
async function campaignOf(db: Knex | Knex.Transaction, ctx: ImportContext, year: number) {
  const row = await openCaseByKey(db, 'annual-assessment', campaignKey(ctx, year));
  if (!row) return undefined;
  // The snapshot the engine keeps for this very text, else the text (a roster of 10,000 is 2–3 MB to parse, at preview and again at commit).
  const context = (keptSnapshot(machine, row)?.context ?? JSON.parse(row.snapshot).context) as Context;
  return { row, members: new Map<number, Member>(context.members.map((m) => [m.personId, m])) };
}

export const scoresImport: ImportKind = {
  kind: 'assessment-scores',
  title: { zh: '年度考核评分', en: 'Annual assessment scores' },
  roles: ['hr'],
  columns: [
    { field: 'year', zh: '考核年度', en: 'year', aliases: ['年度'], type: 'integer', required: true },
    { field: 'person', zh: '人员编号', en: 'person id', aliases: ['编号', '名册编号'], type: 'integer', required: true },
    { field: 'name', zh: '姓名', en: 'name', type: 'text' },
    { field: 'political', zh: '政治素质', en: 'political quality', type: 'decimal', required: true },
    { field: 'performance', zh: '工作业绩', en: 'work performance', type: 'decimal', required: true },
    { field: 'attitude', zh: '工作态度', en: 'work attitude', type: 'decimal', required: true },
    { field: 'selfReport', zh: '述职摘要', en: 'self-report', aliases: ['述职'], type: 'text' },
  ],
  schema: {
    type: 'object', additionalProperties: false, required: ['year', 'person', 'political', 'performance', 'attitude'],
    properties: {
      year: { type: 'integer', minimum: 2015, maximum: 2100 }, person: { type: 'integer', minimum: 1 }, name: { type: 'string', maxLength: 100 },
      political: points, performance: points, attitude: points, selfReport: { type: 'string', minLength: 1, maxLength: 5000 },
    },
  },
  maxRows: 20_000,
  async check(db, rows, ctx) {
    const out: RowError[] = [];
    for (const [year, some] of byYear(rows)) {
      const c = await campaignOf(db, ctx, year);
      for (const r of some) {
        const m = c?.members.get(Number(r.values.person));
        if (!c) out.push({ row: r.row, column: null, header: '考核年度', field: 'year', message: `本单位没有进行中的 ${year} 年度考核 / your union has no open ${year} assessment` });
        else if (!m) out.push({ row: r.row, column: null, header: '人员编号', field: 'person', message: `人员 ${r.values.person} 不在本次考核名单中 / not in this campaign` });
        else if (r.values.name !== undefined && r.values.name !== m.name) out.push({ row: r.row, column: null, header: '姓名', field: 'name', message: `编号 ${m.personId} 的姓名为「${m.name}」/ person ${m.personId} is ${m.name}` });
      }
    }
    return out;
  },
  async commit(trx, rows, ctx) {
    let recorded = 0;
    for (const [year, some] of byYear(rows)) {
      const c = (await campaignOf(trx, ctx, year))!;
      const event = { type: 'RECORD_SCORES', rows: some.map(({ values: { year: _y, name: _n, ...v } }) => v) };
      try {
        await ctx.cases!.send(c.row.id, event);
      } catch (e) {
        // The campaign's own refusal, pointed at the sheet's rows (/rows/<i> → Excel row).
        if (!(e instanceof DomainError) || !e.errors.length) throw e;
        throw invalid(e.message, e.errors.map((f) => ({ ...f, pointer: f.pointer.replace(/^\/rows\/(\d+)/, (_, i) => `/rows/${some[Number(i)].row}`) })));
      }
      recorded += some.length;
    }
    return { recorded };
  },
};
