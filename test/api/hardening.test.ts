// Answers that must not break (issue 7 items 1–5, 21): whatever a client sends, a 4xx problem+json
// or, if the server itself fails, a 500 that carries a request id a clerk can quote.
import { expect } from 'chai';
import { DEV_PERSONAL_DATA } from '../../workflows/engine/personal-data.ts';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { pino } from 'pino';
import { openDatabase } from '../../db/index.ts';
import { buildApp } from '../../server/app.ts';
import { calendarSource } from '../../workflows/engine/calendar-source.ts';
import { createEngine } from '../../workflows/engine/engine.ts';
import { allDefinitions } from '../../workflows/registry.ts';
import { effectHandlers } from '../../server/system.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import { fixedSettings } from '../../workflows/engine/settings-source.ts';
import { p1Request } from '../helpers.ts';
import { P1, startTestSystem, submittedRequest, type Answer, type Sys, databaseState } from './client.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function expectProblem(res: Answer, status: number) {
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).to.equal(status);
  expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(res.body).to.include({ status });
  expect(res.body.detail).to.be.a('string').and.match(/[\u4e00-\u9fff]/);
}

/** One raw HTTP exchange: what Node's parser refuses never reaches fetch-shaped requests. */
function raw(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => socket.write(request));
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}
const rawBody = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));

describe('hardening', () => {
  let s: Sys;
  let id: string;
  before(async () => {
    s = await startTestSystem();
    id = await submittedRequest(s);
  });
  after(async () => s.cleanup());

  const snapshot = () => databaseState(s);

  describe('content encodings (item 1)', () => {
    for (const [what, encoding] of [['gzip on a plain body', 'gzip'], ['an unknown coding', 'snappy'], ['deflate on a plain body', 'deflate'], ['a list of codings', 'gzip, br']])
      it(`answers 415 problem+json for ${what}, naming the accepted coding, and changes nothing`, async () => {
        const before = await snapshot();
        const res = await s.call('POST', P1, 'guomao.requester', p1Request(), { 'content-encoding': encoding });
        expectProblem(res, 415);
        expect(res.headers.get('accept-encoding')).to.equal('identity');
        expect(await snapshot()).to.equal(before);
      });

    it('answers 415 before authentication and on routes that do not exist', async () => {
      expectProblem(await s.call('POST', P1, null, p1Request(), { 'content-encoding': 'gzip' }), 415);
      expectProblem(await s.call('PUT', '/nowhere', null, '{}', { 'content-encoding': 'gzip' }), 415);
    });

    it('accepts identity', async () => {
      expect((await s.call('POST', P1, 'guomao.requester', p1Request(), { 'content-encoding': 'identity' })).status).to.equal(201);
    });
  });

  describe('names of JavaScript object properties (item 2)', () => {
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])
      it(`answers 422 naming the known events for an event of type ${type}, and changes nothing`, async () => {
        const before = await snapshot();
        const res = await s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type });
        expectProblem(res, 422);
        expect(res.body.errors[0].pointer).to.equal('/type');
        expect(res.body.errors[0].message).to.include('APPROVE').and.include('RETURN');
        expect(await snapshot()).to.equal(before);
      });

    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      it(`answers 404 for a process type ${type}`, async () => {
        expectProblem(await s.call('POST', `/api/workflows/${type}/instances`, 'guomao.requester', p1Request()), 404);
        expectProblem(await s.call('GET', `/api/workflows/${type}`, 'guomao.requester'), 404);
      });

    it('answers 422 for a body that carries __proto__ or constructor as a field', async () => {
      const res = await s.call('POST', P1, 'guomao.requester', `{"__proto__": {"admin": true}, ${JSON.stringify(p1Request()).slice(1)}`);
      expectProblem(res, 422);
      expect(res.body.errors.map((e: any) => e.pointer)).to.include('/__proto__');
      expectProblem(await s.call('POST', `/api/instances/${id}/events`, 'jianwai.approver', { type: 'APPROVE', constructor: 'x' }), 422);
    });

    it('answers 400 for list filters named like object properties', async () => {
      expectProblem(await s.call('GET', '/api/instances?status=constructor', 'jianwai.approver'), 400);
      expectProblem(await s.call('GET', '/api/instances?__proto__=1', 'jianwai.approver'), 400);
    });
  });

  describe('documents by Accept (item 3)', () => {
    let href: string;
    before(async () => {
      const approvedCase = await submittedRequest(s);
      const res = await s.call('POST', `/api/instances/${approvedCase}/events`, 'jianwai.approver', { type: 'APPROVE' });
      href = res.body.documents[0].href;
    });

    for (const accept of ['application/pdf', 'image/png', 'text/csv;q=1, application/pdf;q=0.5'])
      it(`answers 406 problem+json with the types on offer for Accept: ${accept}`, async () => {
        const res = await s.call('GET', href, 'guomao.requester', undefined, { accept });
        expectProblem(res, 406);
        expect(res.body.accepts).to.deep.equal(['text/html', 'application/json']);
        expect(res.body.detail).to.include('text/html').and.include('application/json');
      });

    it('still serves HTML and JSON, and HTML for */*', async () => {
      expect((await s.call('GET', href, 'guomao.requester', undefined, { accept: 'application/pdf, text/html;q=0.1' })).headers.get('content-type')).to.match(/text\/html/);
      expect((await s.call('GET', href, 'guomao.requester', undefined, { accept: 'application/json' })).body.number).to.be.a('string');
      expect((await s.call('GET', href, 'guomao.requester', undefined, { accept: '*/*' })).headers.get('content-type')).to.match(/text\/html/);
    });
  });

  describe('request ids (item 4)', () => {
    it('gives every answer an X-Request-Id, and every problem its requestId', async () => {
      for (const [path, login] of [['/api/health', null], ['/api/me', 'admin'], ['/api/me', null], ['/nowhere', null]] as const) {
        const res = await s.call('GET', path, login);
        expect(res.headers.get('x-request-id'), path).to.match(UUID);
        if (res.status >= 400) expect(res.body.requestId).to.equal(res.headers.get('x-request-id'));
      }
    });

    it('keeps a sane request id the client sent, and replaces one that is not', async () => {
      expect((await s.call('GET', '/api/health', null, undefined, { 'x-request-id': 'clerk-42.abc_DEF' })).headers.get('x-request-id')).to.equal('clerk-42.abc_DEF');
      for (const bad of ['x'.repeat(65), 'two words', 'caf\u00e9'])
        expect((await s.call('GET', '/api/health', null, undefined, { 'x-request-id': bad })).headers.get('x-request-id'), bad).to.match(UUID);
    });

    it('puts the request id of a 500 in the header, the problem body and the log line', async () => {
      const lines: any[] = [];
      const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l)) });
      // A database that cannot be opened: every query fails, as a lost database would.
      const knex = openDatabase('sqlite:/nonexistent-directory-uw/none.sqlite');
      const clock = s.clock;
      const calendar = calendarSource(knex);
      const settings = fixedSettings(DEFAULT_SETTINGS);
      const engine = createEngine({ knex, clock, settings, calendar, personal: DEV_PERSONAL_DATA, definitions: allDefinitions, effects: effectHandlers({ publicUrl: 'http://localhost' }) });
      const server = buildApp({ knex, engine, clock, log, settings, calendar, personal: DEV_PERSONAL_DATA }).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      try {
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/me`, { headers: { authorization: 'Bearer uw_anything', 'x-request-id': 'desk-7-call-3' } });
        const body = await res.json();
        expect(res.status).to.equal(500);
        expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(res.headers.get('x-request-id')).to.equal('desk-7-call-3');
        expect(body.requestId).to.equal('desk-7-call-3');
        expect(body.detail).to.include('desk-7-call-3');
        const error = lines.find((l) => l.msg === 'unhandled error');
        expect(error).to.include({ requestId: 'desk-7-call-3', level: 50 });
        expect(lines.find((l) => l.msg === 'request')).to.include({ requestId: 'desk-7-call-3', status: 500 });
        expect(JSON.stringify(lines)).not.to.include('uw_anything');
      } finally {
        server.close();
        await knex.destroy();
      }
    });
  });

  describe('huge headers and paths (item 5)', () => {
    it('answers 431 problem+json for headers beyond Node\'s limit', async () => {
      const res = await raw(s.url, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(res).to.match(/^HTTP\/1\.1 431 /);
      expect(res).to.match(/content-type: application\/problem\+json/i);
      const body = rawBody(res);
      expect(body).to.include({ status: 431 });
      expect(body.detail).to.match(/[\u4e00-\u9fff]/);
      expect(body.requestId).to.match(UUID);
    });

    it('answers 400 problem+json for a request Node cannot parse', async () => {
      const res = await raw(s.url, 'NOT A REQUEST\r\n\r\n');
      expect(res).to.match(/^HTTP\/1\.1 400 /);
      expect(rawBody(res)).to.include({ status: 400 });
    });

    it('answers 431 for a path beyond Node\'s header limit, and 414 problem+json for a path over 2,000 characters, without echoing it', async () => {
      expect(await raw(s.url, `GET /api/instances/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)).to.match(/^HTTP\/1\.1 431 /);
      const res = await s.call('GET', `/api/instances/${'a'.repeat(5000)}`, 'admin');
      expectProblem(res, 414);
      expect(JSON.stringify(res.body).length).to.be.below(600);
      expectProblem(await s.call('POST', `/api/instances/${'a'.repeat(5000)}/events`, null, { type: 'X' }), 414);
    });

    it('never echoes a long id, path, method or event type back in full', async () => {
      const long = 'x'.repeat(1500);
      for (const [method, path, body] of [
        ['GET', `/api/instances/${long}`], ['GET', `/api/orgs/${long}`], ['GET', `/api/people/${long}`], ['GET', `/api/documents/${long}`],
        ['GET', `/api/workflows/${long}`], ['POST', `/api/workflows/${long}/instances`, {}], ['POST', `/api/instances/${long}/events`, { type: 'APPROVE' }],
        ['POST', `/api/instances/${id}/events`, { type: long }], ['GET', `/api/${long}`], ['DELETE', `/api/calendar/overrides/${long}`],
        ['POST', `/api/notifications/${long}/retry`],
      ] as [string, string, unknown?][]) {
        const res = await s.call(method, path, 'admin', body);
        expect(res.status, path.slice(0, 60)).to.be.within(400, 499);
        expect(JSON.stringify(res.body), `${method} ${path.slice(0, 60)}`).not.to.include('x'.repeat(100));
      }
    });
  });

  describe('numbers and text (item 21)', () => {
    it('answers 422 for 1e309 and 2^53+1 in a body, and changes nothing', async () => {
      const before = await snapshot();
      const big = JSON.stringify(p1Request()).replace(/"annualBudgetYuan":\d+/, '"annualBudgetYuan":1e309');
      expect(big).to.include('1e309');
      const res = await s.call('POST', P1, 'guomao.requester', big);
      expectProblem(res, 422);
      expect(res.body.errors.map((e: any) => e.pointer)).to.include('/annualBudgetYuan');
      const posts = JSON.stringify(p1Request()).replace(/"count":1/, '"count":9007199254740993');
      expect(posts).to.include('9007199254740993');
      expect((await s.call('POST', P1, 'guomao.requester', posts)).body.errors.map((e: any) => e.pointer)).to.include('/posts/0/count');
      expect(await snapshot()).to.equal(before);
    });

    for (const [what, name] of [['a lone NUL', '\u0000'], ['only control characters', '\u0001\u001f'], ['only a zero-width space', '\u200b']])
      it(`answers 422 for a name of ${what}, in zh-CN first`, async () => {
        const res = await s.call('POST', '/api/users', 'admin', { name, login: 'someone-new', orgId: 1, roles: ['viewer'] });
        expectProblem(res, 422);
        expect(res.body.errors[0].pointer).to.equal('/name');
        expect(res.body.errors[0].message).to.match(/^[\u4e00-\u9fff]/);
      });

    it('answers 400 for a control character in a query parameter', async () => {
      expectProblem(await s.call('GET', '/api/instances?state=%00', 'admin'), 400);
    });

    it('answers zh-CN first for a keyword ajv names only in English, naming the field by its zh and en titles', async () => {
      const res = await s.call('POST', P1, 'guomao.requester', { ...p1Request(), posts: [] });
      expect(res.body.errors[0].message).to.equal('岗位：不应少于 1 个项 / posts: must NOT have fewer than 1 items');
    });
  });
});
