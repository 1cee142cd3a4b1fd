// What the server loads before its first request: the composition root and every route, but not the
// libraries only some requests need (exceljs for spreadsheets, nodemailer for the first mail, ajv for
// the first body checked, argon2 for the first sign-in), which add megabytes of RSS and time to every
// start (issue 8 item 8: RSS at start ≤ 90 MB, the first 200 within 0.5 s).
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LAZY = ['exceljs', 'nodemailer', 'ajv', '@node-rs/argon2'];
// A start and a restart on one SQLite file (migrations, settings, calendar, every route), then what is loaded.
const probe = `
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
const { startSystem } = await import('./server/system.ts');
const databaseUrl = 'sqlite:' + join(mkdtempSync(join(tmpdir(), 'uw-start-modules-')), 'db.sqlite');
for (let i = 0; i < 2; i++) await (await startSystem({ databaseUrl, port: 0, background: false, log: pino({ level: 'silent' }) })).stop();
const loaded = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify(${JSON.stringify(LAZY)}.filter((m) => loaded.some((p) => p.includes('/node_modules/' + m + '/')))));
`;

describe('server start: libraries loaded only when a request needs them', () => {
  it('starting and restarting the system (all routes) loads none of exceljs, nodemailer, ajv, argon2', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).to.deep.equal([]);
  });
});
