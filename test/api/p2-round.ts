// A small P2 round over HTTP for the board's tests (HTTP, browser, bench): planned, approved by the
// parent union, registration open; applicants registered in one request; HR's bulk steps.
import { expect } from 'chai';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import type { Sys } from './client.ts';

export const P2 = '/api/workflows/recruitment-exam/instances';
export const HR = 'chaoyang.hr';
export const REGISTRATION_CLOSES = '2026-03-10T10:00:00.000Z';
const events = (id: string) => `/api/instances/${id}/events`;

/** Applicant n of post A or B: a valid ID number, its birth date from n (unique for n < 10 080 per post). */
export function applicant(post: string, n: number, extra: Record<string, unknown> = {}) {
  const pad = (x: number) => String(x).padStart(2, '0');
  const born = `${1970 + Math.floor(n / 336)}${pad(1 + (Math.floor(n / 28) % 12))}${pad(1 + (n % 28))}`;
  return { name: `${post}报考人${n}`, idNumber: withCheckDigit(`110105${born}${post === 'A' ? 101 : 201}`), post, ...extra };
}

export async function send(s: Sys, id: string, body: Record<string, unknown>, login = HR) {
  const r = await s.call('POST', events(id), login, body);
  expect(r.status, `${body.type}: ${JSON.stringify(r.body).slice(0, 600)}`).to.equal(200);
  return r.body;
}

const approvers = new WeakMap<Sys, string>(); // one approver per test system, however many rounds

/** A round with posts A (`placesA`, default 1) and B (1 place), its `terms` set, open for registration, with these applicants registered. */
export async function openRound(s: Sys, people: Record<string, unknown>[], { placesA = 1, terms }: { placesA?: number; terms?: Record<string, unknown> } = {}): Promise<{ id: string; key: Record<string, string> }> {
  if (!approvers.has(s)) approvers.set(s, (await s.call('POST', '/api/users', 'admin', { name: '市总审批人', login: 'city.approver', email: 'city.approver@example.org.cn', orgId: s.demo!.orgs.city.id, roles: ['approver'] })).body.token);
  const approver = approvers.get(s)!;
  const posts = [
    { id: 'A', title: '社会工作者', unitId: s.demo!.orgs['jianwai-station'].id, unitName: '建外街道工会服务站', places: placesA },
    { id: 'B', title: '社区工会专职干事', unitId: s.demo!.orgs.yonganli.id, unitName: '永安里社区联合工会', places: 1 },
  ];
  const id = (await s.call('POST', P2, HR, { title: '2026 年朝阳区社会工作者招录', posts })).body.id;
  await send(s, id, { type: 'SUBMIT_PLAN' });
  expect((await s.call('POST', events(id), null, { type: 'APPROVE_PLAN' }, { authorization: `Bearer ${approver}` })).status).to.equal(200);
  if (terms) await send(s, id, { type: 'SET_TERMS', ...terms });
  await send(s, id, { type: 'ANNOUNCE', registrationClosesAt: REGISTRATION_CLOSES });
  await send(s, id, { type: 'OPEN_REGISTRATION' });
  const reg = await send(s, id, { type: 'REGISTER', applicants: people });
  return { id, key: Object.fromEntries(reg.context.roster.map((e: any) => [e.name, e.key])) };
}

/** Registration closes by the clock (the scheduler fires its deadline). */
export async function closeRegistration(s: Sys) {
  s.clock.set('2026-03-10T10:00:01Z');
  await s.scheduler.tick();
}
