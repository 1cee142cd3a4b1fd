// At start: every declared setting the database does not hold yet gets its initial value (the
// SETTINGS_JSON value, else the declared default), with a history row. A key the database holds
// keeps its value: SETTINGS_JSON changed later is logged as not applied, and the admin changes it
// with PUT /api/settings/:key instead (README "Defaults").
import type { Knex } from 'knex';
import { insertMissingSettings } from '../db/settings.ts';
import { loadSettingsFrom, settingsSource, type SettingsSource } from '../workflows/engine/settings-source.ts';
import { DEFAULT_SETTINGS, SETTINGS, type Settings } from '../workflows/settings.ts';
import type { Logger } from './logger.ts';

const SYSTEM = { id: 'system', name: '系统 system' };

export async function seedSettings(knex: Knex, given: Partial<Settings>, now: Date, log: Logger): Promise<SettingsSource> {
  const initial: Record<string, unknown> = { ...DEFAULT_SETTINGS, ...given };
  const differs = (k: string, from: Record<string, unknown>) => Object.hasOwn(given, k) && JSON.stringify((given as Record<string, unknown>)[k]) !== JSON.stringify(from[k]);
  const fromEnv = (k: string) => differs(k, DEFAULT_SETTINGS);
  await insertMissingSettings(knex, initial, (k) => (fromEnv(k) ? '初始值：SETTINGS_JSON / initial value from SETTINGS_JSON' : '初始值：声明的默认值 / initial value: the declared default'), SYSTEM, now);
  const { settings, stale } = await loadSettingsFrom(knex);
  for (const key of stale)
    log.warn({ key }, `设置 ${key} 的库存值已不符合其定义，改用默认值；请用 PUT /api/settings/${key} 重新设定 / the stored value of ${key} no longer fits its schema; using the default until an admin sets it`);
  for (const key of SETTINGS.map((s): string => s.key))
    if (differs(key, settings))
      log.warn({ key }, `SETTINGS_JSON 中的 ${key} 未生效：数据库中已有该设置，请用 PUT /api/settings/${key} 修改 / SETTINGS_JSON's ${key} is not applied: the database holds this setting; change it with PUT /api/settings/${key}`);
  return settingsSource(knex);
}
