// The settings in force ([default]s), readable by every signed-in user with the rule each serves;
// changed only by an admin of the root union, with a reason, each change kept in the history.
import { Router } from 'express';
import { listSettingRows, pageSettingsHistory, putSetting } from '../../db/settings.ts';
import type { SettingRow } from '../../db/tables.ts';
import { clip, forbidden, invalid, notFound } from '../../workflows/engine/errors.ts';
import { SETTINGS, settingInfo, settingProblems, type SettingInfo } from '../../workflows/settings.ts';
import { requireRole, type Caller } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, pageLimit, pageOf, paging, queryParams, validBody } from '../http.ts';
import { titled } from '../../workflows/schema-kit.ts';

export const settingsQuery = { type: 'object', additionalProperties: false, properties: paging };
export const settingsHistoryQuery = { type: 'object', additionalProperties: false, properties: { ...paging, key: { type: 'string', maxLength: 80 } } };
export const settingPutSchema = {
  type: 'object', additionalProperties: false, required: ['value', 'reason'],
  properties: {
    value: { description: '新值，须符合该设置的 schema（见 GET /api/settings）/ the new value, valid by the setting\'s schema (GET /api/settings)' },
    reason: titled({ type: 'string', minLength: 1, maxLength: 500 }, '修改理由（记入历史）', 'why (kept in the history)', { widget: 'textarea' }),
  },
};

/** What every answer about a change says: it is not retroactive, and how soon other processes see it. */
export const appliesNote = (ttlMs: number) => ({
  zh: `修改即时生效于此后计算的期限和此后发起的事项；已计算的期限不变，已发起的事项按其发起时冻结的条款（如主席补选的 terms）办理。其他服务进程最迟 ${ttlMs / 1000} 秒内读到新值。`,
  en: `Applies to deadlines computed after the change and to cases started after it, not to existing ones: deadlines already computed keep their dates, and running cases keep the terms they froze at their start (e.g. a by-election's terms). Other server processes read the new value within ${ttlMs / 1000} s.`,
});

/** Settings are city-wide: only an admin of the city federation (the root union) changes them. */
function requireRootAdmin(c: Caller) {
  requireRole(c, 'admin');
  if (c.org.parent_id !== null)
    throw forbidden('全市设置只能由市总工会（根工会）的管理员修改 / only an admin of the city federation (the root union) may change the city-wide settings');
}

function view(s: SettingInfo, row: SettingRow | undefined) {
  const stored = row && JSON.parse(row.value);
  const held = row !== undefined && settingProblems(s.key, stored).length === 0;
  return {
    key: s.key, owner: s.owner, value: held ? stored : s.decl.default, default: s.decl.default, schema: s.decl.schema, title: s.decl.title,
    rule: s.decl.rule?.rule ?? null, clause: s.decl.rule?.clause ?? null, source: s.decl.source,
    updatedAt: held ? row.updated_at : null, updatedBy: held ? { id: row.updated_by, name: row.updated_by_name } : null,
  };
}

export function settingsRoutes({ knex, clock, settings }: AppDeps) {
  const r = Router();

  r.get('/settings', async (req, res) => {
    const q = queryParams<{ limit?: string; cursor?: string }>(req, settingsQuery);
    const from = decodeCursor<[number]>(q.cursor, ['int'])?.[0] ?? 0;
    const limit = pageLimit(q, 100);
    const rows = new Map((await listSettingRows(knex)).map((x) => [x.key, x]));
    const all = SETTINGS.map((s, i) => ({ i, s })).slice(from, from + limit + 1);
    const page = pageOf(all, limit, (last) => [last.i + 1]);
    res.json({ items: page.items.map(({ s }) => view(s, rows.get(s.key))), next: page.next, note: appliesNote(settings.ttlMs) });
  });

  r.get('/settings/history', async (req, res) => {
    const q = queryParams<{ limit?: string; cursor?: string; key?: string }>(req, settingsHistoryQuery);
    const limit = pageLimit(q, 50);
    const rows = await pageSettingsHistory(knex, { limit: limit + 1, before: decodeCursor<[number]>(q.cursor, ['int'])?.[0], key: q.key });
    const page = pageOf(rows, limit, (last) => [last.id]);
    res.json({
      items: page.items.map((h) => ({ id: h.id, key: h.key, old: h.old === null ? null : JSON.parse(h.old), new: JSON.parse(h.new), by: { id: h.who, name: h.who_name }, at: h.at, reason: h.reason })),
      next: page.next,
    });
  });

  // The change and its history row commit together; this process's cache is dropped after the commit.
  r.put('/settings/:key', async (req, res) => {
    requireRootAdmin(req.caller);
    const info = settingInfo(req.params.key);
    if (!info) throw notFound(`设置 ${clip(req.params.key)} / setting ${clip(req.params.key)}`);
    const body = validBody<{ value: unknown; reason: string }>(req, settingPutSchema);
    const problems = settingProblems(info.key, body.value);
    if (problems.length) throw invalid(`「${info.decl.title.zh}」的值不符合要求 / the value does not fit ${info.key}`, problems);
    const who = { id: String(req.caller.user.id), name: req.caller.user.name };
    const written = await knex.transaction((trx) => putSetting(trx, { key: info.key, value: body.value, fallback: info.decl.default, who, reason: body.reason, now: clock.now() }));
    settings.invalidate();
    const row = written ?? (await listSettingRows(knex)).find((x) => x.key === info.key);
    res.json({ ...view(info, row), changed: !!written, note: appliesNote(settings.ttlMs) });
  });
  return r;
}
