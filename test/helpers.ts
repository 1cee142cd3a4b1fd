// Test fixtures: a fresh database (SQLite file, or PostgreSQL with TEST_DATABASE_URL), the demo
// tree, a clock tests move by hand.
import type { Knex } from 'knex';
import { migrate, openDatabase } from '../db/index.ts';
import { seedDemo, type Demo } from '../db/demo.ts';
import { migrations, sourceOf } from '../db/migrations/index.ts';
import { calendarSource } from '../workflows/engine/calendar-source.ts';
import { createEngine } from '../workflows/engine/engine.ts';
import { allDefinitions } from '../workflows/registry.ts';
import { effectHandlers } from '../server/system.ts';
import { DEV_PERSONAL_DATA } from '../workflows/engine/personal-data.ts';
import { settingsSource } from '../workflows/engine/settings-source.ts';
import type { Actor, Role } from '../workflows/types.ts';
import { freshDatabase } from './database.ts';

export class TestClock {
  constructor(public t: Date) {}
  now = () => new Date(this.t);
  set(iso: string) { this.t = new Date(iso); }
  advance(ms: number) { this.t = new Date(this.t.getTime() + ms); }
}

/**
 * `url` opens the world's database again (as a restarted process would); `dir` and `file` are its
 * SQLite temp directory and file ('' on PostgreSQL). Worlds built by hand may leave `url` out.
 */
export type World = { dir: string; file: string; url?: string; knex: Knex; demo: Demo; clock: TestClock; cleanup: () => Promise<void> };

export async function world(startAt = '2026-03-02T02:00:00Z'): Promise<World> {
  const db = await freshDatabase('uw-test-');
  const knex = openDatabase(db.url);
  await migrate(knex, { personal: DEV_PERSONAL_DATA });
  const clock = new TestClock(new Date(startAt));
  const demo = await seedDemo(knex, clock.now());
  return { dir: db.dir, file: db.file, url: db.url, knex, demo, clock, cleanup: async () => { await knex.destroy(); await db.drop(); } };
}

/** Undoes migrations, newest first, until `name` is undone (to write rows as an older version did). */
export async function downTo(knex: Knex, name: string): Promise<void> {
  const migrationSource = sourceOf(migrations, { personal: DEV_PERSONAL_DATA });
  for (;;) {
    const [done] = await knex.migrate.list({ migrationSource });
    if (!done.some((m: { name: string }) => m.name === name)) return;
    await knex.migrate.down({ migrationSource });
  }
}

export const urlOf = (w: World) => w.url ?? `sqlite:${w.file}`;

export function engineFor(w: World) {
  return createEngine({ knex: w.knex, clock: w.clock, settings: settingsSource(w.knex), calendar: calendarSource(w.knex), personal: DEV_PERSONAL_DATA, definitions: allDefinitions, effects: effectHandlers({ publicUrl: 'http://localhost:3000' }) });
}

export async function actor(w: World, login: string): Promise<Actor> {
  const u = await w.knex('users').where({ login }).first();
  return { id: String(u.id), name: u.name, orgId: u.org_id, roles: JSON.parse(u.roles) as Role[] };
}

export const p1Request = () => ({
  posts: [{ title: '工会专职工作人员', count: 1, duties: '职工服务、劳动争议调解、会员管理' }],
  annualBudgetYuan: 96000,
  fundSource: 'own_union_funds',
  reason: '会员人数增至 410 人，现有兼职干部不足以开展日常工作',
  qualifications: '熟悉劳动法律法规，擅长群众工作，大专以上学历',
  contractKind: 'labour_contract',
});
