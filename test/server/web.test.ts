// Express serves the built page: hashed assets cached for a year, index.html for the page's own
// paths, /api untouched (still a 404 problem), and a zh/en hint when the page was never built.
import { expect } from 'chai';
import express from 'express';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { webRoutes } from '../../server/web.ts';
import { ensureWebBuild } from '../web/build.ts';
import { startTestSystem, type Sys } from '../api/client.ts';

describe('server/web: the page from the same process', () => {
  let s: Sys;
  before(async function () { this.timeout(120_000); ensureWebBuild(); s = await startTestSystem(); });
  after(async () => s?.cleanup());

  it('answers index.html for / and for a page path such as /cases/:id, not cached', async () => {
    for (const p of ['/', '/cases/0b7e7c2e-0000-4000-8000-000000000000']) {
      const res = await fetch(s.url + p);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/text\/html/);
      expect(res.headers.get('cache-control')).to.equal('no-cache');
      expect(await res.text()).to.include('<div id="root">');
    }
  });

  it('serves hashed assets with a year-long immutable cache, and a missing asset is a 404', async () => {
    const html = await (await fetch(s.url + '/')).text();
    const asset = html.match(/\/assets\/[^"]+\.js/)![0];
    const res = await fetch(s.url + asset);
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.include('max-age=31536000').and.include('immutable');
    expect((await fetch(s.url + '/assets/nope-123.js')).status).to.equal(404);
  });

  it('keeps /api as it is: an unknown /api path is still a 404 problem', async () => {
    const res = await fetch(s.url + '/api/no-such-thing', { headers: { authorization: `Bearer ${s.token('admin')}` } });
    expect(res.status).to.equal(404);
    expect(res.headers.get('content-type')).to.match(/application\/problem\+json/);
  });

  it('without a build, GET / says in zh and en to run npm run build:web', async () => {
    const app = express().use(webRoutes(mkdtempSync(path.join(tmpdir(), 'uw-nodist-'))));
    const server = app.listen(0);
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(res.status).to.equal(503);
      const text = await res.text();
      expect(text).to.include('npm run build:web').and.include('网页尚未构建').and.include('not built');
    } finally { server.close(); }
  });
});
