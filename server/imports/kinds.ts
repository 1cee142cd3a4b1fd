// Import kinds: whoever owns a target (the register, later a process folder) registers what its
// spreadsheet looks like (columns, a JSON Schema per row), the checks that need the database, and
// how the rows are written. The upload/preview/commit machinery (server/routes/imports.ts) knows
// no kind by name.
import type { Knex } from 'knex';
import type { Column, Row, RowError } from '../sheets/columns.ts';
import type { Caller } from '../auth.ts';
import type { PersonalData } from '../../workflows/engine/personal-data.ts';
import type { JsonSchema, Role, Text } from '../../workflows/types.ts';

type Db = Knex | Knex.Transaction;
export type ImportContext = { caller: Caller; personal: PersonalData; now: Date };

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
};

const kinds = new Map<string, ImportKind>();

export function registerImportKind(k: ImportKind): void {
  if (kinds.has(k.kind)) throw new Error(`import kind ${k.kind} registered twice`);
  kinds.set(k.kind, k);
}
export const importKind = (kind: string) => kinds.get(kind);
export const importKinds = () => [...kinds.values()];
