// Signing in as the web page does: POST /api/session, then the session cookie (and our Origin) on each call.
import { expect } from 'chai';
import { demoPassword } from '../../server/passwords.ts';
import type { Answer, Sys } from './client.ts';

export type Browser = { cookie: string; call: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer> };

/** The `uw.sid=…` pair from an answer's Set-Cookie, or undefined. */
export const sessionCookie = (a: Answer) => /(?:^|,\s*)(uw\.sid=[^;]+)/.exec(a.headers.get('set-cookie') ?? '')?.[1];

export const signIn = (s: Sys, login: string, password = demoPassword(login), headers: Record<string, string> = {}) =>
  s.call('POST', '/api/session', null, { login, password }, headers);

/** A browser signed in as `login` (asserts the sign-in worked); its calls send our own Origin. */
export async function browserOf(s: Sys, login: string, password?: string): Promise<Browser> {
  const a = await signIn(s, login, password);
  expect(a.status, JSON.stringify(a.body)).to.equal(200);
  const cookie = sessionCookie(a)!;
  expect(cookie).to.be.a('string');
  return { cookie, call: (method, path, body, headers = {}) => s.call(method, path, null, body, { cookie, origin: s.url, ...headers }) };
}
