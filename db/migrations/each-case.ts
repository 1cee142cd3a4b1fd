// For migrations that rewrite cases: not a migration itself.
import type { Knex } from 'knex';
import type { HistoryRow, InstanceRow } from '../tables.ts';

/** Case by case (a page of cases at a time), each with its history in seq order. */
export async function eachCase(knex: Knex, f: (trx: Knex.Transaction, c: InstanceRow, rows: HistoryRow[]) => Promise<void>) {
  let after = '';
  for (;;) {
    const page: InstanceRow[] = await knex('instances').where('id', '>', after).orderBy('id').limit(200);
    if (!page.length) return;
    await knex.transaction(async (trx) => {
      for (const c of page) await f(trx, c, await trx('history').where({ instance_id: c.id }).orderBy('seq'));
    });
    after = page.at(-1)!.id;
  }
}
