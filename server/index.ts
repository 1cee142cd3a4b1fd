// `npm start`: serve the system from the environment and shut down gracefully on SIGTERM/SIGINT.
import { loadSettings } from '../workflows/settings.ts';
import { createLogger } from './logger.ts';
import { startSystem } from './system.ts';

const log = createLogger();
const env = process.env;
const production = env.NODE_ENV === 'production';
const port = Number(env.PORT ?? 3000);

const system = await startSystem({
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
  smtpUrl: env.SMTP_URL,
  mailFrom: env.MAIL_FROM,
  log,
});

if (system.demo) {
  const lines = Object.entries(system.demo.users).map(([login, u]) => `  ${login.padEnd(20)} ${u.token}`);
  console.log(`\n演示数据已创建，各角色令牌如下（只显示这一次）/ demo tree seeded; tokens (shown once):\n${lines.join('\n')}\n`);
  console.log(`试一试 / try:  curl -H "Authorization: Bearer ${system.demo.users['guomao.requester'].token}" ${system.url}/api/tasks\n`);
}
log.info({ url: system.url }, `serving on ${system.url} — API reference at ${system.url}/api/docs`);

for (const sig of ['SIGTERM', 'SIGINT'] as const)
  process.once(sig, () => {
    log.info({ sig }, 'shutting down');
    system.stop().then(() => process.exit(0), (err) => { log.error({ err }, 'shutdown failed'); process.exit(1); });
  });
