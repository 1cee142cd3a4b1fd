// What the app is built from: passed in, never reached for as globals (so tests build their own).
import type { Knex } from 'knex';
import type { Engine, Clock } from '../workflows/engine/engine.ts';
import type { CalendarSource } from '../workflows/engine/calendar-source.ts';
import type { PersonalData } from '../workflows/engine/personal-data.ts';
import type { SettingsSource } from '../workflows/engine/settings-source.ts';
import type { Logger } from './logger.ts';
import type { SessionConfig } from './session.ts';

export type AppDeps = {
  knex: Knex; engine: Engine; clock: Clock; log: Logger; settings: SettingsSource; calendar: CalendarSource; personal: PersonalData;
  /** Sessions for the web page; absent: a fresh secret, 30 minutes (tests that build the app by hand). */
  session?: SessionConfig;
};
