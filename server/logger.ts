// Structured logs (pino). Tokens, passwords, session cookies and personal ID numbers never reach a log line.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** `dest`: where lines go (stdout by default; a test's sink to read them). */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', dest?: DestinationStream): Logger {
  return pino({
    level,
    redact: { paths: ['authorization', 'req.headers.authorization', 'req.headers.cookie', '*.idNumber', '*.*.idNumber', 'token', '*.token',
      'password', '*.password', 'currentPassword', '*.currentPassword', 'newPassword', '*.newPassword', 'req.headers["set-cookie"]', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  }, dest);
}
