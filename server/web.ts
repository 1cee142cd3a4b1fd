// The web page from the same process: web/dist's hashed assets with a year's cache, index.html
// (never cached) for any other GET outside /api so the page's own routes load on reload or a link.
// Without a build, a zh/en page saying how to make one.
import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { notFoundRoute } from './problem.ts';

export const WEB_DIST = path.resolve(import.meta.dirname, '../web/dist');

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>网页尚未构建 / Web page not built</title>
<body style="font-family:sans-serif;max-width:40em;margin:10vh auto;line-height:1.6">
<h1>网页尚未构建 / The web page is not built</h1>
<p>请在项目目录运行 <code>npm run build:web</code>（<code>npm install</code> 时会自动构建），然后刷新本页。接口 <code>/api</code> 照常可用。</p>
<p lang="en">Run <code>npm run build:web</code> in the project folder (<code>npm install</code> builds it too), then reload. The API under <code>/api</code> works as usual.</p>
</body></html>`;

const isPage = (req: express.Request) => (req.method === 'GET' || req.method === 'HEAD') && !/^\/api(\/|$)/.test(req.path);

export function webRoutes(dist = WEB_DIST): Router {
  const r = Router();
  r.use((_req, res, next) => { res.set('X-Content-Type-Options', 'nosniff'); next(); });
  if (!existsSync(path.join(dist, 'index.html'))) {
    r.use((req, res, next) => (isPage(req) ? void res.status(503).type('html').set('Cache-Control', 'no-store').send(NOT_BUILT) : next()));
    return r;
  }
  // Vite names every file under assets/ by its content hash: safe to keep for a year.
  r.use('/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', index: false }), notFoundRoute);
  r.use(express.static(dist, { index: false, maxAge: 0 }));
  r.use((req, res, next) => {
    if (!isPage(req)) return next();
    res.set({ 'Cache-Control': 'no-cache', 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'same-origin' }).sendFile(path.join(dist, 'index.html'));
  });
  return r;
}
