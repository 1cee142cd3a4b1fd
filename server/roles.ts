// What one process does (ROLE) and whom it trusts for the client's address (TRUST_PROXY), read
// from the environment once at start; a value not understood stops the start with a clear error.
export const ROLES = ['web', 'worker', 'all'] as const;
/** web: HTTP only. worker: scheduler and mailer, plus GET /api/health. all: both (the default). */
export type ProcessRole = (typeof ROLES)[number];

export class ConfigError extends Error {}

export function parseRole(value: string | undefined): ProcessRole {
  const v = (value ?? '').trim() || 'all';
  if ((ROLES as readonly string[]).includes(v)) return v as ProcessRole;
  throw new ConfigError(`ROLE 只能是 web、worker 或 all（默认 all），而不是 "${v.slice(0, 40)}" / ROLE must be web, worker or all (default all), not "${v.slice(0, 40)}"`);
}

/** Express's `trust proxy`: false (default), a hop count, or addresses/subnets/names (loopback, uniquelocal…). */
export type TrustProxy = boolean | number | string;

export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (!v || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  if (/^[\w.:/,\s-]+$/.test(v)) return v.split(',').map((s) => s.trim()).filter(Boolean).join(',');
  throw new ConfigError(`TRUST_PROXY 应为跳数、地址或网段列表（如 loopback 或 10.0.0.0/8），而不是 "${v.slice(0, 40)}" / TRUST_PROXY must be a hop count or a list of addresses/subnets (e.g. loopback or 10.0.0.0/8), not "${v.slice(0, 40)}"`);
}
