// Typed errors the engine (and the server's own checks) raise, each with a code saying what went
// wrong; server/problem.ts maps the code to an HTTP status and the error to an RFC 9457 problem.
export type FieldError = { pointer: string; message: string };

/** A client's value as echoed in a message: at most `max` characters, so a 5,000-character id is not sent back. */
export const clip = (s: unknown, max = 40) => {
  const t = String(s);
  return t.length > max ? `${t.slice(0, max)}…` : t;
};

/**
 * invalid: the input breaks a schema or a rule; forbidden: this caller may not; not_found; conflict:
 * not in this state (or a second open case); stale: the caller's version is not the case's; the rest
 * are the HTTP layer's own refusals (bad query or header, no login, unacceptable format, …).
 */
export type ErrorCode =
  | 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'stale'
  | 'bad_request' | 'unauthenticated' | 'not_acceptable' | 'unsupported_media_type' | 'too_many_requests' | 'locked';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly title: string,
    detail: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new DomainError('not_found', '未找到 / Not found', `${what} 不存在或已删除 / does not exist`);
export const forbidden = (detail: string) => new DomainError('forbidden', '无权操作 / Forbidden', detail);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) => new DomainError('conflict', '状态冲突 / Conflict', detail, [], extra);
export const invalid = (detail: string, errors: FieldError[]) => new DomainError('invalid', '内容不符合要求 / Unprocessable content', detail, errors);
