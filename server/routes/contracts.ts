// The renew-or-exit list (PROCESSES.md P6 "Contracts", R-lifecycle §3.4.1): current contracts of
// the caller's subtree ending within the window of the processes that sweep them (or ?days=), each
// with the decision case the sweep opened for it, if any, and the register's notToRenew.
import { Router } from 'express';
import { contractsEnding } from '../../db/contract-ends.ts';
import { casesByKeys } from '../../db/case-links.ts';
import { orgsByIds } from '../../db/orgs.ts';
import { definitions, definition } from '../../workflows/registry.ts';
import { addDays, daysBetween, shanghaiDate } from '../../workflows/rules/calendar.ts';
import { stateTitle } from '../../workflows/engine/state-path.ts';
import { titled } from '../../workflows/schema-kit.ts';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, pageLimit, pageOf, paging, queryParams } from '../http.ts';

export const contractListQuery = {
  type: 'object', additionalProperties: false,
  properties: { days: titled({ type: 'string', pattern: '^[0-9]{1,3}$' }, '到期天数范围（默认按设置，60 天）', 'ending within days (default: the setting, 60)'), ...paging },
};

export function contractRoutes({ knex, clock, settings }: AppDeps) {
  const r = Router();
  r.get('/contracts/ending', async (req, res) => {
    const q = queryParams<{ days?: string; limit?: string; cursor?: string }>(req, contractListQuery);
    const sweeps = definitions.filter((d) => d.sweep);
    const s = await settings.get();
    const days = q.days ? Number(q.days) : Math.max(0, ...sweeps.map((d) => d.sweep!.withinDays(s)));
    const today = shanghaiDate(clock.now());
    const after = decodeCursor<[string, number]>(q.cursor, ['str', 'int']);
    const all = (await contractsEnding(knex, { from: today, to: addDays(today, days), subtreeOf: req.caller.org }))
      .filter((c) => !after || c.to > after[0] || (c.to === after[0] && c.personId > after[1]));
    const limit = pageLimit(q, 100);
    const page = pageOf(all.slice(0, limit + 1), limit, (c) => [c.to, c.personId]);
    const keyed = sweeps.flatMap((d) => page.items.map((c) => ({ c, type: d.type, key: d.sweep!.keyOf(c) })));
    const cases = (await Promise.all(sweeps.map((d) => casesByKeys(knex, d.type, keyed.filter((k) => k.type === d.type).map((k) => k.key))))).flat();
    const orgs = new Map((await orgsByIds(knex, [...new Set(page.items.map((c) => c.orgId))])).map((o) => [o.id, o]));
    const items = page.items.map((c) => {
      const found = cases.find((x) => keyed.some((k) => k.c === c && k.type === x.type && k.key === x.correlation_key));
      const def = found && definition(found.type, found.definition_version);
      return {
        personId: c.personId, name: c.name, kind: c.kind, status: c.status, orgId: c.orgId, orgName: orgs.get(c.orgId)?.name ?? null,
        from: c.from, to: c.to, source: c.source, daysLeft: daysBetween(today, c.to), notToRenew: c.details.notToRenew === true,
        decision: found ? { id: found.id, type: found.type, state: found.state, stateTitle: def ? stateTitle(def.states, found.state) ?? null : null, status: found.status, subject: found.subject } : null,
      };
    });
    res.json({ items, next: page.next });
  });
  return r;
}
