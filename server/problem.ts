// RFC 9457 problem+json for every error; one error middleware, no try/catch in handlers.
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { DomainError } from '../workflows/engine/errors.ts';
import type { Logger } from './logger.ts';

const TYPE_BASE = 'https://union-workflows.example/problems/';

export function sendProblem(res: Response, status: number, title: string, detail: string, extra: Record<string, unknown> = {}) {
  res.status(status).type('application/problem+json').json({ type: `${TYPE_BASE}${status}`, title, status, detail, ...extra });
}

export const notFoundRoute: RequestHandler = (req, res) =>
  sendProblem(res, 404, '未找到 / Not found', `没有这个接口 / no such resource: ${req.method} ${req.path}`);

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof DomainError) {
      if (err.status === 401) res.set('WWW-Authenticate', 'Bearer');
      return sendProblem(res, err.status, err.title, err.message, { errors: err.errors, ...err.extra });
    }
    // body-parser's own errors: malformed JSON, too large, bad charset.
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed')
      return sendProblem(res, 400, '请求体不是有效的 JSON / Malformed JSON', `请求体无法解析为 JSON / the body is not valid JSON: ${(err as Error).message}`, { errors: [] });
    if (type === 'entity.too.large')
      return sendProblem(res, 400, '请求体过大 / Body too large', `请求体超过 ${(err as { limit?: number }).limit} 字节上限 / the body exceeds the size limit`, { errors: [] });
    if (type === 'charset.unsupported' || type === 'encoding.unsupported')
      return sendProblem(res, 415, '不支持的编码 / Unsupported encoding', '请使用 UTF-8 编码的 JSON / send UTF-8 JSON', { errors: [] });
    log.error({ err, method: req.method, path: req.path }, 'unhandled error');
    sendProblem(res, 500, '系统内部错误 / Internal error', '系统出现意外错误，已记录；请稍后再试 / an unexpected error was logged; please try again later');
  };
}
