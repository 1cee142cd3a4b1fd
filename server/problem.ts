// RFC 9457 problem+json for every error; one error middleware, no try/catch in handlers.
// Every problem carries the request's id (also in X-Request-Id and the log line) for a clerk to quote.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { isTransientConflict } from '../db/dialect.ts';
import { clip, DomainError, type ErrorCode } from '../workflows/engine/errors.ts';
import type { Logger } from './logger.ts';

/** The HTTP status of each domain error: the only place statuses meet the engine's errors. */
export const STATUS: Record<ErrorCode, number> = {
  bad_request: 400, unauthenticated: 401, forbidden: 403, not_found: 404, not_acceptable: 406,
  conflict: 409, stale: 412, unsupported_media_type: 415, invalid: 422, locked: 423, too_many_requests: 429,
};

const TYPE_BASE = 'https://union-workflows.example/problems/';

export const problemBody = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}) =>
  ({ type: `${TYPE_BASE}${status}`, title, status, detail, ...extra });

export function sendProblem(res: Response, status: number, title: string, detail: string, extra: Record<string, unknown> = {}) {
  const requestId = res.locals.requestId as string | undefined;
  res.status(status).type('application/problem+json').json(problemBody(status, title, detail, { ...extra, ...(requestId ? { requestId } : {}) }));
}

export const notFoundRoute: RequestHandler = (req, res) =>
  sendProblem(res, 404, '未找到 / Not found', `没有这个接口 / no such resource: ${clip(req.method, 10)} ${clip(req.path, 80)}`);

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof DomainError) {
      if (err.code === 'unauthenticated') res.set('WWW-Authenticate', 'Bearer');
      return sendProblem(res, STATUS[err.code], err.title, err.message, { errors: err.errors, ...err.extra });
    }
    // body-parser's own errors: malformed JSON, too large, bad charset.
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed')
      return sendProblem(res, 400, '请求体不是有效的 JSON / Malformed JSON', `请求体无法解析为 JSON / the body is not valid JSON: ${clip((err as Error).message, 120)}`, { errors: [] });
    if (type === 'entity.too.large')
      return sendProblem(res, 400, '请求体过大 / Body too large', `请求体超过 ${(err as { limit?: number }).limit} 字节上限 / the body exceeds the size limit`, { errors: [] });
    if (type === 'charset.unsupported' || type === 'encoding.unsupported')
      return sendProblem(res, 415, '不支持的编码 / Unsupported encoding', '请使用 UTF-8 编码的 JSON / send UTF-8 JSON', { errors: [] });
    // A deadlock PostgreSQL broke (after the engine's own retries): nothing was written; the same request may succeed now.
    if (isTransientConflict(err))
      return sendProblem(res, 409, '并发冲突 / Conflict', '另一项操作同时办理了相关事项，本次未执行，请重试 / another change to the same cases ran at the same moment: nothing was written, please try again', { errors: [] });
    // Any other error a library marks as the client's (http-errors: 4xx with `expose`), e.g. an aborted body.
    const status = (err as { status?: unknown }).status;
    if ((err as { expose?: boolean }).expose && typeof status === 'number' && status >= 400 && status < 500)
      return sendProblem(res, status, '请求无法处理 / Request cannot be processed', `请求有误（HTTP ${status}）/ the request was refused (HTTP ${status})`, { errors: [] });
    const requestId = res.locals.requestId as string | undefined;
    log.error({ err, requestId, method: req.method, path: clip(req.path, 200) }, 'unhandled error');
    if (res.headersSent) return void res.destroy();
    sendProblem(res, 500, '系统内部错误 / Internal error',
      `系统出现意外错误，已记录；请稍后再试，如需报告请提供请求编号 ${requestId} / an unexpected error was logged; please try again later, or report request id ${requestId}`);
  };
}
