// Row types of the tables, as stored (snake_case; JSON columns as text).
export type OrgRow = {
  id: number; parent_id: number | null; name: string; abbr: string | null; kind: string; path: string;
  members: number | null; employees: number | null; enterprises: number | null; ownership: string | null;
  has_union: boolean | number; created_at: string;
};
/** disabled, must_change_password, session_epoch: migration 20261203110000 (booleans are 0/1 on SQLite). */
export type UserRow = {
  id: number; org_id: number; name: string; login: string; email: string | null; roles: string; password_hash: string | null; created_at: string;
  disabled: boolean | number; must_change_password: boolean | number; session_epoch: number;
};
export type PersonRow = {
  id: number; org_id: number; name: string; identity_id: number | null; kind: string; status: string;
  start_date: string | null; end_date: string | null; details: string; source_instance_id: string | null; created_at: string;
  /** Migration 20261204110000: searchable post and contract end; when the onboarding reminder went out. Absent = null. */
  post?: string | null; contract_end?: string | null; onboarding_reminded_at?: string | null;
};
/** A dated register entry of a person (db/person-records.ts). */
export type PersonRecordRow = {
  id: number; person_id: number; kind: string; on_date: string; data: string; source_instance_id: string | null; actor_id: string; created_at: string;
};
export type InstanceRow = {
  id: string; type: string; definition_version: number; state: string; status: 'active' | 'done' | 'cancelled';
  org_id: number; subject: string; snapshot: string; version: number; created_by: string; created_at: string; updated_at: string;
  head_hash: string | null; // the hash of the history row with seq == version (workflows/engine/hash.ts)
  /** The case whose transition started this one, and the key one open case of its type holds (migration 20261202140000); absent = null. */
  parent_id?: string | null; correlation_key?: string | null;
};
export type HistoryRow = {
  id: number; instance_id: string; seq: number; type: string; actor_id: string; actor_name: string;
  from_state: string | null; to_state: string; at: string; payload: string; prev_hash: string; hash: string;
  snapshot_hash: string | null; hash_version: number;
};
export type DeadlineRow = {
  id: number; instance_id: string; decl_id: string; kind: string; event: string; due_at: number | string;
  status: 'pending' | 'fired' | 'cancelled' | 'closed'; rule: string; clause: string; created_at: string; fired_at: string | null; closed_at: string | null;
  /** Computed from (see migration 20261201140100): entered-at instant, the calendar dates read, whether one lay in an unknown year. */
  provisional: boolean | number; basis_at: number | string | null; calendar_from: string | null; calendar_to: string | null;
};
export type OutboxRow = {
  id: number; instance_id: string | null; template: string; to_user_id: number | null; to_email: string | null; subject: string; body: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'no_recipient'; attempts: number; next_attempt_at: number | string;
  last_error: string | null; created_at: string; sent_at: string | null;
};
export type DocumentRow = {
  id: number; instance_id: string; kind: string; issuer_org_id: number; year: number; seq: number; number: string;
  title: string; content: string; content_hash: string; issued_at: string;
};
/** `value` is JSON text; `updated_by` a user id, or `system` for an initial value. */
export type SettingRow = { key: string; value: string; updated_at: string; updated_by: string; updated_by_name: string };
export type SettingHistoryRow = { id: number; key: string; old: string | null; new: string; who: string; who_name: string; at: string; reason: string };
