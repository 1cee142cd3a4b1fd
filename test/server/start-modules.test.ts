// What the server loads before its first request: the composition root and every route, but not the
// libraries only some requests need (exceljs for spreadsheets, nodemailer for the first mail), which
// add megabytes of RSS and time to every start (issue 8 item 8: RSS at start ≤ 90 MB).
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const probe = `
import { createRequire } from 'node:module';
await import('./server/system.ts');
const loaded = Object.keys(createRequire(import.meta.url).cache);
console.log(JSON.stringify(['exceljs', 'nodemailer'].filter((m) => loaded.some((p) => p.includes('/node_modules/' + m + '/')))));
`;

describe('server start: libraries loaded only when a request needs them', () => {
  it('importing the composition root (all routes) loads neither exceljs nor nodemailer', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).to.deep.equal([]);
  });
});
