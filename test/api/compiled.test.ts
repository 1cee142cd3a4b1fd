// `npm start` runs the compiled server (dist/, built at install): this builds it if the sources are
// newer (as prestart does), then starts node dist/server/index.js on a fresh database, so a build
// that breaks, or code that only works under tsx (a path, a missing migration), turns the suite red.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from '../database.ts';
import { request, spawnServer } from './child.ts';
import { demoPassword } from '../../server/passwords.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the compiled server (npm start)', () => {
  it('builds when stale, migrates a fresh database, seeds, answers health and an authenticated read', async function () {
    this.timeout(120_000); // a first build from nothing takes tens of seconds on a loaded machine
    const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(build.status, build.stderr + build.stdout).to.equal(0);
    expect(existsSync(`${ROOT}/dist/server/index.js`)).to.equal(true);
    const fresh = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, encoding: 'utf8' });
    expect(fresh.stderr, 'a second check right after finds nothing to build').to.equal('');

    const db = await freshDatabase('uw-compiled-');
    const server = await spawnServer({ DATABASE_URL: db.url }, 30_000, { compiled: true });
    try {
      expect(server.output.join('\n')).not.to.match(/tsx/);
      expect((await request(server.url, 'GET', '/api/health', undefined)).status).to.equal(200);
      const tasks = await request(server.url, 'GET', '/api/tasks', server.tokens['jianwai.approver']);
      expect(tasks.status).to.equal(200);
    } finally {
      await server.kill();
      await db.drop();
    }
  });

  it('serves, from its one bundled file, what it loads only at first use: ajv (a refused body, zh first), argon2 (sign-in), the OpenAPI document, exceljs (an .xlsx list)', async function () {
    this.timeout(60_000);
    const db = await freshDatabase('uw-compiled-lazy-');
    const server = await spawnServer({ DATABASE_URL: db.url }, 30_000, { compiled: true });
    try {
      const refused = await request(server.url, 'POST', '/api/workflows/purchased-service-hire/instances', server.tokens['guomao.requester'], { unknownField: 1 });
      expect(refused.status, JSON.stringify(refused.body)).to.be.oneOf([400, 422]);
      expect(JSON.stringify(refused.body)).to.match(/[\u4e00-\u9fff]/);
      const signIn = await request(server.url, 'POST', '/api/session', undefined, { login: 'guomao.requester', password: demoPassword('guomao.requester') });
      expect(signIn.status).to.equal(200);
      expect((await request(server.url, 'POST', '/api/session', undefined, { login: 'guomao.requester', password: 'not the password' })).status).to.equal(401);
      expect((await request(server.url, 'GET', '/api/openapi.json', undefined)).body.openapi).to.equal('3.1.0');
      const xlsx = await fetch(`${server.url}/api/tasks`, { headers: { authorization: `Bearer ${server.tokens['jianwai.approver']}`, accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
      expect(xlsx.status).to.equal(200);
      expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).to.equal('PK');
    } finally {
      await server.kill();
      await db.drop();
    }
  });
});
