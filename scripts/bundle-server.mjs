// After `tsc -b` (which type-checks and emits dist/): dist/server/index.js, what `npm start` runs,
// becomes one ES module holding the server's code and its pure-JavaScript dependencies. A restart
// spent most of its time finding, reading and compiling ~900 small files (knex alone pulls in 250
// lodash files); one file cut the CPU to the first 200 on /api/health by ~40% (README "The server
// process"). esbuild comes with tsx, which transpiles the same sources for `npm run dev` and the tests.
// Left outside: native addons, database drivers knex loads by name, and what is loaded at first use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = join(ROOT, 'dist/server/index.js');
const MARK = '// bundled by scripts/bundle-server.mjs';

const EXTERNAL = [
  'better-sqlite3', 'sqlite3', '@node-rs/argon2', // native
  'pg', 'pg-native', 'pg-query-stream', 'mysql', 'mysql2', 'mariadb', 'oracledb', 'tedious', // knex drivers
  'playwright-core', 'exceljs', 'nodemailer', 'ajv-i18n', 'chinese-days', // loaded at first use
  'iconv-lite', // 0.5 MB of code pages, read only for a body in an encoding other than UTF-8
];

// knex names every dialect it knows; the system opens only SQLite and PostgreSQL (db/dialect.ts).
// The others stay in node_modules, where knex would still find them, instead of 0.3 MB of source here.
const OTHER_DIALECTS = /^\.\/(cockroachdb|mssql|mysql|mysql2|mariadb|oracle|oracledb|pgnative|redshift)$/;
const otherDialects = {
  name: 'knex-other-dialects',
  setup(build) {
    build.onResolve({ filter: OTHER_DIALECTS }, (a) =>
      /knex[\\/]lib[\\/]dialects[\\/]index\.js$/.test(a.importer) ? { path: `knex/lib/dialects/${a.path.slice(2)}/index.js`, external: true } : undefined);
  },
};

/** Whether dist/server/index.js is the bundle (not tsc's own one-module output). */
export const isBundled = () => {
  try {
    return readFileSync(BUNDLE, 'utf8').slice(0, MARK.length) === MARK;
  } catch {
    return false;
  }
};

export async function bundleServer() {
  const tsx = createRequire(import.meta.url).resolve('tsx/package.json');
  const esbuild = createRequire(tsx)('esbuild');
  await esbuild.build({
    entryPoints: [join(ROOT, 'server/index.ts')],
    outfile: BUNDLE,
    bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: true, logLevel: 'warning',
    external: EXTERNAL, plugins: [otherDialects],
    // CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: `${MARK}\nimport { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);` },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bundleServer();
