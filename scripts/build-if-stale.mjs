// `npm start`'s prestart: dist/ must never serve older code than the sources. A walk of the sources'
// modification times (~50 ms) against the last build's stamp; only when a source is newer does it run
// the incremental build (`tsc -b`, seconds). Plain JavaScript: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(ROOT, 'dist/.tsbuildinfo');
const SOURCES = ['workflows', 'server', 'db', 'notifications'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

const mtime = (p) => { try { return statSync(p).mtimeMs; } catch { return -1; } };

/** The newest modification time of any .ts file under dir (0 if none). */
function newest(dir) {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) max = Math.max(max, newest(p));
    else if (e.name.endsWith('.ts')) max = Math.max(max, mtime(p));
  }
  return max;
}

const built = mtime(STAMP);
const source = Math.max(...SOURCES.map((d) => newest(join(ROOT, d))), ...CONFIGS.map((f) => mtime(join(ROOT, f))));
if (built < source) {
  console.error(built < 0 ? 'dist/ 尚未构建，正在构建 / dist/ not built yet: building' : 'dist/ 早于源代码，正在重新构建 / dist/ is older than the sources: rebuilding');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('\n构建失败，不启动旧代码 / the build failed: not starting old code (npm run build to see why)\n');
    process.exit(run.status ?? 1);
  }
}
