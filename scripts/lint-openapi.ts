// npm run lint:openapi — writes the served OpenAPI document to a temp file and lints it with
// Redocly's recommended rules (redocly.yaml). Fails on any error AND any warning (Redocly itself
// fails only on errors).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openapi } from '../server/openapi.ts';

const dir = mkdtempSync(join(tmpdir(), 'uw-openapi-'));
const file = join(dir, 'openapi.json');
writeFileSync(file, JSON.stringify(openapi(), null, 2));
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const lint = (format: string, stdio: 'pipe' | 'inherit') =>
  spawnSync('npx', ['redocly', 'lint', file, '--config', 'redocly.yaml', `--format=${format}`, '--max-problems', '500'], { env, stdio, encoding: 'utf8' });
try {
  const json = lint('json', 'pipe');
  const totals = (JSON.parse(json.stdout) as { totals: { errors: number; warnings: number } }).totals;
  if (totals.errors || totals.warnings) {
    lint('stylish', 'inherit');
    console.error(`OpenAPI lint: ${totals.errors} errors, ${totals.warnings} warnings`);
    process.exitCode = 1;
  } else console.log(`OpenAPI lint (Redocly recommended): 0 errors, 0 warnings, ${Object.keys(openapi().paths).length} paths`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
