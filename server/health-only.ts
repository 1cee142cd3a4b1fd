// A worker's only listener: GET /api/health for a load balancer or orchestrator; everything else is
// 404, since a worker serves no API (requests for it go to the web processes).
import { createServer, type Server } from 'node:http';
import type { Knex } from 'knex';
import { ping } from '../db/index.ts';
import { problemBody } from './problem.ts';

export function healthOnlyServer(knex: Knex): Server {
  return createServer((req, res) => {
    const send = (status: number, type: string, body: unknown) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(JSON.stringify(body));
    };
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/api/health')
      return send(404, 'application/problem+json', problemBody(404, '未找到 / Not found', '这是后台进程（ROLE=worker），只提供 GET /api/health / this is a worker process (ROLE=worker): it serves GET /api/health only'));
    ping(knex).then(
      () => send(200, 'application/json', { status: 'ok', database: 'ok', role: 'worker' }),
      () => send(503, 'application/problem+json', problemBody(503, '数据库不可用 / Database unavailable', '无法连接数据库 / the database cannot be reached')),
    );
  });
}
