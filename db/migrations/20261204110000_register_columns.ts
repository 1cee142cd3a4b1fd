import type { Knex } from 'knex';

// The register's search by post and by contract end (R-realname §3.4; contract-end decisions, P6)
// runs in SQL, so both get columns (the rest of a record stays in `details`); and the onboarding
// reminder (R-prejob §3.2.3) is sent once per person, recorded here so a restart does not repeat it.
export async function up(knex: Knex) {
  await knex.schema.alterTable('people', (t) => {
    t.string('post', 200);
    t.string('contract_end', 10); // YYYY-MM-DD: the end of the current contract (details.contract.to)
    t.string('onboarding_reminded_at', 40);
    t.index(['contract_end'], 'people_contract_end');
    t.index(['status', 'start_date'], 'people_status_start');
  });
  // Records entered before: their post and contract end as their details hold them.
  const rows = await knex('people').select('id', 'details').where('details', 'like', '%"post"%').orWhere('details', 'like', '%"contract"%');
  for (const r of rows as { id: number; details: string }[]) {
    const d = JSON.parse(r.details);
    const post = typeof d.post === 'string' ? d.post.slice(0, 200) : null;
    const end = typeof d.contract?.to === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.contract.to) ? d.contract.to : null;
    if (post || end) await knex('people').where({ id: r.id }).update({ post, contract_end: end });
  }
}
export async function down(knex: Knex) {
  await knex.schema.alterTable('people', (t) => {
    t.dropIndex(['status', 'start_date'], 'people_status_start');
    t.dropIndex(['contract_end'], 'people_contract_end');
  });
  // ALTER TABLE … DROP COLUMN itself: knex's dropColumn on SQLite rebuilds the table, and dropping
  // the old one fails while person_records rows point at it.
  for (const c of ['onboarding_reminded_at', 'contract_end', 'post']) await knex.raw('alter table people drop column ??', [c]);
}
