// Liveness and "who am I".
import { Router } from 'express';
import type { Knex } from 'knex';
import type { AppDeps } from '../deps.ts';
import { orgView, userView } from '../views.ts';
import { sendProblem } from '../problem.ts';

export function healthRoute(knex: Knex) {
  const r = Router();
  r.get('/health', async (_req, res) => {
    try {
      await knex.raw('select 1');
      res.json({ status: 'ok', database: 'ok' });
    } catch {
      sendProblem(res, 503, '数据库不可用 / Database unavailable', '无法连接数据库 / the database cannot be reached');
    }
  });
  return r;
}

export function meRoute(_deps: AppDeps) {
  const r = Router();
  r.get('/me', (req, res) => {
    res.json({ user: userView(req.caller.user), org: orgView(req.caller.org), roles: req.caller.roles });
  });
  return r;
}
