// `npm start`: serve the system from the environment and shut down gracefully on SIGTERM/SIGINT.
// ROLE picks what this process does (web, worker or all); see the README's Deployment section.
import { loadSettings } from '../workflows/settings.ts';
import { SecondProcessError } from '../db/startup.ts';
import { createLogger } from './logger.ts';
import { ConfigError, parseRole, parseTrustProxy } from './roles.ts';
import { startSystem } from './system.ts';

const log = createLogger();
const env = process.env;
const production = env.NODE_ENV === 'production';
const port = Number(env.PORT ?? 3000);

/** A setting not understood, or a second process on one SQLite file: one clear line, exit code 1, no stack. */
function refuse(err: unknown): never {
  if (!(err instanceof ConfigError || err instanceof SecondProcessError)) throw err;
  log.fatal({ err: { message: err.message } }, err.message);
  console.error(`\n无法启动 / cannot start: ${err.message}\n`);
  process.exit(1);
}

let role: ReturnType<typeof parseRole>;
let trustProxy: ReturnType<typeof parseTrustProxy>;
try {
  role = parseRole(env.ROLE);
  trustProxy = parseTrustProxy(env.TRUST_PROXY);
} catch (err) {
  refuse(err);
}

const system = await startSystem({
  role,
  trustProxy,
  databaseUrl: env.DATABASE_URL,
  sqliteClient: env.DB_CLIENT === 'sqlite3' ? 'sqlite3' : 'better-sqlite3',
  port,
  host: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
  settings: loadSettings(env.SETTINGS_JSON),
  publicUrl: env.PUBLIC_URL,
  seedDemo: !production,
  bootstrapAdminToken: env.BOOTSTRAP_ADMIN_TOKEN,
  personalDataKey: env.PERSONAL_DATA_KEY,
  production,
  sessionSecret: env.SESSION_SECRET,
  sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
  smtpUrl: env.SMTP_URL,
  mailFrom: env.MAIL_FROM,
  log,
}).catch(refuse);

if (system.demo) {
  const lines = Object.entries(system.demo.users).map(([login, u]) => `  ${login.padEnd(20)} ${u.password.padEnd(30)} ${u.token}`);
  console.log(`\n演示数据已创建，各角色的登录名、密码与令牌如下（令牌只显示这一次）/ demo tree seeded; login, password and token per role (tokens shown once):\n  ${'登录名 / login'.padEnd(20)} ${'密码 / password'.padEnd(30)} 令牌 / token\n${lines.join('\n')}\n`);
  console.log(`浏览器登录 / sign in: POST ${system.url}/api/session  {"login":"guomao.requester","password":"${system.demo.users['guomao.requester'].password}"}`);
  console.log(`试一试 / try:  curl -H "Authorization: Bearer ${system.demo.users['guomao.requester'].token}" ${system.url}/api/tasks\n`);
}
if (system.role === 'worker') log.info({ url: system.url, role: system.role }, `worker: scheduler and mailer running; GET ${system.url}/api/health`);
else log.info({ url: system.url, role: system.role }, `serving on ${system.url} (ROLE=${system.role}) — API reference at ${system.url}/api/docs`);

for (const sig of ['SIGTERM', 'SIGINT'] as const)
  process.once(sig, () => {
    log.info({ sig }, 'shutting down');
    system.stop().then(() => process.exit(0), (err) => { log.error({ err }, 'shutdown failed'); process.exit(1); });
  });
