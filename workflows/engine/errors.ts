// Typed errors the engine raises; the server turns each into an RFC 9457 problem.
export type FieldError = { pointer: string; message: string };

/** A client's value as echoed in a message: at most `max` characters, so a 5,000-character id is not sent back. */
export const clip = (s: unknown, max = 40) => {
  const t = String(s);
  return t.length > max ? `${t.slice(0, max)}…` : t;
};

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 406 | 409 | 412 | 414 | 415 | 422 | 429,
    readonly title: string,
    detail: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new DomainError(404, '未找到 / Not found', `${what} 不存在或已删除 / does not exist`);
export const forbidden = (detail: string) => new DomainError(403, '无权操作 / Forbidden', detail);
export const conflict = (detail: string, extra: Record<string, unknown> = {}) => new DomainError(409, '状态冲突 / Conflict', detail, [], extra);
export const invalid = (detail: string, errors: FieldError[]) => new DomainError(422, '内容不符合要求 / Unprocessable content', detail, errors);
