// Builds the Express app from its dependencies; tests import this and listen on port 0.
import express from 'express';
import { authenticate } from './auth.ts';
import { adminRoutes } from './routes/admin.ts';
import { auditRoutes } from './routes/audit.ts';
import { deadlineRoutes } from './routes/deadlines.ts';
import { contractRoutes } from './routes/contracts.ts';
import type { AppDeps } from './deps.ts';
import { identityOnly, requestId, urlLength } from './guards.ts';
import { errorHandler, notFoundRoute } from './problem.ts';
import { createAuthThrottle } from './throttle.ts';
import { docsHtml, openapi } from './openapi.ts';
import { healthRoute, meRoute } from './routes/basics.ts';
import { documentRoutes } from './routes/documents.ts';
import { importRoutes } from './routes/imports.ts';
import { instanceRoutes } from './routes/instances.ts';
import { pipelineRoutes } from './routes/pipeline.ts';
import { batchRoutes, readsLargeBody } from './routes/batch.ts';
import { orgRoutes } from './routes/orgs.ts';
import { peopleRoutes } from './routes/people.ts';
import { settingsRoutes } from './routes/settings.ts';
import { taskRoutes } from './routes/tasks.ts';
import { userRoutes } from './routes/users.ts';
import { sessionOpenRoutes, sessionRoutes } from './routes/session.ts';
import { sessionConfig, sessionMiddleware } from './session.ts';
import { workflowRoutes } from './routes/workflows.ts';
import { webRoutes } from './web.ts';

export const BODY_LIMIT = '64kb';

export function buildApp(deps: AppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // ETags here are instance versions, set by the routes
  app.use(requestId);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => deps.log.info({ requestId: res.locals.requestId, method: req.method.slice(0, 10), path: req.path.slice(0, 200), status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request'));
    next();
  });
  app.use(urlLength, identityOnly);
  const json = express.json({ limit: BODY_LIMIT, strict: false, type: ['application/json', 'application/*+json'] });
  app.use((req, res, next) => (readsLargeBody(req) ? next() : json(req, res, next))); // the bulk routes read their larger bodies themselves, after login

  const api = express.Router();
  api.use(healthRoute(deps));
  let doc: ReturnType<typeof openapi> | undefined; // built at the first read, not at every start
  api.get('/openapi.json', (_req, res) => void res.json((doc ??= openapi())));
  api.get('/docs', (_req, res) => void res.type('html').send(docsHtml()));
  const session = deps.session ?? sessionConfig({ production: false });
  api.use(sessionMiddleware(deps.knex, deps.clock, session), sessionOpenRoutes(deps));
  api.use(authenticate(deps.knex, createAuthThrottle({ now: () => deps.clock.now().getTime() }), session.publicUrl));
  api.use(sessionRoutes(deps), meRoute(deps), orgRoutes(deps), userRoutes(deps), peopleRoutes(deps), importRoutes(deps), workflowRoutes(), batchRoutes(deps), instanceRoutes(deps), pipelineRoutes(deps), taskRoutes(deps), documentRoutes(deps), deadlineRoutes(deps), contractRoutes(deps), adminRoutes(deps), settingsRoutes(deps), auditRoutes(deps));
  app.use('/api', api);
  app.use(webRoutes()); // the page itself; /api paths fall through to the 404 problem below
  app.use(notFoundRoute);
  app.use(errorHandler(deps.log));
  return app;
}
