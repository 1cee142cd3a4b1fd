// A process folder owns everything of its own: no generic file (engine, effects, notifications,
// print, routes, db) and no other process's folder names a process, its own mail templates,
// documents, register kinds or context keys. The names come from each definition, so a new process is checked without a list here.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { standardMail } from '../../workflows/mail.ts';
import { definitions } from '../../workflows/registry.ts';
import type { WorkflowDefinition } from '../../workflows/types.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_DIRS = ['db', 'notifications', 'server', 'workflows', 'scripts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d))).map((p) => ({ path: relative(ROOT, p).split(sep).join('/'), text: readFileSync(p, 'utf8') }));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const quoted = (name: string) => new RegExp(`['"\`]${escape(name)}['"\`]`);

/** What a folder owns, each with the pattern that finds it in another file's text. */
export function ownNames(def: WorkflowDefinition): { what: string; name: string; pattern: RegExp }[] {
  const standard = standardMail as Record<string, unknown>;
  return [
    { what: 'process type', name: def.type, pattern: new RegExp(escape(def.type)) },
    ...Object.keys(def.mail).filter((k) => def.mail[k] !== standard[k]).map((name) => ({ what: 'mail template', name, pattern: quoted(name) })),
    ...Object.keys(def.documents).map((name) => ({ what: 'document kind', name, pattern: quoted(name) })),
    ...Object.keys(def.personKinds).map((name) => ({ what: 'person kind', name, pattern: quoted(name) })),
    ...def.contextKeys.map((name) => ({ what: 'context key', name, pattern: new RegExp(`\\bcontext\\??\\.${escape(name)}\\b|\\bcontext\\[['"\`]${escape(name)}['"\`]`) })),
  ];
}

describe('process folders own their names', () => {
  it('finds the source tree and every definition\'s folder', () => {
    expect(files.length).to.be.greaterThan(50);
    for (const def of definitions) expect(files.some((f) => f.path.startsWith(`workflows/${def.type}/`)), def.type).to.equal(true);
  });

  for (const def of definitions) {
    it(`names ${def.type}'s type, own mail templates, documents, register kinds and context keys only in its folder and the registry`, () => {
      const names = ownNames(def);
      expect(names.length).to.be.greaterThan(5);
      // Another process's folder may use a name it owns too (both contexts have `terms`).
      const alsoOwnedBy = (path: string) => {
        const other = definitions.find((d) => path.startsWith(`workflows/${d.type}/`));
        // Not another's type, though: the processes a process starts are bound in the registry (`links`).
        return new Set(other ? ownNames(other).map((n) => `${n.what} ${n.name}`) : []);
      };
      const found = files
        .filter((f) => !f.path.startsWith(`workflows/${def.type}/`) && f.path !== 'workflows/registry.ts')
        .flatMap((f) => {
          const theirs = alsoOwnedBy(f.path);
          return names.filter((n) => !theirs.has(`${n.what} ${n.name}`) && n.pattern.test(f.text)).map((n) => `${f.path}: ${n.what} ${n.name}`);
        });
      expect(found).to.deep.equal([]);
    });
  }

  it('the test\'s patterns catch what the generic code used to write (P1\'s title, context.request, its document kind)', () => {
    const names = definitions.flatMap(ownNames);
    const old = ["s.context.request", "kind: 'written_approval'", "await insertPerson({ kind: 'purchased_service_staff' })", "template: 'vacancy_reported'", "// workflows/chair-by-election/"];
    for (const line of old) expect(names.some((n) => n.pattern.test(line)), line).to.equal(true);
  });
});
