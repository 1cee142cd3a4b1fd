// Who is signed in: GET /api/session (the cookie); 401 means the sign-in page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './api.ts';

export type User = { id: number; name: string; login: string; email: string | null; orgId: number; orgName?: string; roles: string[] };
export type Session = { user: User; mustChangePassword: boolean };

async function readSession(): Promise<Session | null> {
  try {
    return await api<Session>('/api/session');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    // A server without the session routes (Bearer-token scripts and tests): who the token is.
    if (e instanceof ApiError && e.status === 404) {
      const me = await api<{ user: User; org: { name: string }; roles: string[] }>('/api/me').catch(() => null);
      return me && { user: { ...me.user, orgName: me.org.name, roles: me.roles }, mustChangePassword: false };
    }
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: ['session'], queryFn: readSession, staleTime: 60_000, retry: false });
}

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await api('/api/session', { method: 'DELETE' }).catch(() => undefined);
    qc.clear();
    qc.setQueryData(['session'], null);
  };
}
