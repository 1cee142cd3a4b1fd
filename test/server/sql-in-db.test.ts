// House rule (ARCHITECTURE.md): SQL lives only in db/, as query functions taking knex or a transaction.
// Routes, the engine and the notifiers call those functions; none names a table or writes raw SQL.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

// A query builder started on a table (`knex('users')`, `db<OrgRow>('orgs')`), one narrowed further
// (`subtree(knex, org).where(…)`), or raw SQL.
const QUERY = /\b(?:knex|trx|db)(?:<[\w[\]]+>)?\(\s*['"`][a-z_]+['"`]\s*\)|\.(?:where|whereIn|whereNot|whereNotIn|orWhere|orderBy)\(|\.raw\(/;

describe('house rules', () => {
  it('builds no query outside db/ (server, notifications, workflows call query functions)', () => {
    const found = ['server', 'notifications', 'workflows'].flatMap(files).flatMap((f) =>
      readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (QUERY.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])));
    expect(found).to.deep.equal([]);
  });
});
