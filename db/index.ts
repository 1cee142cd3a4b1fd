// Opening the database from DATABASE_URL and bringing its schema up to date.
import knexFactory, { type Knex } from 'knex';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { connectionConfig } from './dialect.ts';
import { migrations, sourceOf, type MigrationContext } from './migrations/index.ts';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/unions.sqlite';

export function openDatabase(url = DEFAULT_DATABASE_URL, sqliteClient: 'better-sqlite3' | 'sqlite3' = 'better-sqlite3'): Knex {
  const config = connectionConfig(url, sqliteClient);
  const file = (config.connection as { filename?: string }).filename;
  if (file && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return knexFactory(config);
}

/** One round trip to the database: throws when it cannot be reached (GET /api/health). */
export async function ping(db: Knex | Knex.Transaction): Promise<void> {
  await db.raw('select 1');
}

/** `ctx.personal` encrypts the ID numbers migrations move into the register (the composition root's key; tests pass the development key). */
export async function migrate(knex: Knex, ctx: MigrationContext): Promise<void> {
  if (await upToDate(knex)) return;
  await knex.migrate.latest({ migrationSource: sourceOf(migrations, ctx) });
}

/**
 * Every migration of the list applied, and none else: what a restart finds. One read then, instead
 * of knex's locked check (~40 ms of a cold process); anything else (one lacking, one unknown) goes
 * to knex, which applies or refuses. Runs at start only, where no other process migrates (startup.ts).
 */
async function upToDate(knex: Knex): Promise<boolean> {
  if (!(await knex.schema.hasTable('knex_migrations'))) return false;
  const done = new Set((await knex('knex_migrations').select('name')).map((r: { name: string }) => r.name));
  return done.size === migrations.length && migrations.every(([name]) => done.has(name));
}
