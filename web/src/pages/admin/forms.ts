// Shared by the admin, deadline and register pages: every page of a cursor list, and a server
// problem+json placed on the form's fields (its JSON pointers), the rest returned for an alert.
import type { FormInstance } from 'antd';
import { api, ApiError } from '../../api.ts';
import type { Page } from '../../data.ts';

/** All items of a paged list (the union tree, the users of a subtree): at most `max` pages of 100. */
export async function fetchAll<T>(path: string, max = 50): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < max; i++) {
    const page: Page<T> = await api(`${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...page.items);
    if (!(cursor = page.next)) break;
  }
  return out;
}

/** Puts each `errors[]` entry whose pointer names one of `fields` on that field; what is left, as one message. */
export function showOnFields(form: FormInstance, e: unknown, fields: string[]): string | null {
  if (!(e instanceof ApiError)) return (e as Error).message;
  const placed: { name: string; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const x of e.errors) {
    const name = x.pointer.split('/').filter(Boolean)[0];
    if (name && fields.includes(name)) placed.push({ name, errors: [x.message] });
    else rest.push(x.message);
  }
  form.setFields(placed);
  return placed.length && !rest.length ? null : [e.message, ...rest].filter(Boolean).join('；');
}

/** A one-time password for an admin to hand over: 12 characters without look-alikes (0/O, 1/l). */
export function oneTimePassword(): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  return Array.from(crypto.getRandomValues(new Uint32Array(12)), (n) => chars[n % chars.length]).join('');
}
