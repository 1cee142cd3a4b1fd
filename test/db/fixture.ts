// Shared by the query-function tests (test/db/<module>.test.ts): one fresh migrated database with the
// demo tree per test file, and rows built by the query functions themselves.
import type { Knex } from 'knex';
import { insertInstance } from '../../db/instances.ts';
import type { DeadlineRow, InstanceRow, OutboxRow } from '../../db/tables.ts';
import { world, type World } from '../helpers.ts';

/** A world for the enclosing describe: made before its first test, dropped after its last. */
export function sharedWorld(startAt?: string): { readonly w: World; readonly knex: Knex } {
  let w: World | undefined;
  before(async () => { w = await world(startAt); });
  after(async () => { await w?.cleanup(); });
  return { get w() { return w!; }, get knex() { return w!.knex; } };
}

let n = 0;
/** A unique id for rows a test makes (instances' ids are text). */
export const uid = (prefix = 'c') => `${prefix}-${String(++n).padStart(4, '0')}-${Math.random().toString(36).slice(2, 8)}`;

export function instanceRow(orgId: number, o: Partial<InstanceRow> = {}): InstanceRow {
  return {
    id: uid(), type: 't-proc', definition_version: 1, state: 'draft', status: 'active', org_id: orgId, subject: '测试 / test',
    snapshot: '{}', version: 1, created_by: '1', created_at: '2026-03-01T00:00:00.000Z', updated_at: '2026-03-01T00:00:00.000Z', head_hash: null,
    parent_id: null, correlation_key: null, ...o,
  };
}

export async function newInstance(db: Knex | Knex.Transaction, orgId: number, o: Partial<InstanceRow> = {}): Promise<InstanceRow> {
  const row = instanceRow(orgId, o);
  await insertInstance(db, row);
  return row;
}

export function deadlineRow(instanceId: string, o: Partial<DeadlineRow> = {}): Omit<DeadlineRow, 'id'> {
  return {
    instance_id: instanceId, decl_id: 'd1', kind: 'due', event: 'TIMEOUT', due_at: Date.parse('2026-03-10T00:00:00Z'), status: 'pending',
    rule: 'R-test', clause: '§1', created_at: '2026-03-01T00:00:00.000Z', fired_at: null, closed_at: null,
    provisional: false, basis_at: null, calendar_from: null, calendar_to: null, ...o,
  };
}

export function mailRow(o: Partial<OutboxRow> = {}): Omit<OutboxRow, 'id' | 'sent_at'> {
  return {
    instance_id: null, template: 'task_assigned', to_user_id: null, to_email: 'x@example.org.cn', subject: '主题 / subject', body: '正文 / body',
    status: 'pending', attempts: 0, next_attempt_at: 1_000, last_error: null, created_at: '2026-03-01T00:00:00.000Z', ...o,
  };
}

/** Ids of rows, as numbers (pg returns bigint and count columns as strings). */
export const ids = (rows: { id: number | string }[]) => rows.map((r) => Number(r.id));
