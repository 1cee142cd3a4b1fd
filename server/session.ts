// Server-side sessions for people signed in from the web page: express-session with a store on
// our own `sessions` table (migration 20261203110000, db/sessions.ts), timed by the system's clock
// so a session lapses after SESSION_IDLE_MINUTES without a request (rolling). The cookie holds
// only the signed session id. Bearer requests never touch a session.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { Request, RequestHandler } from 'express';
import session, { Store, type SessionData } from 'express-session';
import { deleteSession, pruneSessions, readSession, touchSession, writeSession } from '../db/sessions.ts';
import { forbidden } from '../workflows/engine/errors.ts';
import type { Clock } from '../workflows/engine/engine.ts';
import { ConfigError } from './roles.ts';

declare module 'express-session' {
  interface SessionData { userId: number; epoch: number }
}

export const SESSION_COOKIE = 'uw.sid';
export type SessionConfig = { secret: string; idleMinutes: number; publicUrl?: string };

/** SESSION_SECRET is required in production; in development a fresh one per start (sessions end on restart). */
export function sessionConfig(o: { secret?: string; idleMinutes?: string | number; production: boolean; publicUrl?: string }): SessionConfig {
  const secret = o.secret?.trim();
  if (o.production && !secret)
    throw new ConfigError('生产环境必须设置 SESSION_SECRET（签名会话 Cookie，至少 32 个字符的随机值）/ SESSION_SECRET is required in production (signs the session cookie; 32+ random characters)');
  if (secret !== undefined && secret.length > 0 && secret.length < 32)
    throw new ConfigError('SESSION_SECRET 至少 32 个字符 / SESSION_SECRET needs at least 32 characters');
  const raw = o.idleMinutes ?? 30;
  const idleMinutes = Number(raw);
  if (!(Number.isInteger(idleMinutes) && idleMinutes >= 1 && idleMinutes <= 1440))
    throw new ConfigError(`SESSION_IDLE_MINUTES 应为 1–1440 的整数，而不是 "${String(raw).slice(0, 20)}" / SESSION_IDLE_MINUTES must be a whole number 1–1440`);
  return { secret: secret || randomBytes(32).toString('base64url'), idleMinutes, publicUrl: o.publicUrl };
}

const PRUNE_EVERY_MS = 60_000;

class DbStore extends Store {
  private prunedAt = 0;
  constructor(private knex: Knex, private clock: Clock, private idleMs: number) { super(); }
  private now = () => this.clock.now().getTime();
  get(sid: string, cb: (err: unknown, s?: SessionData | null) => void) {
    readSession(this.knex, sid, this.now()).then((d) => cb(null, d ? (JSON.parse(d) as SessionData) : null), cb);
  }
  set(sid: string, s: SessionData, cb?: (err?: unknown) => void) {
    const now = this.now();
    const prune = now - this.prunedAt > PRUNE_EVERY_MS ? ((this.prunedAt = now), pruneSessions(this.knex, now)) : undefined;
    Promise.all([writeSession(this.knex, sid, JSON.stringify(s), now + this.idleMs), prune]).then(() => cb?.(), (e) => cb?.(e));
  }
  override touch(sid: string, _s: SessionData, cb?: (err?: unknown) => void) {
    touchSession(this.knex, sid, this.now() + this.idleMs).then(() => cb?.(), (e) => cb?.(e));
  }
  destroy(sid: string, cb?: (err?: unknown) => void) {
    deleteSession(this.knex, sid).then(() => cb?.(), (e) => cb?.(e));
  }
}

const isHttps = (url?: string) => !!url && /^https:/i.test(url);

export function sessionMiddleware(knex: Knex, clock: Clock, c: SessionConfig): RequestHandler {
  const idleMs = c.idleMinutes * 60_000;
  const mw = session({
    name: SESSION_COOKIE, secret: c.secret, store: new DbStore(knex, clock, idleMs),
    resave: false, saveUninitialized: false, rolling: true, unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'strict', path: '/', secure: 'auto', maxAge: idleMs },
  });
  const publicHttps = isHttps(c.publicUrl);
  return (req, res, next) => {
    // Sign-in and sign-out always have one (a script may send its token along); elsewhere a token wins.
    if (req.get('authorization') !== undefined && req.path !== '/session') return next();
    // PUBLIC_URL https: the clients reach us over HTTPS (a proxy ends TLS), so the cookie is Secure.
    if (publicHttps && !req.secure) Object.defineProperty(req, 'secure', { value: true });
    mw(req, res, next);
  };
}

/** The origin a browser sent (Origin, else Referer's), or undefined when it sent neither. */
function originOf(req: Request): string | undefined {
  const o = req.get('origin') ?? req.get('referer');
  if (o === undefined) return undefined;
  try { return new URL(o).origin; } catch { return 'null'; }
}

/** Ours: PUBLIC_URL's origin, or the host this request was sent to. */
function ours(req: Request, origin: string, publicUrl?: string): boolean {
  if (publicUrl && new URL(publicUrl).origin === origin) return true;
  try { return new URL(origin).host === req.get('host'); } catch { return false; }
}

export const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * A state-changing request made with the cookie must come from our own page (CSRF): a foreign
 * Origin (or Referer) is refused, and so is neither (browsers send Origin on every POST).
 * `optional`: sign-in, refused only for a foreign origin (scripts sign in without one).
 */
export function checkOrigin(req: Request, publicUrl: string | undefined, optional = false): void {
  if (SAFE_METHODS.includes(req.method)) return;
  const origin = originOf(req);
  if (origin === undefined && optional) return;
  if (origin === undefined)
    throw forbidden('使用会话 Cookie 的修改请求须带 Origin 头 / a state-changing request with the session cookie needs an Origin header');
  if (!ours(req, origin, publicUrl))
    throw forbidden(`拒绝来自其他网站（${origin.slice(0, 80)}）的请求 / a request from another site (${origin.slice(0, 80)}) is refused`);
}
