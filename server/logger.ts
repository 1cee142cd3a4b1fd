// Structured logs (pino). Tokens and personal ID numbers never reach a log line.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    redact: { paths: ['authorization', 'req.headers.authorization', 'req.headers.cookie', '*.idNumber', '*.*.idNumber', 'token', '*.token'], censor: '[redacted]' },
  });
}
