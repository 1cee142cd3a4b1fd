// Typed errors the engine raises; the server turns each into an RFC 9457 problem.
export type FieldError = { pointer: string; message: string };

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 412 | 415 | 422,
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
