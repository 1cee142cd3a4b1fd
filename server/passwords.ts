// Passwords: argon2id hashes only (the library's defaults: 19 MiB, 2 passes, as OWASP suggests),
// and the one policy for a new password, answered field by field.
import type { FieldError } from '../workflows/engine/errors.ts';

// The native addon is loaded at the first hash or verify, not at start: a restart signs no one in.
const argon2 = () => import('@node-rs/argon2');

export const hashPassword = async (password: string) => {
  const { Algorithm, hash } = await argon2();
  return hash(password, { algorithm: Algorithm.Argon2id });
};

/**
 * Nothing stored (unknown login, no password yet) still costs one verify, so timing does not tell.
 * A fixed hash, not one made at start (19 MiB and two passes of every start); its parameters are a
 * new hash's (test/server/passwords.test.ts).
 */
export const NO_HASH = '$argon2id$v=19$m=19456,t=2,p=1$9MOp1JUN7VDMnJmMOazMUw$7rzWTWsZRfaOR3bKCas9+waEfgAh14CFNgg2uf/+UtU';

export async function passwordMatches(stored: string | null | undefined, password: string): Promise<boolean> {
  const { verify } = await argon2();
  const ok = await verify(stored ?? NO_HASH, password).catch(() => false);
  return ok && !!stored;
}

export const MIN_PASSWORD = 8;
export const passwordField = { type: 'string', minLength: 1, maxLength: 200 };

/** The policy: at least 8 characters, not the login name, not the current password. */
export function passwordProblems(pointer: string, password: string, login: string, current?: string): FieldError[] {
  if ([...password].length < MIN_PASSWORD)
    return [{ pointer, message: `新密码至少 ${MIN_PASSWORD} 个字符 / the new password needs at least ${MIN_PASSWORD} characters` }];
  if (password.toLowerCase() === login.toLowerCase()) return [{ pointer, message: '密码不能与登录名相同 / the password must not be the login name' }];
  if (current !== undefined && password === current) return [{ pointer, message: '新密码不能与当前密码相同 / the new password must differ from the current one' }];
  return [];
}

/** The demo users' passwords (development seed only; README "Sign-in"). */
export const demoPassword = (login: string) => `Demo-${login}-2026`;

const memo = new Map<string, Promise<string>>();
/** The demo seed runs in every test world: one hash per demo password per process is enough. */
export function demoPasswordHash(login: string): Promise<string> {
  const pw = demoPassword(login);
  return memo.get(pw) ?? memo.set(pw, hashPassword(pw)).get(pw)!;
}
