// The union tree: every caller reads their subtree; admins add unions and keep their counts.
import { Router } from 'express';
import { getOrg, insertOrg, listOrgs, updateOrg } from '../../db/orgs.ts';
import { clip, notFound, invalid } from '../../workflows/engine/errors.ts';
import { requireInSubtree, requireRole } from '../auth.ts';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, idempotent, pageLimit, pageOf, paging, queryParams, validBody } from '../http.ts';
import { orgView } from '../views.ts';

export const ORG_KINDS = [
  'city_federation', 'district_federation', 'industry_union', 'bureau_union', 'group_union', 'university_union', 'direct_union',
  'street_federation', 'staff_service_centre', 'industry_federation', 'service_station', 'community_joint_union', 'grassroots_union',
];
const count = { type: ['integer', 'null'], minimum: 0, maximum: 100000000 };
const fields = {
  name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
  abbr: { type: ['string', 'null'], minLength: 1, maxLength: 20 },
  kind: { enum: ORG_KINDS },
  members: count, employees: count, enterprises: count,
  ownership: { enum: ['public', 'non_public', null] },
  hasUnion: { type: 'boolean' },
};
export const orgCreateSchema = { type: 'object', additionalProperties: false, required: ['name', 'kind', 'parentId'], properties: { ...fields, parentId: { type: 'integer', minimum: 1 } } };
export const orgPatchSchema = { type: 'object', additionalProperties: false, minProperties: 1, properties: fields };
export const orgListQuery = { type: 'object', additionalProperties: false, properties: { ...paging, kind: { enum: ORG_KINDS }, parentId: { type: 'string', pattern: '^[0-9]{1,9}$' } } };

type OrgBody = { name?: string; abbr?: string | null; kind?: string; members?: number | null; employees?: number | null; enterprises?: number | null; ownership?: string | null; hasUnion?: boolean };
const toRow = (b: OrgBody) => {
  const { hasUnion, ...rest } = b;
  return { ...rest, ...(hasUnion === undefined ? {} : { has_union: hasUnion }) };
};

export function orgRoutes(deps: AppDeps) {
  const { knex, clock } = deps;
  const r = Router();
  const load = async (id: string) => {
    const org = /^[0-9]{1,9}$/.test(id) ? await getOrg(knex, Number(id)) : undefined;
    if (!org) throw notFound(`工会 ${clip(id)} / union ${clip(id)}`);
    return org;
  };

  r.get('/orgs', async (req, res) => {
    const q = queryParams<{ limit?: string; cursor?: string; kind?: string; parentId?: string }>(req, orgListQuery);
    const limit = pageLimit(q, 100);
    const after = decodeCursor<[number]>(q.cursor, ['int'])?.[0];
    const rows = await listOrgs(knex, { subtreeOf: req.caller.org, kind: q.kind, parentId: q.parentId ? Number(q.parentId) : undefined, after, limit: limit + 1 });
    const page = pageOf(rows, limit, (o) => [o.id]);
    res.json({ items: page.items.map(orgView), next: page.next });
  });

  r.get('/orgs/:id', async (req, res) => {
    const org = await load(req.params.id);
    requireInSubtree(req.caller, org);
    res.json(orgView(org));
  });

  r.post('/orgs', async (req, res) => {
    requireRole(req.caller, 'admin');
    const body = validBody<OrgBody & { parentId: number }>(req, orgCreateSchema);
    const parent = await getOrg(knex, body.parentId);
    if (!parent) throw invalid('上级工会不存在 / the parent union does not exist', [{ pointer: '/parentId', message: `no union ${body.parentId}` }]);
    requireInSubtree(req.caller, parent);
    await idempotent(req, res, deps, 201, async (save) =>
      knex.transaction(async (trx) => {
        const { parentId, ...rest } = body;
        const created = orgView(await insertOrg(trx, { abbr: null, members: null, employees: null, enterprises: null, ownership: null, has_union: true, ...toRow(rest), parent_id: parentId } as never, clock.now()));
        await save?.(trx, created);
        return created;
      }),
    );
  });

  r.patch('/orgs/:id', async (req, res) => {
    requireRole(req.caller, 'admin');
    const org = await load(req.params.id);
    requireInSubtree(req.caller, org);
    const body = validBody<OrgBody>(req, orgPatchSchema);
    await updateOrg(knex, org.id, toRow(body));
    res.json(orgView((await getOrg(knex, org.id))!));
  });
  return r;
}
