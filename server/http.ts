// Small request helpers shared by the routes: body validation, paging, ETag / If-Match, Idempotency-Key.
import type { Knex } from 'knex';
import express, { type Request, type Response } from 'express';
import { findAnswer, saveAnswer } from '../db/idempotency.ts';
import { DomainError, invalid } from '../workflows/engine/errors.ts';
import { checkBody } from '../workflows/engine/validate.ts';
import type { JsonSchema } from '../workflows/types.ts';
import type { Clock } from '../workflows/engine/engine.ts';
import type { PersonalData } from '../workflows/engine/personal-data.ts';

/** The bulk routes' own body limit: 5,000 batch items, or one bulk event's 5,000 rows, outgrow the global 64 kB. */
const BATCH_BODY_LIMIT = '5mb';
/** The larger body, read by a bulk route itself after login (so nobody unknown makes the server read 5 MB). */
export const largeJson = express.json({ limit: BATCH_BODY_LIMIT, strict: false, type: ['application/json', 'application/*+json'] });

export function jsonBody(req: Request): unknown {
  if (req.body === undefined)
    throw new DomainError('unsupported_media_type', '需要 JSON / Unsupported media type', '请以 Content-Type: application/json 发送请求体 / send the body as application/json');
  return req.body;
}

export function validBody<T>(req: Request, schema: JsonSchema): T {
  const body = jsonBody(req);
  const errors = checkBody(schema, body);
  if (errors.length) throw invalid('请求内容有误 / the body is not valid', errors);
  return body as T;
}

export function queryParams<T>(req: Request, schema: JsonSchema): T {
  const q = { ...(req.query as Record<string, unknown>) };
  const errors = checkBody(schema, q);
  if (errors.length) throw new DomainError('bad_request', '查询参数有误 / Bad query', '查询参数有误 / the query parameters are not valid', errors);
  return q as T;
}

export const paging = {
  limit: { type: 'string', pattern: '^(?:[1-9][0-9]?|1[0-9][0-9]|200)$', description: '每页条数 1–200 / page size 1–200' },
  cursor: { type: 'string', maxLength: 200, description: '上一页返回的 next / the `next` of the previous page' },
};
export const pageLimit = (q: { limit?: string }, byDefault: number) => (q.limit ? Number(q.limit) : byDefault);

/** The parts a cursor is made of: a non-negative safe integer or a short string. */
export type CursorPart = 'int' | 'str';
const fits = (k: CursorPart, v: unknown) => (k === 'int' ? Number.isSafeInteger(v) && (v as number) >= 0 : typeof v === 'string' && v.length <= 100);

export const encodeCursor = (v: unknown[]) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** A cursor this API gave out, checked part by part (it ends up in SQL), else 400. */
export function decodeCursor<T extends unknown[]>(s: string | undefined, parts: CursorPart[]): T | undefined {
  if (!s) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch { /* answered below */ }
  if (!Array.isArray(v) || v.length !== parts.length || !parts.every((k, i) => fits(k, v[i])))
    throw new DomainError('bad_request', '翻页游标无效 / Bad cursor', '请使用上一页返回的 next 值 / use the `next` value of the previous page');
  return v as T;
}

/** One page of `limit + 1` rows fetched: the first `limit`, and `next` when there was one more. */
export function pageOf<R>(rows: R[], limit: number, cursor: (last: R) => unknown[]): { items: R[]; next: string | null } {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? encodeCursor(cursor(items[items.length - 1])) : null };
}

export const etag = (version: number) => `"${version}"`;

/** If-Match: undefined when absent or '*'; 400 when it is not an ETag this API gave out. */
export function ifMatch(req: Request): number | undefined {
  const h = req.get('if-match');
  if (h === undefined || h.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(h);
  if (!m) throw new DomainError('bad_request', 'If-Match 格式错误 / Bad If-Match', `If-Match 应为 GET 返回的 ETag，例如 "3" / If-Match must be an ETag such as "3", got ${h.slice(0, 40)}`);
  return Number(m[1]);
}

export type Save = (trx: Knex.Transaction, body: unknown) => Promise<void>;

/**
 * Idempotency-Key: the same key and body answer the stored first answer and do nothing twice;
 * another body with the same key is a 422. The answer is saved inside the change's transaction.
 */
export async function idempotent(
  req: Request, res: Response, { knex, clock, personal }: { knex: Knex; clock: Clock; personal: PersonalData }, status: number,
  exec: (save?: Save) => Promise<unknown>,
  redact: (body: any) => unknown = (b) => b,
): Promise<void> {
  const key = req.get('idempotency-key');
  const send = (code: number, body: any) => {
    if (body && typeof body.version === 'number') res.set('ETag', etag(body.version));
    res.status(code).json(body);
  };
  if (key === undefined) return send(status, await exec());
  if (!/^[\x21-\x7e]{1,200}$/.test(key))
    throw new DomainError('bad_request', 'Idempotency-Key 无效 / Bad Idempotency-Key', 'Idempotency-Key 须为 1–200 个可见 ASCII 字符 / use 1–200 visible ASCII characters');
  const userId = req.caller.user.id;
  // Keyed: the body may carry a resident ID number, and a plain hash of it could be brute-forced.
  const hash = personal.digest(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`);
  const replay = async () => {
    const stored = await findAnswer(knex, userId, key);
    if (!stored) return false;
    if (stored.request_hash !== hash)
      throw invalid('同一 Idempotency-Key 已用于不同的请求 / this Idempotency-Key was used with a different request', [{ pointer: '', message: 'Idempotency-Key reused with another body' }]);
    res.set('Idempotent-Replayed', 'true');
    send(stored.status, JSON.parse(stored.response));
    return true;
  };
  if (await replay()) return;
  let body: unknown;
  try {
    body = await exec(async (trx, b) => saveAnswer(trx, userId, key, hash, status, redact(b), clock.now()));
  } catch (e) {
    if (await replay()) return; // a concurrent request with the same key won the race
    throw e;
  }
  send(status, body);
}
