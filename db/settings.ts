// Query functions for the settings in force and their history.
import type { Knex } from 'knex';
import { lockTableForWriters } from './dialect.ts';
import type { SettingHistoryRow, SettingRow } from './tables.ts';

type Db = Knex | Knex.Transaction;
export type Who = { id: string; name: string };

export const listSettingRows = (db: Db): Promise<SettingRow[]> => db<SettingRow>('settings').select();

/**
 * The initial values of the keys the database does not hold yet, each with its history row
 * (old null), in one transaction; keys it holds are left as they are. Concurrent starts take turns.
 * The keys written.
 */
export async function insertMissingSettings(knex: Knex, initial: Record<string, unknown>, reasonOf: (key: string) => string, who: Who, now: Date): Promise<string[]> {
  return knex.transaction(async (trx) => {
    await lockTableForWriters(trx, 'settings');
    const held = new Set((await trx('settings').select('key')).map((r) => r.key as string));
    const at = now.toISOString();
    const missing = Object.keys(initial).filter((k) => !held.has(k));
    for (const key of missing) {
      const value = JSON.stringify(initial[key]);
      await trx('settings').insert({ key, value, updated_at: at, updated_by: who.id, updated_by_name: who.name });
      await trx('settings_history').insert({ key, old: null, new: value, who: who.id, who_name: who.name, at, reason: reasonOf(key) });
    }
    return missing;
  });
}

/**
 * Sets one key and records the change (old → new, who, why), in the caller's transaction; the row
 * is locked first, so two changes of one key take turns and each records the value it replaced.
 * undefined when the value is the one in force (nothing written).
 */
export async function putSetting(trx: Knex.Transaction, a: { key: string; value: unknown; fallback: unknown; who: Who; reason: string; now: Date }): Promise<SettingRow | undefined> {
  await lockTableForWriters(trx, 'settings');
  const row = await trx<SettingRow>('settings').where({ key: a.key }).first();
  const old = row?.value ?? JSON.stringify(a.fallback);
  const value = JSON.stringify(a.value);
  if (old === value) return undefined;
  const next: SettingRow = { key: a.key, value, updated_at: a.now.toISOString(), updated_by: a.who.id, updated_by_name: a.who.name };
  if (row) await trx('settings').where({ key: a.key }).update(next);
  else await trx('settings').insert(next);
  await trx('settings_history').insert({ key: a.key, old, new: value, who: a.who.id, who_name: a.who.name, at: next.updated_at, reason: a.reason });
  return next;
}

/** History newest first, before id `before` (a page of GET /api/settings/history), optionally of one key. */
export async function pageSettingsHistory(db: Db, a: { limit: number; before?: number; key?: string }): Promise<SettingHistoryRow[]> {
  const q = db<SettingHistoryRow>('settings_history').orderBy('id', 'desc').limit(a.limit);
  if (a.before !== undefined) q.where('id', '<', a.before);
  if (a.key !== undefined) q.where({ key: a.key });
  return (await q).map((r) => ({ ...r, id: Number(r.id) }));
}
