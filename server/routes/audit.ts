// The auditor's check over every case an administrator oversees: each chain verified against its case row.
import { Router } from 'express';
import type { Knex } from 'knex';
import { historiesOf, instancePage } from '../../db/instances.ts';
import type { HistoryRow, OrgRow } from '../../db/tables.ts';
import { verifyCase, type ChainFault } from '../../workflows/engine/hash.ts';
import { requireRole } from '../auth.ts';
import type { AppDeps } from '../deps.ts';

export type AuditReport = { checked: number; broken: ({ instanceId: string } & ChainFault)[] };

/** A page of cases and their histories at a time, so memory stays bounded however many cases there are. */
export async function auditSubtree(knex: Knex, root: OrgRow, pageSize = 200): Promise<AuditReport> {
  const report: AuditReport = { checked: 0, broken: [] };
  for (let after = ''; ;) {
    const cases = await instancePage(knex, root, after, pageSize);
    if (!cases.length) return report;
    const byCase = new Map(cases.map((c) => [c.id, [] as HistoryRow[]]));
    for (const r of await historiesOf(knex, cases.map((c) => c.id))) byCase.get(r.instance_id)!.push(r);
    for (const c of cases) {
      const fault = verifyCase(c, byCase.get(c.id) ?? []);
      if (fault) report.broken.push({ instanceId: c.id, ...fault });
    }
    report.checked += cases.length;
    after = cases.at(-1)!.id;
  }
}

export function auditRoutes({ knex }: AppDeps) {
  const r = Router();
  r.get('/audit/verify', async (req, res) => {
    requireRole(req.caller, 'admin');
    res.json(await auditSubtree(knex, req.caller.org));
  });
  return r;
}
