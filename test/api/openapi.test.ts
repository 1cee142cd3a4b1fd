// The OpenAPI document is complete: every route Express serves is documented and every documented
// route is served; each operation has an id, a success schema and problem answers.
import { expect } from 'chai';
import { buildApp } from '../../server/app.ts';
import type { AppDeps } from '../../server/deps.ts';
import { openapi } from '../../server/openapi.ts';
import { silent, startTestSystem, type Sys } from './client.ts';

type Layer = { rawPath?: string; route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };

/** METHOD /path/:param for every route in an Express 5 router tree. */
function served(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((l) => {
    if (l.route) return Object.keys(l.route.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${prefix}${l.route!.path.replace(/\\:/g, ':')}`); // an escaped literal colon is a plain one
    if (l.handle?.stack) return served(l.handle.stack, prefix + (l.rawPath && l.rawPath !== '/' ? l.rawPath : ''));
    return [];
  });
}

/** Segments match when equal or when either is a parameter (`:id` served, `{id}` documented). */
const isParam = (s: string) => s.startsWith(':') || /^\{\w+\}$/.test(s);
function same(a: string, b: string) {
  const [ma, pa] = a.split(' ');
  const [mb, pb] = b.split(' ');
  const sa = pa.split('/');
  const sb = pb.split('/');
  return ma === mb && sa.length === sb.length && sa.every((x, i) => x === sb[i] || isParam(x) || isParam(sb[i]));
}

describe('the OpenAPI document', () => {
  const doc = openapi();
  const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
  const app = buildApp({ knex: {} as never, log: silent } as unknown as AppDeps);
  const routes = served((app as unknown as { router: { stack: Layer[] } }).router.stack);

  it('documents every route the app serves', () => {
    expect(routes.length).to.be.greaterThan(20);
    expect(routes.filter((r) => !documented.some((d) => same(r, d))), 'served, not documented').to.deep.equal([]);
  });

  it('serves every route it documents', () => {
    expect(documented.filter((d) => !routes.some((r) => same(r, d))), 'documented, not served').to.deep.equal([]);
  });

  it('gives every operation a unique operationId, a success schema and problem+json answers', () => {
    const ops = Object.values(doc.paths).flatMap((o) => Object.values(o)) as any[];
    const ids = ops.map((o) => o.operationId);
    expect(ids.every(Boolean)).to.equal(true);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const op of ops) {
      const ok = Object.entries(op.responses).find(([c]) => /^2/.test(c))!;
      expect(ok, op.operationId).to.not.equal(undefined);
      if (ok[0] !== '204') expect(Object.values((ok[1] as any).content)[0], op.operationId).to.have.property('schema');
      for (const [code, r] of Object.entries(op.responses) as [string, any][])
        if (/^4/.test(code)) expect(r.content['application/problem+json'].schema, `${op.operationId} ${code}`).to.deep.equal({ $ref: '#/components/schemas/Problem' });
    }
  });

  it('describes the body of POST /api/instances/{id}/events as one of the events, each schema referenced', () => {
    const body = (doc.paths['/api/instances/{id}/events'] as any).post.requestBody.content['application/json'].schema;
    expect(body).to.deep.equal({ $ref: '#/components/schemas/EventBody' });
    const text = JSON.stringify(doc.paths) + JSON.stringify(doc.components);
    for (const name of Object.keys(doc.components.schemas)) expect(text, name).to.include(`"#/components/schemas/${name}"`);
  });

  describe('over HTTP', () => {
    let s: Sys;
    before(async () => { s = await startTestSystem(); });
    after(async () => s.cleanup());

    it('answers every documented path with its own route, never the generic 404', async () => {
      const fill = (p: string) => p.replace('{id}', p.startsWith('/api/instances/') ? '00000000-0000-4000-8000-000000000000' : '999999').replace('{type}', 'purchased-service-hire').replace('{date}', '2099-01-01');
      for (const d of documented) {
        const [method, path] = d.split(' ');
        const res = await s.call(method, fill(path), 'admin');
        expect(String(res.body?.detail ?? ''), d).to.not.include('没有这个接口');
      }
    });

    it('serves the document and the reference page', async () => {
      expect((await s.call('GET', '/api/openapi.json', null)).body.openapi).to.equal('3.1.0');
      const page = await s.call('GET', '/api/docs', null);
      expect(page.headers.get('content-type')).to.match(/text\/html/);
      expect(page.body).to.include('/api/deadlines');
    });
  });
});
