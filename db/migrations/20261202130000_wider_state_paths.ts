import type { Knex } from 'knex';
import { isPostgres } from '../dialect.ts';

// A state is stored as its path (nested: 'open.beforeTheVote.nomination'; parallel: every leaf's
// path joined by ','), longer than the 60 characters a top-level name needed. PostgreSQL enforces
// varchar lengths; SQLite does not (and would rebuild tables that history references), so only there.
const COLUMNS: [string, string][] = [['instances', 'state'], ['history', 'from_state'], ['history', 'to_state']];

export async function up(knex: Knex) {
  if (!isPostgres(knex)) return;
  for (const [table, column] of COLUMNS) await knex.raw('ALTER TABLE ?? ALTER COLUMN ?? TYPE varchar(500)', [table, column]);
}
export async function down(knex: Knex) {
  if (!isPostgres(knex)) return;
  for (const [table, column] of COLUMNS) await knex.raw('ALTER TABLE ?? ALTER COLUMN ?? TYPE varchar(60)', [table, column]);
}
