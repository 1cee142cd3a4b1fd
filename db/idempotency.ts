// Idempotency-Key records: the first answer to a POST, replayed for the same key and body.
import type { Knex } from 'knex';

type Db = Knex | Knex.Transaction;
export type StoredAnswer = { request_hash: string; status: number; response: string };

export async function findAnswer(db: Db, userId: number, key: string): Promise<StoredAnswer | undefined> {
  return db('idempotency_keys').where({ user_id: userId, key }).first('request_hash', 'status', 'response');
}

export async function saveAnswer(db: Db, userId: number, key: string, requestHash: string, status: number, body: unknown, now: Date): Promise<void> {
  await db('idempotency_keys').insert({ user_id: userId, key, request_hash: requestHash, status, response: JSON.stringify(body), created_at: now.toISOString() });
}
