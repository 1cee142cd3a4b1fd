// Spreadsheet imports, preview then commit. POST /api/imports?kind=… takes the file itself as the
// body (Content-Type of an .xlsx or a CSV) and answers a preview: the row count, the first rows with
// ID numbers masked, and every row error; nothing is imported. POST /api/imports/:id/commit writes
// every row in one transaction, or none while any row is invalid. Between the two the rows are kept
// sealed with the personal-data key, for IMPORT_TTL_MS, visible to the uploader only.
import express, { Router, type Request } from 'express';
import { randomUUID } from 'node:crypto';
import { retryTransient } from '../../db/dialect.ts';
import { claimImport, deleteExpiredImports, getImport, insertImport, type ImportRow } from '../../db/imports.ts';
import type { Knex } from 'knex';
import { clip, conflict, DomainError, invalid, notFound } from '../../workflows/engine/errors.ts';
import { maskResidentId } from '../../workflows/rules/resident-id.ts';
import { requireRole } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { queryParams } from '../http.ts';
import { importKind, importKinds, type ImportKind } from '../imports/index.ts';
import type { ImportContext, ImportTarget } from '../imports/kinds.ts';
import { readRows, type Row, type RowError } from '../sheets/columns.ts';
import { CSV_TYPE, readGrid, XLSX_TYPE } from '../sheets/read.ts';

export const IMPORT_TTL_MS = 24 * 3_600_000;
export const MAX_IMPORT_BYTES = 5 * 1048576;
export const MAX_IMPORT_ROWS = 10_000;
const PREVIEW_ROWS = 20;
/** What an upload may be sent as: .xlsx, or CSV under the names browsers and Windows give it. */
export const IMPORT_MEDIA_TYPES = [XLSX_TYPE, CSV_TYPE, 'application/csv', 'application/vnd.ms-excel'];

export const importQuery = {
  type: 'object', additionalProperties: false, required: ['kind'],
  properties: {
    kind: { enum: importKinds().map((k) => k.kind), description: '导入什么 / what the file holds' },
    case: { type: 'string', pattern: '^[0-9a-f-]{36}$', description: '导入到哪个事项（如招录的报名、成绩）/ the case the rows go into, for kinds with a target (a campaign\'s registrations, scores)' },
  },
};

const mediaOf = (req: Request) => (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
const { raw: rawParser } = express; // destructured: the SQL house-rule test reads a dotted raw call as raw SQL
const fileBody = rawParser({ limit: MAX_IMPORT_BYTES + 1024, type: (req) => IMPORT_MEDIA_TYPES.includes(mediaOf(req as Request)) });

/** A row error as a problem's field error too: where, then what. */
const asFieldError = (e: RowError) => ({
  pointer: `/rows/${e.row}${e.field ? `/${e.field}` : ''}`,
  message: `第 ${e.row} 行${e.column ? ` ${e.column} 列` : ''}${e.header ? `「${e.header}」` : ''}：${e.message}`,
});

function preview(kind: ImportKind, rows: Row[]) {
  const ids = kind.columns.filter((c) => c.type === 'resident-id').map((c) => c.field);
  return rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, ...Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, ids.includes(k) ? maskResidentId(String(v)) : v])) }));
}

const view = (i: ImportRow) => ({
  id: i.id, kind: i.kind, ...(i.target_id ? { target: i.target_id } : {}), status: i.status, rows: i.row_count, errors: JSON.parse(i.errors), preview: JSON.parse(i.preview),
  expiresAt: new Date(Number(i.expires_at)).toISOString(), ...(i.result ? { result: JSON.parse(i.result) } : {}),
});

export function importRoutes({ knex, clock, personal, engine }: AppDeps) {
  const r = Router();
  const ctxOf = (req: Request): ImportContext => ({ caller: req.caller, personal, now: clock.now() });
  /** A kind's target case, which the caller must be allowed to send the kind's event to now (403 / 409 as a send would answer). */
  async function targetOf(db: Knex | Knex.Transaction, kind: ImportKind, caseId: string | undefined, req: Request): Promise<ImportTarget | undefined> {
    if (!kind.target) {
      if (caseId) throw invalid('该类导入不指定事项 / this kind takes no case', [{ pointer: '/case', message: `「${kind.title.zh}」不导入到某一事项，请去掉 case 参数 / ${kind.kind} goes into no case: drop the case parameter` }]);
      return undefined;
    }
    if (!caseId) throw invalid('缺少导入目标事项 / Which case?', [{ pointer: '/case', message: `「${kind.title.zh}」须指定导入到哪个事项（case 参数）/ ${kind.kind} needs the case its rows go into (the case parameter)` }]);
    const actor = req.caller.actor;
    const { row, context } = await engine.mayNow(db, { instanceId: caseId, type: kind.target.event, actor });
    if (row.type !== kind.target.type) throw notFound(`${kind.target.type} 事项 ${clip(caseId)} / ${kind.target.type} case ${clip(caseId)}`);
    return { id: row.id, state: row.state, context, send: (trx, event) => engine.sendIn(trx, { instanceId: row.id, event, actor }) };
  }
  const byRow = (a: RowError, b: RowError) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? '');

  r.post('/imports', async (req, res) => {
    const { kind: name, case: caseId } = queryParams<{ kind: string; case?: string }>(req, importQuery);
    const kind = importKind(name)!;
    requireRole(req.caller, ...kind.roles);
    const target = await targetOf(knex, kind, caseId, req);
    if (!IMPORT_MEDIA_TYPES.includes(mediaOf(req)))
      throw new DomainError('unsupported_media_type', '需要 .xlsx 或 CSV 文件 / An .xlsx or CSV file is needed',
        `请直接以文件为请求体发送，Content-Type 为 ${XLSX_TYPE} 或 ${CSV_TYPE} / send the file itself as the body with Content-Type ${XLSX_TYPE} or ${CSV_TYPE}`);
    await new Promise<void>((ok, fail) => fileBody(req, res, (e?: unknown) => (e ? fail(e) : ok())));
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const { grid } = await readGrid(bytes, { maxRows: kind.maxRows ?? MAX_IMPORT_ROWS, maxBytes: MAX_IMPORT_BYTES });
    const { rows, errors, places } = readRows(grid, kind);
    const ctx = { ...ctxOf(req), target, places };
    errors.push(...(await kind.check?.(knex, rows, ctx) ?? []));
    errors.sort(byRow);
    const row: ImportRow = {
      id: randomUUID(), kind: kind.kind, user_id: req.caller.user.id, org_id: req.caller.org.id, status: errors.length ? 'invalid' : 'preview',
      row_count: rows.length, errors: JSON.stringify(errors), preview: JSON.stringify(preview(kind, rows)),
      sealed_rows: errors.length ? null : personal.encrypt(JSON.stringify(rows)), result: null,
      created_at: ctx.now.toISOString(), expires_at: ctx.now.getTime() + IMPORT_TTL_MS, committed_at: null, target_id: target?.id ?? null,
    };
    await knex.transaction(async (trx) => {
      await deleteExpiredImports(trx, ctx.now);
      await insertImport(trx, row);
    });
    res.status(201).set('Location', `/api/imports/${row.id}`).json(view(row));
  });

  /** The caller's own upload, not expired: anyone else's is not found (it may hold another union's people). */
  async function own(req: Request): Promise<ImportRow> {
    const id = req.params.id as string;
    const i = /^[0-9a-f-]{36}$/.test(id) ? await getImport(knex, id) : undefined;
    if (!i || i.user_id !== req.caller.user.id) throw notFound(`导入 ${clip(id)} / import ${clip(id)}`);
    if (Number(i.expires_at) <= clock.now().getTime())
      throw new DomainError('not_found', '导入已过期 / Import expired', `该上传已超过 ${IMPORT_TTL_MS / 3_600_000} 小时未确认，请重新上传文件 / this upload was not committed within ${IMPORT_TTL_MS / 3_600_000} hours: upload the file again`);
    return i;
  }

  // Before /imports/:id. What the wizard offers: the kinds this caller's roles may upload, and the columns each reads.
  r.get('/imports/kinds', (req, res) => void res.json({
    items: importKinds().filter((k) => k.roles.some((x) => req.caller.roles.includes(x)))
      .map((k) => ({ kind: k.kind, title: k.title, columns: k.columns.map((c) => ({ field: c.field, zh: c.zh, en: c.en, required: !!c.required })) })),
  }));

  r.get('/imports/:id', async (req, res) => void res.json(view(await own(req))));

  r.post('/imports/:id/commit', async (req, res) => {
    const i = await own(req);
    const kind = importKind(i.kind)!;
    requireRole(req.caller, ...kind.roles);
    const refused = (errors: RowError[]) => new DomainError('invalid', '文件中有错误，未导入任何数据 / Nothing imported: the file has errors',
      `共 ${errors.length} 处错误，请修改文件后重新上传 / ${errors.length} errors: fix the file and upload it again`, errors.map(asFieldError), { rowErrors: errors });
    if (i.status === 'invalid') throw refused(JSON.parse(i.errors));
    if (i.status === 'committed') throw conflict('该文件已导入，不会重复导入 / this upload was imported already', { result: JSON.parse(i.result ?? '{}') });
    const rows = JSON.parse(personal.decrypt(i.sealed_rows!)) as Row[];
    const result = await retryTransient(() => knex.transaction(async (trx) => {
      const ctx = { ...ctxOf(req), target: await targetOf(trx, kind, i.target_id ?? undefined, req) }; // the case as it stands now
      const errors = (await kind.check?.(trx, rows, ctx)) ?? []; // the tree may have changed since the preview
      if (errors.length) throw refused(errors.sort(byRow));
      const cases = { send: (instanceId: string, event: { type: string }) => engine.sendIn(trx, { instanceId, event, actor: req.caller.actor }) };
      const out = await kind.commit(trx, rows, { ...ctx, cases });
      if (!(await claimImport(trx, i.id, ctx.now, out))) throw conflict('该文件已导入，不会重复导入 / this upload was imported already');
      return out;
    }));
    res.json(view({ ...i, status: 'committed', result: JSON.stringify(result), committed_at: clock.now().toISOString() }));
  });
  return r;
}
