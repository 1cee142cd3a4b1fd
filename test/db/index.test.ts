// db/index.ts: opening a database from its URL, the health ping, bringing the schema up to date.
import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase, ping } from '../../db/index.ts';
import { migrations, sourceOf } from '../../db/migrations/index.ts';
import { freshDatabase } from '../database.ts';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';

describe('db/index', () => {
  describe('openDatabase', () => {
    it("opens a SQLite file, making its directory first, with this driver", async () => {
      const dir = mkdtempSync(join(tmpdir(), 'uw-open-'));
      const file = join(dir, 'nested', 'deeper', 'x.sqlite');
      const knex = openDatabase(`sqlite:${file}`, 'sqlite3');
      try {
        expect(knex.client.config.client).to.equal('sqlite3');
        await ping(knex);
        expect(existsSync(file)).to.equal(true);
      } finally {
        await knex.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('ping', () => {
    it('answers for a reachable database and throws for one that is not', async () => {
      const db = await freshDatabase('uw-ping-');
      const knex = openDatabase(db.url);
      const gone = openDatabase('postgres://nobody@127.0.0.1:1/none');
      (gone.client as { logger: { error: () => void } }).logger.error = () => {}; // the refusal is expected: not logged
      try {
        await ping(knex);
        await knex.transaction((trx) => ping(trx));
        const err = await ping(gone).then(() => undefined, (e) => e);
        expect(err).to.be.instanceOf(Error);
      } finally {
        await Promise.all([knex.destroy(), gone.destroy()]);
        await db.drop();
      }
    });
  });

  describe('migrate', () => {
    it('runs every migration on a fresh database, and nothing the second time', async () => {
      const db = await freshDatabase('uw-migrate-');
      const knex = openDatabase(db.url);
      try {
        await migrate(knex, { personal: DEV_PERSONAL_DATA });
        await migrate(knex, { personal: DEV_PERSONAL_DATA });
        const done = await knex('knex_migrations').select('name', 'batch').orderBy('id');
        expect(done.map((m) => m.name)).to.deep.equal(migrations.map(([name]) => name));
        expect(new Set(done.map((m) => m.batch)).size).to.equal(1);
        for (const t of ['orgs', 'users', 'tokens', 'people', 'instances', 'history', 'deadlines', 'outbox', 'documents', 'idempotency_keys', 'calendar_overrides', 'calendar_years', 'person_identities'])
          expect(await knex.schema.hasTable(t), t).to.equal(true);
      } finally {
        await knex.destroy();
        await db.drop();
      }
    });

    it('on a restart still runs the one migration the database lacks, and refuses one the code does not know', async () => {
      const db = await freshDatabase('uw-migrate-behind-');
      const knex = openDatabase(db.url);
      const ctx = { personal: DEV_PERSONAL_DATA };
      try {
        await migrate(knex, ctx);
        await knex.migrate.down({ migrationSource: sourceOf(migrations, ctx) });
        expect(await knex('knex_migrations').count({ n: '*' }).first().then((r) => Number(r!.n))).to.equal(migrations.length - 1);
        await migrate(knex, ctx);
        expect((await knex('knex_migrations').select('name').orderBy('id')).map((m) => m.name)).to.deep.equal(migrations.map(([name]) => name));
        await knex('knex_migrations').insert({ name: '29991231000000_from_a_newer_release', batch: 9, migration_time: new Date() });
        const err = await migrate(knex, ctx).then(() => undefined, (e: Error) => e);
        expect(err?.message).to.match(/corrupt|missing/i);
      } finally {
        await knex.destroy();
        await db.drop();
      }
    });
  });
});
