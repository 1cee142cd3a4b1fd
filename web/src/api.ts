// A small fetch client: same-origin cookies, JSON in and out, problem+json surfaced as an ApiError
// carrying the server's `detail` and its `errors[]` (JSON pointers) for forms to place on fields.
export type FieldError = { pointer: string; message: string; rule?: string };

export class ApiError extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail: string, readonly errors: FieldError[], readonly body: Record<string, unknown>) {
    super(detail || title || `HTTP ${status}`);
  }
}

export async function api<T = any>(path: string, opts: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method: opts.method ?? 'GET', headers, credentials: 'same-origin', body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json().catch(() => ({})) : { detail: await res.text() };
  if (!res.ok) {
    const p = data as { title?: string; detail?: string; errors?: FieldError[] };
    throw new ApiError(res.status, p.title ?? '', p.detail ?? '', Array.isArray(p.errors) ? p.errors : [], data as Record<string, unknown>);
  }
  return data as T;
}

/** The query-string of the defined values. */
export const qs = (q: Record<string, string | undefined>) => {
  const s = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1])).toString();
  return s ? `?${s}` : '';
};
