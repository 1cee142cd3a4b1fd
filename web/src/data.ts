// Shared reads: process definitions and union names, cached for the session (they rarely change).
import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';

export type Text = { zh: string; en?: string } | string;
/** How long a deadline has: days late (calendar days, in red where shown), due today, or working days
 *  left when the API counts them (`workingDaysLeft`, on the holiday calendar), else calendar days. */
export function leftText(d: Pick<Deadline, 'daysLeft' | 'workingDaysLeft' | 'overdue'>, t: (k: 'daysLate' | 'dueToday' | 'daysLeft' | 'workingDaysLeft', v?: Record<string, string | number>) => string): string {
  if (d.overdue) return t('daysLate', { n: Math.max(1, -d.daysLeft) });
  if (d.daysLeft <= 0) return t('dueToday');
  return d.workingDaysLeft === undefined ? t('daysLeft', { n: d.daysLeft }) : t('workingDaysLeft', { n: d.workingDaysLeft });
}
export type Deadline = { id: number; kind: string; title?: Text; dueAt: string; clause: string; rule: string; daysLeft: number; workingDaysLeft?: number; overdue: boolean; provisional?: boolean; note?: string };
export type AllowedEvent = { type: string; title: Text; schema: Record<string, unknown>; rules: RuleRef[] };
export type Instance = {
  id: string; type: string; version: number; state: string; stateTitle?: Text; status: 'active' | 'done' | 'cancelled'; orgId: number; subject: string;
  context: Record<string, unknown>; deadlines: Deadline[]; overdue: boolean; createdAt: string; updatedAt: string; parentId: string | null;
  allowedEvents?: AllowedEvent[]; documents?: { id: number; kind: string; number: string; title: string; issuedAt: string; href: string }[];
  children?: { id: string; type: string; state: string; status: string; subject: string }[];
  path?: string[]; chain?: { verified: boolean; checkedAt: string };
  /** Inbox only: the caller's union oversees the case; it is not its move. */
  watching?: boolean;
};
export type Page<T> = { items: T[]; next: string | null };
export type Workflow = {
  type: string; version: number; title: Text; description?: Text;
  start: { by: { roles: string[]; relation: string }[]; title: Text; onePerOrg: boolean; onlyFor: { title: Text; rule: RuleRef } | null; schema?: Record<string, unknown> };
  states: { name: string; title: Text; final: boolean; status: string }[];
  events: { type: string; title: Text; by: { roles: string[]; relation: string }[]; schema?: Record<string, unknown> }[];
  diagram: { format: string; source?: string; graph?: Graph };
  /** Its child cases as a board (/cases/:id/board). */
  pipeline?: { childType: string } | null;
};
export type Graph = {
  nodes: { id: string; parent: string | null; title: { zh: string; en?: string }; initial?: boolean; final?: boolean; parallel?: boolean }[];
  edges: { from: string; to: string; event: string; guarded?: boolean }[];
};

export function useWorkflows() {
  return useQuery({ queryKey: ['workflows'], queryFn: () => api<{ items: Workflow[] }>('/api/workflows').then((r) => r.items), staleTime: Infinity });
}

export function useWorkflow(type: string | undefined) {
  return useQuery({ queryKey: ['workflow', type], queryFn: () => api<Workflow>(`/api/workflows/${encodeURIComponent(type!)}`), enabled: !!type, staleTime: Infinity });
}

/** Names of the unions in the caller's subtree, by id (a few pages of 100 at most in practice). */
export function useOrgNames() {
  return useQuery({
    queryKey: ['org-names'], staleTime: 5 * 60_000,
    queryFn: async () => {
      const names = new Map<number, string>();
      let cursor: string | null = null;
      for (let i = 0; i < 20; i++) {
        const page: Page<{ id: number; name: string }> = await api(`/api/orgs?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        for (const o of page.items) names.set(o.id, o.name);
        if (!(cursor = page.next)) break;
      }
      return names;
    },
  });
}

/** A rule as published: an id, or `{ rule, clause }` (R-psh-approval §3.1.3). */
export type RuleRef = string | { rule?: string; id?: string; clause?: string };
export const ruleText = (r: RuleRef) => (typeof r === 'string' ? r : [r.rule ?? r.id, r.clause].filter(Boolean).join(' '));
