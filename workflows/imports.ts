// What an import kind is (the spreadsheet machinery is server/sheets/ and server/routes/imports.ts):
// declared here, beside the definitions, so a process folder can declare its own kinds
// (WorkflowDefinition.imports) without reaching into server/.
import type { Knex } from 'knex';
import type { OrgRow } from '../db/tables.ts';
import type { PersonalData } from './engine/personal-data.ts';
import type { Actor, JsonSchema, Role, Text } from './types.ts';

export type CellType = 'text' | 'integer' | 'decimal' | 'date' | 'resident-id';
/** A column found by its zh or en header or an alias; `choices`: stored values, each with the labels a clerk may write for it (in_post ← 在岗). */
export type Column = { field: string; zh: string; en: string; type: CellType; required?: boolean; aliases?: string[]; choices?: Record<string, string[]> };
/** `row` as Excel numbers it (header = 1), `column` its letter. */
export type RowError = { row: number; column: string | null; header: string | null; field: string | null; message: string };
export type Row = { row: number; values: Record<string, string | number> };

type Db = Knex | Knex.Transaction;
/** The importer (their union bounds where rows may go), the key that seals ID numbers, the time. */
/** `cases` (at commit only): an event to a case as the importer, in the commit's transaction (the engine's whole step: checks, history, effects). */
export type ImportContext = {
  caller: { org: OrgRow; actor: Actor; roles: Role[] }; personal: PersonalData; now: Date;
  /** A kind with a target: the case named at the upload, as it stands (read again inside the commit's transaction). */
  target?: ImportTarget;
  /** Where each field's column is in the file (at the preview; absent at the commit's re-check). */
  places?: Record<string, { column: string; header: string }>;
  /** At commit only: an event to a case as the importer, in the commit's transaction (the engine's whole step: checks, history, effects). */
  cases?: { send(instanceId: string, event: { type: string } & Record<string, unknown>): Promise<{ id: string; version: number; state: string }> };
};
export type ImportTarget = {
  id: string; state: string; context: any;
  /** Sends the target its event as the importer, inside the commit's transaction (the engine's own checks and effects). */
  send: (trx: Knex.Transaction, event: { type: string } & Record<string, unknown>) => Promise<unknown>;
};

export type ImportKind = {
  kind: string;
  title: Text;
  /** Who may upload and commit (any one of them), within their own subtree. */
  roles: Role[];
  columns: Column[];
  /** Each typed row (field → value) against this schema; messages zh-CN first. */
  schema: JsonSchema;
  /** Checks that need the database (a union in the caller's subtree, a number already on record): more row errors. Run again at commit. */
  check?: (db: Db, rows: Row[], ctx: ImportContext) => Promise<RowError[]>;
  /** Writes every row inside the commit's transaction; what the answer reports. */
  commit: (trx: Knex.Transaction, rows: Row[], ctx: ImportContext) => Promise<Record<string, unknown>>;
  maxRows?: number;
  /** The rows go into one case of this type as one event of it: the upload names the case (`?case=<id>`); the importer must be allowed to send that event to it now. */
  target?: { type: string; event: string };
};
