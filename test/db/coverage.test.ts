// Every exported function of every db/*.ts module has a test: a describe titled with its name,
// holding at least one test, inside the describe 'db/<module>' of test/db/<module>.test.ts.
// The check reads the suites mocha actually registered, so a name in a title without a test fails;
// it needs those files loaded in the same run (`npm test`, or `mocha test/db/*.test.ts`).
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dbDir = fileURLToPath(new URL('../../db/', import.meta.url));
const modules = readdirSync(dbDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();

const exported: Record<string, string[]> = {};
for (const m of modules) {
  const mod: Record<string, unknown> = await import(new URL(`../../db/${m}.ts`, import.meta.url).href);
  exported[m] = Object.keys(mod).filter((k) => typeof mod[k] === 'function').sort();
}

const hasTests = (s: Mocha.Suite): boolean => s.tests.length > 0 || s.suites.some(hasTests);

describe('db/ query functions', () => {
  it('each exported function of db/*.ts has a test of its own on the database under test', function () {
    let root = this.test!.parent!;
    while (root.parent) root = root.parent;
    const untested = modules.flatMap((m) => {
      const suite = root.suites.find((x) => x.title === `db/${m}`);
      return exported[m].filter((fn) => !suite?.suites.some((x) => x.title === fn && hasTests(x))).map((fn) => `db/${m}.ts: ${fn}`);
    });
    expect(untested, 'untested query functions (add a describe with their name to test/db/<module>.test.ts)').to.deep.equal([]);
    expect(Object.values(exported).flat().length).to.be.greaterThan(80); // the enumeration itself found the modules
  });
});
