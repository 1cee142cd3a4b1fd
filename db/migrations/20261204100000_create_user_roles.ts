import type { Knex } from 'knex';

// Users' roles as rows, so the recipients of a case's mail — the users of one union holding a role —
// are one indexed query instead of every user of the union read and filtered in JavaScript
// (issue 8 item 8). Filled from the JSON column users.roles, which stays (the API answers it);
// db/users.ts writes both on every change. org_id is the user's union (users never move).
export async function up(knex: Knex) {
  await knex.schema.createTable('user_roles', (t) => {
    t.integer('user_id').notNullable().references('users.id');
    t.integer('org_id').notNullable().references('orgs.id');
    t.string('role', 40).notNullable();
    t.primary(['user_id', 'role']);
    t.index(['org_id', 'role', 'user_id'], 'user_roles_org_role');
  });
  const users = await knex('users').select('id', 'org_id', 'roles');
  const rows = users.flatMap((u) => [...new Set(JSON.parse(u.roles) as string[])].map((role) => ({ user_id: u.id, org_id: u.org_id, role })));
  for (let i = 0; i < rows.length; i += 300) await knex('user_roles').insert(rows.slice(i, i + 300));
}

export async function down(knex: Knex) {
  await knex.schema.dropTable('user_roles');
}
