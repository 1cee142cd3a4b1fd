// The migrations in order, listed statically so they load the same under tsx, mocha and a bundle.
import type { Knex } from 'knex';
import type { PersonalData } from '../../workflows/engine/personal-data.ts';
import * as m0 from './20261124100000_create_orgs.ts';
import * as m1 from './20261124100100_create_users.ts';
import * as m2 from './20261124100200_create_people.ts';
import * as m3 from './20261124100300_create_instances.ts';
import * as m4 from './20261124100400_create_history.ts';
import * as m5 from './20261124100500_create_deadlines.ts';
import * as m6 from './20261124100600_create_outbox.ts';
import * as m7 from './20261124100700_create_documents.ts';
import * as m8 from './20261124100800_create_idempotency_keys.ts';
import * as m9 from './20261124100900_create_calendar_overrides.ts';
import * as m20261201120000 from './20261201120000_bind_chain_head.ts';
import * as m20261201120100 from './20261201120100_personal_identities.ts';
import * as m20261201140000 from './20261201140000_create_calendar_years.ts';
import * as m20261201140100 from './20261201140100_deadline_calendar_basis.ts';
import * as m20261202120000 from './20261202120000_create_settings.ts';
import * as m20261202130000 from './20261202130000_wider_state_paths.ts';
import * as m20261202140000 from './20261202140000_case_links.ts';
import * as m20261202160000 from './20261202160000_org_tree_version.ts';
import * as m20261203110000 from './20261203110000_sign_in.ts';
import * as m20261203120000 from './20261203120000_actor_indexes.ts';
import * as m20261203150000 from './20261203150000_create_imports.ts';
import * as m20261204090000 from './20261204090000_create_person_records.ts';
import * as m20261204100000 from './20261204100000_create_user_roles.ts';
import * as m20261204110000 from './20261204110000_register_columns.ts';
import * as m20261204130000 from './20261204130000_import_target.ts';
import * as m20261204130100 from './20261204130100_child_key_index.ts';

/** What a migration may need beyond the database: the key that encrypts personal data it moves. */
export type MigrationContext = { personal: PersonalData };
type Migration = { up: (k: Knex, ctx: MigrationContext) => Promise<void>; down: (k: Knex, ctx: MigrationContext) => Promise<void> };
export const migrations: [string, Migration][] = [
  ['20261124100000_create_orgs', m0],
  ['20261124100100_create_users', m1],
  ['20261124100200_create_people', m2],
  ['20261124100300_create_instances', m3],
  ['20261124100400_create_history', m4],
  ['20261124100500_create_deadlines', m5],
  ['20261124100600_create_outbox', m6],
  ['20261124100700_create_documents', m7],
  ['20261124100800_create_idempotency_keys', m8],
  ['20261124100900_create_calendar_overrides', m9],
  ['20261201120000_bind_chain_head', m20261201120000],
  ['20261201120100_personal_identities', m20261201120100],
  ['20261201140000_create_calendar_years', m20261201140000],
  ['20261201140100_deadline_calendar_basis', m20261201140100],
  ['20261202120000_create_settings', m20261202120000],
  ['20261202130000_wider_state_paths', m20261202130000],
  ['20261202140000_case_links', m20261202140000],
  ['20261202160000_org_tree_version', m20261202160000],
  ['20261203110000_sign_in', m20261203110000],
  ['20261203120000_actor_indexes', m20261203120000],
  ['20261203150000_create_imports', m20261203150000],
  ['20261204090000_create_person_records', m20261204090000],
  ['20261204100000_create_user_roles', m20261204100000],
  ['20261204110000_register_columns', m20261204110000],
  ['20261204130000_import_target', m20261204130000],
  ['20261204130100_child_key_index', m20261204130100],
];

/** A source of some of the migrations (tests bring a database up to a point, then write old rows). */
export const sourceOf = (list: [string, Migration][], ctx: MigrationContext): Knex.MigrationSource<[string, Migration]> => ({
  getMigrations: async () => list,
  getMigrationName: ([name]) => name,
  getMigration: async ([, m]) => ({ up: (k: Knex) => m.up(k, ctx), down: (k: Knex) => m.down(k, ctx) }),
});
