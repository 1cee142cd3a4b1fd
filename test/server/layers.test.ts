// Which layer may import which: workflows/ (definitions, engine) never reaches into notifications/
// or server/ (the composition root hands it what it needs), and db/ knows no workflow type.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tsFiles = (dir: string, deep: boolean): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? (deep ? tsFiles(p, deep) : []) : p.endsWith('.ts') ? [p] : [];
  });
/** Every module a file imports (or re-exports from), resolved to a path from the project root. */
const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)]
    .map((m) => m[1]).filter((s) => s.startsWith('.')).map((s) => relative(ROOT, join(file, '..', s)).split(sep).join('/'));

describe('layers', () => {
  it('nothing in workflows/ imports notifications/ or server/', () => {
    const bad = tsFiles(join(ROOT, 'workflows'), true).flatMap((f) =>
      importsOf(f).filter((i) => /^(notifications|server)\//.test(i)).map((i) => `${relative(ROOT, f)} → ${i}`));
    expect(bad).to.deep.equal([]);
  });

  it('db/*.ts imports nothing from workflows/', () => {
    const files = tsFiles(join(ROOT, 'db'), false);
    expect(files.length).to.be.greaterThan(10);
    const bad = files.flatMap((f) => importsOf(f).filter((i) => i.startsWith('workflows/')).map((i) => `${relative(ROOT, f)} → ${i}`));
    expect(bad).to.deep.equal([]);
  });

  it('resolves the imports it checks (db/index.ts imports its migrations)', () => {
    expect(importsOf(join(ROOT, 'db/index.ts'))).to.include('db/migrations/index.ts');
  });
});
