// The real-name register (R-realname §3.4). ID numbers are masked except for hr and admin on one record,
// who see it decrypted from the register's identity row.
import { Router, type Request } from 'express';
import { getOrg } from '../../db/orgs.ts';
import { identitiesByIds } from '../../db/identities.ts';
import { getPerson, listPeople } from '../../db/people.ts';
import type { PersonRow } from '../../db/tables.ts';
import { clip, notFound } from '../../workflows/engine/errors.ts';
import { requireInSubtree } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, pageLimit, pageOf, paging, queryParams } from '../http.ts';
import { entryView, personView } from '../views.ts';
import { listPersonRecords } from '../../db/person-records.ts';
import { registerWrites } from './people-write.ts';

import { PERSON_KINDS } from '../person-kinds.ts';
import { mayReadIdNumbers, peopleRows, peopleSheet } from '../list-exports.ts';
import { exportFormat, exportParams, pagesOf, sendSheet, type Lang } from '../sheets/write.ts';
import { shanghaiDate } from '../../workflows/rules/calendar.ts';

export { PERSON_KINDS, PERSON_KIND_TITLES } from '../person-kinds.ts';
export const personListQuery = {
  type: 'object', additionalProperties: false,
  properties: { ...paging, ...exportParams, kind: { enum: PERSON_KINDS }, org: { type: 'string', pattern: '^[0-9]{1,9}$' }, status: { type: 'string', maxLength: 20 },
    post: { type: 'string', minLength: 1, maxLength: 50, pattern: '\\S', description: '岗位中的一段 / a part of the post' },
    contractEndsBefore: { type: 'string', format: 'date', description: '合同在此日前终止 / the current contract ends before this day' },
    name: { type: 'string', minLength: 1, maxLength: 50, pattern: '\\S', description: '姓名中的一段 / a part of the name' } },
};

export function peopleRoutes(deps: AppDeps) {
  const { knex, personal, clock } = deps;
  const r = Router();
  r.get('/people', async (req, res) => {
    const q = queryParams<{ limit?: string; cursor?: string; kind?: string; org?: string; status?: string; name?: string; post?: string; contractEndsBefore?: string; lang?: Lang }>(req, personListQuery);
    const filter = { subtreeOf: req.caller.org, kind: q.kind, org: q.org ? Number(q.org) : undefined, status: q.status, name: q.name?.trim(), post: q.post?.trim(), contractEndsBefore: q.contractEndsBefore };
    const format = exportFormat(req, res);
    if (format) // the whole list (limit and cursor are the JSON pages')
      return sendSheet(res, {
        format, name: { zh: '实名制名册', en: 'Register' }, date: shanghaiDate(clock.now()), lang: q.lang ?? 'zh', columns: peopleSheet(q.lang ?? 'zh'),
        pages: pagesOf((after: number | undefined, n) => listPeople(knex, { ...filter, after, limit: n }), (p) => p.id, (rows) => peopleRows(knex, personal, req.caller, rows)),
      });
    const limit = pageLimit(q, 100);
    const after = decodeCursor<[number]>(q.cursor, ['int'])?.[0];
    const rows = await listPeople(knex, { ...filter, after, limit: limit + 1 });
    const page = pageOf(rows, limit, (p) => [p.id]);
    const ids = await identitiesByIds(knex, page.items.flatMap((p) => (p.identity_id === null ? [] : [p.identity_id])));
    const masked = (p: PersonRow) => ids.find((i) => i.id === p.identity_id)?.masked ?? null;
    res.json({ items: page.items.map((p) => personView(p, masked(p))), next: page.next });
  });
  /** One record with its dated entries, oldest first: the timeline (status changes included). */
  const record = async (req: Request, id: string) => {
    const p = /^[0-9]{1,9}$/.test(id) ? await getPerson(knex, Number(id)) : undefined;
    if (!p) throw notFound(`人员 ${clip(id)} / person ${clip(id)}`);
    requireInSubtree(req.caller, (await getOrg(knex, p.org_id))!); // so the caller's union is the person's or above
    const full = mayReadIdNumbers(req.caller);
    const [identity] = await identitiesByIds(knex, p.identity_id === null ? [] : [p.identity_id]);
    const entries = await listPersonRecords(knex, { personId: p.id });
    return { ...personView(p, identity ? (full ? personal.decrypt(identity.encrypted) : identity.masked) : null, full), entries: entries.map(entryView) };
  };
  r.get('/people/:id', async (req, res) => { res.json(await record(req, req.params.id)); });
  const writes = registerWrites(deps);
  r.post('/people', async (req, res) => { res.status(201).json(await record(req, String(await writes.create(req)))); });
  r.patch('/people/:id', async (req, res) => {
    await writes.edit(req);
    res.json(await record(req, req.params.id));
  });
  r.post('/people/:id/records', async (req, res) => {
    await writes.addEntry(req);
    res.status(201).json(await record(req, req.params.id));
  });
  return r;
}
