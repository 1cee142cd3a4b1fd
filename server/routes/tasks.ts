// The caller's inbox: cases waiting on the caller's union and role, soonest deadline first.
import { Router } from 'express';
import type { Knex } from 'knex';
import { openDeadlines } from '../../db/instances.ts';
import type { InstanceRow } from '../../db/tables.ts';
import { definitions } from '../../workflows/registry.ts';
import type { Relation } from '../../workflows/types.ts';
import type { AppDeps } from '../deps.ts';
import type { Caller } from '../auth.ts';
import { paging, queryParams } from '../http.ts';
import { instanceView } from '../views.ts';

/** Orgs whose cases wait on the caller when the state waits on `relation` of the case's union. */
function orgsFor(knex: Knex, c: Caller, relation: Relation) {
  if (relation === 'own') return knex('orgs').select('id').where('id', c.org.id);
  if (relation === 'parent') return knex('orgs').select('id').where('parent_id', c.org.id);
  return knex('orgs').select('id').whereIn('parent_id', knex('orgs').select('id').where('parent_id', c.org.id));
}

const listQuery = { type: 'object', additionalProperties: false, properties: { limit: paging.limit } };

export function taskRoutes({ knex, clock, engine }: AppDeps) {
  const r = Router();
  r.get('/tasks', async (req, res) => {
    const q = queryParams<{ limit?: string }>(req, listQuery);
    const c = req.caller;
    const waits = definitions.flatMap((d) =>
      Object.entries(d.states)
        .filter(([, s]) => s.waitingOn && s.waitingOn.roles.some((role) => c.roles.includes(role)))
        .map(([state, s]) => ({ type: d.type, state, relation: s.waitingOn!.relation })),
    );
    if (!waits.length) return void res.json({ items: [] });
    const rows: InstanceRow[] = await knex<InstanceRow>('instances').where({ status: 'active' }).where((w) => {
      for (const x of waits)
        w.orWhere((o) => o.where({ type: x.type, state: x.state }).whereIn('org_id', orgsFor(knex, c, x.relation)));
    });
    const ds = await openDeadlines(knex, rows.map((x) => x.id));
    const soonest = (id: string) => Math.min(...ds.filter((d) => d.instance_id === id).map((d) => Number(d.due_at)), Number.MAX_SAFE_INTEGER);
    rows.sort((a, b) => soonest(a.id) - soonest(b.id) || a.created_at.localeCompare(b.created_at));
    const page = rows.slice(0, Number(q.limit ?? 100));
    const items = await Promise.all(page.map((row) => instanceView(knex, row, clock.now(), { caller: c, engine, deadlines: ds.filter((d) => d.instance_id === row.id) })));
    res.json({ items });
  });
  return r;
}
