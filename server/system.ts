// One process of the system: database, engine, and by its role the HTTP server (web), the
// scheduler and mailer (worker), or both (all, the default). `npm start` runs it from the
// environment; tests run it on port 0 with their own clock.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { migrate, openDatabase, DEFAULT_DATABASE_URL } from '../db/index.ts';
import { isPostgresUrl, sqliteFilename } from '../db/dialect.ts';
import { exclusiveStartup, freeStaleMigrationLock, holdSqliteFile } from '../db/startup.ts';
import { seedDemo, type Demo } from '../db/demo.ts';
import { anyOrg, insertOrg } from '../db/orgs.ts';
import { insertUser, issueToken } from '../db/users.ts';
import { calendarSource } from '../workflows/engine/calendar-source.ts';
import { addRegisterEntry, enterRegister, issueDocument, leaveRegister, sendToCase, startCase, updateRegister, type EffectHandlers } from '../workflows/engine/effects.ts';
import { createEngine, type Clock } from '../workflows/engine/engine.ts';
import { personalDataFrom } from '../workflows/engine/personal-data.ts';
import type { Settings } from '../workflows/settings.ts';
import { seedSettings } from './settings-seed.ts';
import { createMailer } from '../notifications/mailer.ts';
import { notifyEffect } from '../notifications/notify.ts';
import { allDefinitions, definitions } from '../workflows/registry.ts';
import { createScheduler } from '../notifications/scheduler.ts';
import { onboardingSweep } from '../notifications/onboarding-reminder.ts';
import { createSweep } from '../notifications/sweep.ts';
import { buildApp } from './app.ts';
import { answerClientError } from './guards.ts';
import { calendarWarnings } from './routes/basics.ts';
import { healthOnlyServer } from './health-only.ts';
import { createLogger, type Logger } from './logger.ts';
import { ConfigError, type ProcessRole, type TrustProxy } from './roles.ts';
import { pdfRenderer } from './pdf.ts';
import { sessionConfig, type SessionConfig } from './session.ts';

export type SystemOptions = {
  databaseUrl?: string;
  sqliteClient?: 'better-sqlite3' | 'sqlite3';
  port?: number;
  host?: string;
  clock?: Clock;
  /** Initial values (SETTINGS_JSON) of the keys the database does not hold yet; the database's win (see README). */
  settings?: Partial<Settings>;
  publicUrl?: string;
  /** Seed the demo tree when the database is empty (development only). */
  seedDemo?: boolean;
  bootstrapAdminToken?: string;
  /** PERSONAL_DATA_KEY (32 bytes, base64 or hex); required when `production`. */
  personalDataKey?: string;
  production?: boolean;
  /** SESSION_SECRET (required when `production`) and SESSION_IDLE_MINUTES (default 30): server/session.ts. */
  sessionSecret?: string;
  sessionIdleMinutes?: string | number;
  log?: Logger;
  smtpUrl?: string;
  mailFrom?: string;
  /** Run the scheduler and mailer loops (tests that drive ticks by hand turn this off). Never for role web. */
  background?: { schedulerMs: number; mailerMs: number } | false;
  /** ROLE: web serves the API, worker runs the loops (and GET /api/health only), all does both. Default all. */
  role?: ProcessRole;
  /** TRUST_PROXY: whose X-Forwarded-For gives the client's address (the auth throttle counts by it). */
  trustProxy?: TrustProxy;
};

export type System = {
  role: ProcessRole; url: string; server: Server; knex: Knex; engine: ReturnType<typeof createEngine>; demo?: Demo;
  scheduler: ReturnType<typeof createScheduler>; mailer: ReturnType<typeof createMailer>; stop(): Promise<void>;
};

export async function startSystem(o: SystemOptions = {}): Promise<System> {
  const log = o.log ?? createLogger();
  const clock = o.clock ?? { now: () => new Date() };
  const role = o.role ?? 'all';
  const databaseUrl = o.databaseUrl ?? DEFAULT_DATABASE_URL;
  // SQLite has one server process per file, so it has to do everything itself.
  if (role !== 'all' && !isPostgresUrl(databaseUrl))
    throw new ConfigError(`ROLE=${role} 需要 PostgreSQL：SQLite 只支持一个 ROLE=all 的服务进程 / ROLE=${role} needs PostgreSQL: on SQLite one process (ROLE=all) does everything`);
  // Before anything opens: production without the key must not start at all.
  const personal = personalDataFrom({ key: o.personalDataKey, production: !!o.production, warn: (m) => log.warn(m) });
  const session = sessionConfig({ secret: o.sessionSecret, idleMinutes: o.sessionIdleMinutes, production: !!o.production, publicUrl: o.publicUrl });
  if (!o.sessionSecret) log.warn('SESSION_SECRET 未设置：本次启动使用随机密钥，重启后需重新登录 / SESSION_SECRET unset: a random one for this start; sign-ins end at restart');
  const release = holdSqliteFile(sqliteFilename(databaseUrl));
  const knex = openDatabase(databaseUrl, o.sqliteClient);
  try {
    return await serve(o, { log, clock, role, personal, knex, release, session });
  } catch (err) {
    await knex.destroy();
    release();
    throw err;
  }
}

async function serve(o: SystemOptions, p: { log: Logger; clock: Clock; role: ProcessRole; personal: ReturnType<typeof personalDataFrom>; knex: Knex; release: () => void; session: SessionConfig }): Promise<System> {
  const { log, clock, role, personal, knex } = p;
  // Processes started together on one PostgreSQL database migrate and seed one after another.
  const demo = await exclusiveStartup(knex, async () => {
    if (await freeStaleMigrationLock(knex)) log.warn('knex migration lock left by a process that stopped mid-migration: freed');
    await migrate(knex, { personal });
    if (await anyOrg(knex)) return undefined;
    if (o.bootstrapAdminToken) await bootstrapAdmin(knex, o.bootstrapAdminToken, clock.now());
    else if (o.seedDemo) return seedDemo(knex, clock.now());
    return undefined;
  });

  const settings = await seedSettings(knex, o.settings ?? {}, clock.now(), log);
  const calendar = calendarSource(knex);
  const publicUrl = o.publicUrl ?? `http://localhost:${o.port ?? 3000}`;
  const effects = effectHandlers({ publicUrl });
  const engine = createEngine({ knex, clock, settings, calendar, personal, definitions: allDefinitions, effects });
  for (const w of calendarWarnings(await calendar.get(), clock.now())) log.warn(w, w.message);
  const web = role !== 'worker';
  const pdf = pdfRenderer(); // launches Chromium only on the first PDF asked for
  let handler: RequestListener | undefined;
  if (web) {
    const app = buildApp({ knex, engine, clock, log, settings, calendar, personal, session: p.session, pdf });
    if (o.trustProxy !== undefined) app.set('trust proxy', o.trustProxy);
    handler = app;
  }
  const server = handler ? createServer(handler) : healthOnlyServer(knex);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
  });
  if (web) server.on('clientError', answerClientError);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  // Deadlines that fell due while the server was down fire at the first tick, right here.
  const sweeps = { onboarding: onboardingSweep({ knex, settings, publicUrl }) };
  const daily = createSweep({ knex, engine, clock, settings, definitions, log: log.child({ component: 'sweep' }) });
  const scheduler = createScheduler({ knex, engine, clock, sweeps, logger: log.child({ component: 'scheduler' }), daily });
  const mailer = createMailer({ knex, clock, smtpUrl: o.smtpUrl, from: o.mailFrom ?? '工会工作流 <no-reply@localhost>', logger: log.child({ component: 'mailer' }) });
  const background = role === 'web' ? false : o.background ?? { schedulerMs: 30_000, mailerMs: 15_000 };
  if (background) {
    await scheduler.start(background.schedulerMs);
    await mailer.start(background.mailerMs);
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await scheduler.stop();
      await mailer.stop();
      await pdf.close();
      await knex.destroy();
      p.release();
    })());
  return { role, url, server, knex, engine, demo, scheduler, mailer, stop };
}

/** What the engine may do besides its own rows, starting and signalling linked cases included. */
export function effectHandlers(o: { publicUrl: string }): EffectHandlers {
  return { notify: notifyEffect(o), issueDocument, enterRegister, leaveRegister, updateRegister, addRegisterEntry, startCase, sendToCase };
}

/** BOOTSTRAP_ADMIN_TOKEN on an empty database: the root union and its first admin, with that token. */
async function bootstrapAdmin(knex: Knex, token: string, now: Date): Promise<void> {
  await knex.transaction(async (trx) => {
    const root = await insertOrg(trx, { parent_id: null, name: '北京市总工会', abbr: '京工', kind: 'city_federation', members: null, employees: null, enterprises: null, ownership: null, has_union: true }, now);
    const admin = await insertUser(trx, { org_id: root.id, name: '系统管理员 / administrator', login: 'admin', email: null, roles: JSON.stringify(['admin']) }, now);
    await issueToken(trx, admin.id, now, token);
  });
}
