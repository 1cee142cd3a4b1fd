// The page registry: one line per page. A later page is a file in pages/ and a line here; the menu
// is built from the entries with `menu`, shown to the roles named (none named: everyone signed in).
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Key } from '../i18n/index.tsx';

export type PageProps = { params: Record<string, string> };
export type PageDef = {
  path: string; // '/cases/:id'
  component: LazyExoticComponent<ComponentType<PageProps>>;
  menu?: Key; // the menu label's dictionary key
  roles?: string[];
  /** Still a placeholder: built later on another branch. */
  placeholder?: boolean;
};


export const pages: PageDef[] = [
  { path: '/', component: lazy(() => import('./Inbox.tsx')), menu: 'inbox' },
  { path: '/started', component: lazy(() => import('./CaseList.tsx').then((m) => ({ default: m.Started }))), menu: 'started', roles: ['requester', 'approver', 'hr'] },
  { path: '/acted', component: lazy(() => import('./CaseList.tsx').then((m) => ({ default: m.Acted }))), menu: 'acted' },
  // HR starts cases too (recruitment rounds, appointments); the page lists only what the caller may start.
  { path: '/start', component: lazy(() => import('./Start.tsx')), menu: 'start', roles: ['requester', 'approver', 'hr'] },
  { path: '/start/:type', component: lazy(() => import('./Start.tsx')) },
  { path: '/cases/:id', component: lazy(() => import('./Case.tsx')) },
  { path: '/cases/:id/board', component: lazy(() => import('./Board.tsx')) },
  { path: '/imports', component: lazy(() => import('./Imports.tsx')), roles: ['hr', 'admin'] },
  { path: '/deadlines', component: lazy(() => import('./Deadlines.tsx')), menu: 'deadlines', roles: ['approver', 'hr', 'viewer', 'admin'] },
  { path: '/people', component: lazy(() => import('./People.tsx')), menu: 'register', roles: ['hr', 'viewer', 'admin'] },
  { path: '/people/new', component: lazy(() => import('./PersonForm.tsx')), roles: ['hr', 'admin'] },
  { path: '/people/:id', component: lazy(() => import('./PersonRecord.tsx')) },
  { path: '/people/:id/edit', component: lazy(() => import('./PersonForm.tsx').then((m) => ({ default: m.EditPerson }))), roles: ['hr', 'admin'] },
  // An overview for hr and auditors; the union itself decides in its inbox (the decision case waits on it).
  { path: '/contracts', component: lazy(() => import('./Contracts.tsx')), menu: 'contracts', roles: ['hr', 'viewer'] },
  { path: '/assessments', component: lazy(() => import('./Assessment.tsx')), menu: 'assessment', roles: ['hr', 'viewer', 'admin'] },
  { path: '/assessments/:id', component: lazy(() => import('./Assessment.tsx').then((m) => ({ default: m.AssessmentCampaign }))) },
  { path: '/admin', component: lazy(() => import('./admin/Admin.tsx')), menu: 'admin', roles: ['admin'] },
  { path: '/admin/:tab', component: lazy(() => import('./admin/Admin.tsx')) },
];

export const menuFor = (roles: string[]) => pages.filter((p) => p.menu && (!p.roles || p.roles.some((r) => roles.includes(r))));
