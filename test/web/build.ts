// Builds web/dist once when it is missing or older than any file under web/ (the browser tests and
// the serving test need it); a fresh build takes a few seconds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const WEB = path.resolve(import.meta.dirname, '../../web');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureWebBuild(): void {
  const index = path.join(WEB, 'dist/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(WEB)) return;
  execFileSync('npx', ['vite', 'build', '--config', path.join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], { stdio: 'inherit', cwd: path.resolve(WEB, '..') });
}
