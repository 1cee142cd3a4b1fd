// The settings in force, read from the database per use and cached in the process: a change made
// here is seen at once (invalidate), one made by another process on the same database within
// `ttlMs`. A TTL is the simplest bound that is correct without a query per event: every use reads
// at most `ttlMs`-old values, and the change's answer says so.
import type { Knex } from 'knex';
import { listSettingRows } from '../../db/settings.ts';
import { DEFAULT_SETTINGS, settingProblems, type Settings } from '../settings.ts';

export type SettingsSource = { get(): Promise<Settings>; invalidate(): void; ttlMs: number };

/** How long another process may still use a value after a change (seconds in every answer). */
export const SETTINGS_TTL_MS = 5_000;

/**
 * The declared defaults overlaid with the rows the database holds. A row whose key is no longer
 * declared, or whose value the key's schema no longer takes (a release changed it), is not used:
 * `stale` names it, and start-up logs it.
 */
export async function loadSettingsFrom(db: Knex | Knex.Transaction): Promise<{ settings: Settings; stale: string[] }> {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const stale: string[] = [];
  for (const r of await listSettingRows(db)) {
    const value = JSON.parse(r.value);
    // A value equal to the key's declared default fits (test/workflows/settings.test.ts checks every
    // default against its schema), so a restart with defaults compiles no schema.
    if (!isDefault(r.key, value) && settingProblems(r.key, value).length) stale.push(r.key);
    else out[r.key] = value;
  }
  return { settings: Object.freeze(out) as Settings, stale };
}

const isDefault = (key: string, value: unknown) =>
  Object.hasOwn(DEFAULT_SETTINGS, key) && JSON.stringify(value) === JSON.stringify((DEFAULT_SETTINGS as Record<string, unknown>)[key]);

export function settingsSource(knex: Knex, o: { ttlMs?: number; now?: () => number } = {}): SettingsSource {
  const ttlMs = o.ttlMs ?? SETTINGS_TTL_MS;
  const now = o.now ?? Date.now;
  let cached: { at: number; settings: Promise<Settings> } | undefined;
  return {
    ttlMs,
    get() {
      if (!cached || now() - cached.at > ttlMs) {
        const settings = loadSettingsFrom(knex).then((l) => l.settings);
        const entry = { at: now(), settings };
        cached = entry;
        // A failed read is not kept: the next use tries again.
        settings.catch(() => { if (cached === entry) cached = undefined; });
      }
      return cached.settings;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** Fixed values (tests and tools that build an engine without a database of settings). */
export const fixedSettings = (s: Settings): SettingsSource => ({ get: async () => s, invalidate() {}, ttlMs: 0 });
