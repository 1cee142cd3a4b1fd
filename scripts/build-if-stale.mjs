// `npm start`'s prestart: dist/ and web/dist/ must never serve older code than the sources. A walk of the sources'
// modification times (~50 ms) against the last build's stamp; only when a source is newer does it run
// the incremental build (`tsc -b`, seconds). Plain JavaScript: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer, isBundled } from './bundle-server.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(ROOT, 'dist/.tsbuildinfo');
const SOURCES = ['workflows', 'server', 'db', 'notifications'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

const mtime = (p) => { try { return statSync(p).mtimeMs; } catch { return -1; } };

/** The newest modification time of any source file under dir (0 if none). */
function newest(dir) {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'dist' && e.name !== 'node_modules') max = Math.max(max, newest(p));
    else if (e.name !== 'dist' && /\.(ts|tsx|css|html)$/.test(e.name)) max = Math.max(max, mtime(p));
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
// tsc wrote its own dist/server/index.js (or an older build has none): the one-file server again (~1 s).
if (built < source || !isBundled())
  await bundleServer().catch(() => {
    console.error('\n打包失败，不启动旧代码 / bundling the server failed: not starting old code (npm run build:server to see why)\n');
    process.exit(1);
  });

// The web page: rebuilt (vite, some seconds) only when a file under web/ is newer than its last build.
const page = mtime(join(ROOT, 'web/dist/index.html'));
if (page < newest(join(ROOT, 'web'))) {
  console.error(page < 0 ? 'web/dist 尚未构建，正在构建 / web/dist not built yet: building' : 'web/dist 早于源代码，正在重新构建 / web/dist is older than its sources: rebuilding');
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js'); // not in vite's exports: by path
  const run = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('\n网页构建失败，不启动旧页面 / the web build failed: not starting an old page (npm run build:web to see why)\n');
    process.exit(run.status ?? 1);
  }
}
