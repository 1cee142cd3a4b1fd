// The whole system in one process: database, engine, HTTP server, scheduler and mailer.
// `npm start` runs it from the environment; tests run it on port 0 with their own clock.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { migrate, openDatabase, DEFAULT_DATABASE_URL } from '../db/index.ts';
import { seedDemo, type Demo } from '../db/demo.ts';
import { anyOrg, insertOrg } from '../db/orgs.ts';
import { insertUser, issueToken } from '../db/users.ts';
import { calendarSource } from '../workflows/engine/calendar-source.ts';
import { createEngine, type Clock } from '../workflows/engine/engine.ts';
import { personalDataFrom } from '../workflows/engine/personal-data.ts';
import type { Settings } from '../workflows/settings.ts';
import { seedSettings } from './settings-seed.ts';
import { createMailer } from '../notifications/mailer.ts';
import { createScheduler } from '../notifications/scheduler.ts';
import { buildApp } from './app.ts';
import { answerClientError } from './guards.ts';
import { calendarWarnings } from './routes/basics.ts';
import { createLogger, type Logger } from './logger.ts';

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
  log?: Logger;
  smtpUrl?: string;
  mailFrom?: string;
  /** Run the scheduler and mailer loops (tests that drive ticks by hand turn this off). */
  background?: { schedulerMs: number; mailerMs: number } | false;
};

export type System = {
  url: string; server: Server; knex: Knex; engine: ReturnType<typeof createEngine>; demo?: Demo;
  scheduler: ReturnType<typeof createScheduler>; mailer: ReturnType<typeof createMailer>; stop(): Promise<void>;
};

export async function startSystem(o: SystemOptions = {}): Promise<System> {
  const log = o.log ?? createLogger();
  const clock = o.clock ?? { now: () => new Date() };
  // Before anything opens: production without the key must not start at all.
  const personal = personalDataFrom({ key: o.personalDataKey, production: !!o.production, warn: (m) => log.warn(m) });
  const knex = openDatabase(o.databaseUrl ?? DEFAULT_DATABASE_URL, o.sqliteClient);
  await migrate(knex, { personal });
  const empty = !(await anyOrg(knex));
  let demo: Demo | undefined;
  if (empty && o.bootstrapAdminToken) await bootstrapAdmin(knex, o.bootstrapAdminToken, clock.now());
  else if (empty && o.seedDemo) demo = await seedDemo(knex, clock.now());

  const settings = await seedSettings(knex, o.settings ?? {}, clock.now(), log);
  const calendar = calendarSource(knex);
  const engine = createEngine({ knex, clock, settings, calendar, personal, publicUrl: o.publicUrl ?? `http://localhost:${o.port ?? 3000}` });
  for (const w of calendarWarnings(await calendar.get(), clock.now())) log.warn(w, w.message);
  const app = buildApp({ knex, engine, clock, log, settings, calendar, personal });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve(s));
  });
  server.on('clientError', answerClientError);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  // Deadlines that fell due while the server was down fire at the first tick, right here.
  const scheduler = createScheduler({ knex, engine, clock, logger: log.child({ component: 'scheduler' }) });
  const mailer = createMailer({ knex, clock, smtpUrl: o.smtpUrl, from: o.mailFrom ?? '工会工作流 <no-reply@localhost>', logger: log.child({ component: 'mailer' }) });
  const background = o.background ?? { schedulerMs: 30_000, mailerMs: 15_000 };
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
      await knex.destroy();
    })());
  return { url, server, knex, engine, demo, scheduler, mailer, stop };
}

/** BOOTSTRAP_ADMIN_TOKEN on an empty database: the root union and its first admin, with that token. */
async function bootstrapAdmin(knex: Knex, token: string, now: Date): Promise<void> {
  await knex.transaction(async (trx) => {
    const root = await insertOrg(trx, { parent_id: null, name: '北京市总工会', abbr: '京工', kind: 'city_federation', members: null, employees: null, enterprises: null, ownership: null, has_union: true }, now);
    const admin = await insertUser(trx, { org_id: root.id, name: '系统管理员 / administrator', login: 'admin', email: null, roles: JSON.stringify(['admin']) }, now);
    await issueToken(trx, admin.id, now, token);
  });
}
