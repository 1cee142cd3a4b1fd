// What is checked before any route: a request id for every answer, the length of the request
// target, and the content coding of the body. Also the answer to what Node's own parser refuses.
import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { problemBody, sendProblem } from './problem.ts';

/** A client's own id is kept when it is 1–64 visible ASCII characters; otherwise a fresh UUID. */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  const id = given !== undefined && /^[\x21-\x7e]{1,64}$/.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.set('X-Request-Id', id);
  next();
};

export const MAX_URL_LENGTH = 2000;

export const urlLength: RequestHandler = (req, res, next) => {
  if (req.originalUrl.length <= MAX_URL_LENGTH) return next();
  sendProblem(res, 414, '地址过长 / URI too long', `请求地址超过 ${MAX_URL_LENGTH} 个字符 / the request target exceeds ${MAX_URL_LENGTH} characters`);
};

/** Bodies are accepted as sent (identity) only: RFC 9110 §15.5.16 — 415 naming what is accepted. */
export const identityOnly: RequestHandler = (req, res, next) => {
  const coding = req.get('content-encoding');
  if (coding === undefined || /^\s*identity\s*$/i.test(coding)) return next();
  res.set('Accept-Encoding', 'identity');
  sendProblem(res, 415, '不支持的内容编码 / Unsupported content encoding', '请求体请勿压缩或编码（不带 Content-Encoding 发送）/ send the body uncompressed, without Content-Encoding');
};

/**
 * http.Server 'clientError': Node's parser refused the request (headers over the limit → 431,
 * anything else it cannot parse → 400). Answer problem+json on the socket, then close it.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // A response already under way on this keep-alive socket cannot be followed by another: just close.
  const answering = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (err.code === 'ECONNRESET' || !socket.writable || answering) return void socket.destroy();
  const [status, reason, title, detail] = err.code === 'HPE_HEADER_OVERFLOW'
    ? [431, 'Request Header Fields Too Large', '请求头过大 / Request header fields too large', '请求头或请求地址过长 / the request headers or target are too large']
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', '请求超时 / Request timeout', '请求未在时限内发完 / the request was not sent in time']
      : [400, 'Bad Request', '请求格式错误 / Bad request', '无法解析该 HTTP 请求 / the HTTP request cannot be parsed'];
  const id = randomUUID();
  const body = JSON.stringify(problemBody(status, title, detail, { requestId: id }));
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n${body}`);
}
