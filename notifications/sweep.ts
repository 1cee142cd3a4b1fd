// The daily sweep: definitions that declare a `sweep` (types.ts RegisterSweep) get a case started
// by the system for each register contract ending within their window, once per contract — the
// key a case held is never given again, whatever the case's status, so restarts and several
// workers start none twice (a concurrent start with the same key loses on the open-key index).
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { contractsEnding } from '../db/contract-ends.ts';
import { casesByKeys } from '../db/case-links.ts';
import { addDays, shanghaiDate } from '../workflows/rules/calendar.ts';
import type { Clock, Engine } from '../workflows/engine/engine.ts';
import { DomainError } from '../workflows/engine/errors.ts';
import type { SettingsSource } from '../workflows/engine/settings-source.ts';
import { SYSTEM_ACTOR, type WorkflowDefinition } from '../workflows/types.ts';

export type SweepOptions = { knex: Knex; engine: Pick<Engine, 'start'>; clock: Clock; settings: SettingsSource; definitions: readonly WorkflowDefinition[]; log: Logger };

/** One pass: the cases started. */
export function createSweep(o: SweepOptions) {
  return async function sweep(): Promise<number> {
    const settings = await o.settings.get();
    const today = shanghaiDate(o.clock.now());
    let started = 0;
    for (const def of o.definitions) {
      if (!def.sweep) continue;
      const ending = await contractsEnding(o.knex, { from: today, to: addDays(today, def.sweep.withinDays(settings)) });
      const keyed = ending.map((c) => ({ c, key: def.sweep!.keyOf(c) }));
      const used = new Set((await casesByKeys(o.knex, def.type, keyed.map((k) => k.key))).map((r) => r.correlation_key));
      for (const { c, key } of keyed.filter((k) => !used.has(k.key))) {
        try {
          await o.engine.start({ type: def.type, body: def.sweep.body(c), actor: SYSTEM_ACTOR, orgId: c.orgId, correlationKey: key });
          started++;
        } catch (err) {
          // Another worker's start won, or the register changed meanwhile: the next pass sees it.
          if (!(err instanceof DomainError)) throw err;
          o.log.warn({ type: def.type, key, err: err.message }, 'sweep: case not started');
        }
      }
    }
    if (started) o.log.info({ started }, 'sweep: cases started');
    return started;
  };
}
