// db/startup.ts: start-up steps that take turns across processes, and SQLite's one server process per file.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exclusiveStartup, freeStaleMigrationLock, holdSqliteFile, SecondProcessError } from '../../db/startup.ts';
import { onPostgres } from '../database.ts';
import { sharedWorld } from './fixture.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('db/startup', () => {
  const s = sharedWorld();

  describe('exclusiveStartup', () => {
    it('answers what the start-up returns, and on PostgreSQL runs concurrent start-ups one after another', async () => {
      const trace: string[] = [];
      const run = (name: string) => exclusiveStartup(s.knex, async () => {
        trace.push(`${name}:in`);
        await pause(30);
        trace.push(`${name}:out`);
        return name;
      });
      const [b, c] = await Promise.all([run('b'), run('c')]);
      expect([b, c]).to.deep.equal(['b', 'c']);
      // SQLite: nothing to wait for, the file is this process's alone (holdSqliteFile).
      if (onPostgres) expect(trace).to.satisfy((t: string[]) => t.join() === 'b:in,b:out,c:in,c:out' || t.join() === 'c:in,c:out,b:in,b:out');
    });
  });

  describe('freeStaleMigrationLock', () => {
    it('frees a migration lock left by a killed process, and reports none when there is none', async () => {
      expect(await freeStaleMigrationLock(s.knex)).to.equal(false);
      await s.knex('knex_migrations_lock').update({ is_locked: 1 });
      expect(await freeStaleMigrationLock(s.knex)).to.equal(true);
      expect(Number((await s.knex('knex_migrations_lock').first()).is_locked)).to.equal(0);
    });
  });

  describe('holdSqliteFile', () => {
    it('lets one holder have a file at a time, refusing a second with SecondProcessError until the first lets go', () => {
      const dir = mkdtempSync(join(tmpdir(), 'uw-lock-'));
      try {
        const file = join(dir, 'db.sqlite');
        const release = holdSqliteFile(file);
        expect(() => holdSqliteFile(file)).to.throw(SecondProcessError, /SQLite/);
        release();
        holdSqliteFile(file)();
        expect(holdSqliteFile(undefined)).to.be.a('function');
        expect(holdSqliteFile(':memory:')).to.be.a('function');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('SecondProcessError', () => {
    it('is an Error a start-up can tell from others', () => {
      expect(new SecondProcessError('x')).to.be.instanceOf(Error);
    });
  });
});
