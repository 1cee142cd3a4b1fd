// The contract-end decision's definition (PROCESSES.md P6 "Contracts"): started by the daily sweep.
import { allKeys, type WorkflowDefinition } from '../types.ts';
import { standardMail } from '../mail.ts';
import { endOfShanghaiDay } from '../rules/calendar.ts';
import type { RegisterPerson } from '../engine/register-refs.ts';
import { machine, OWN_ROLES, renewalProblems, type Context } from './contract-renewal.machine.ts';
import { eventSchemas, startSchema } from './contract-renewal.schemas.ts';

const EXIT = { rule: 'R-lifecycle', clause: '§3.4.1' };
const REALNAME = { rule: 'R-realname', clause: '§3.4' };
const own = { roles: OWN_ROLES, relation: 'own' as const };
const { task_assigned, decision } = standardMail;
type Start = { personId: number; person: RegisterPerson; contractFrom?: string; contractTo: string };

export const contractRenewal: WorkflowDefinition<typeof machine> = {
  type: 'contract-renewal',
  version: 1,
  title: { zh: '合同到期续签或退出', en: 'Contract end: renew or exit' },
  description: {
    zh: '合同到期前 60 天（默认），所在工会决定续签（登记新合同期限）或不再续签（启动退出）；到期未决定的，自动启动退出。',
    en: '60 days [default] before a contract ends, the person\'s union decides to renew (the new period is recorded) or not (an exit opens); with no decision by the end date the exit opens by itself.',
  },
  rules: [EXIT, REALNAME],
  machine,
  mail: { task_assigned, decision },
  documents: {},
  personKinds: {},
  contextKeys: allKeys<Context>()(['person', 'contract', 'notToRenew', 'openedAt', 'renewal', 'notRenewed', 'cancelled']),
  // Opened by the daily sweep, once per contract (the key); hr may open one by hand too.
  start: {
    by: [{ roles: ['hr'], relation: 'ownOrAbove' }], schema: startSchema, title: { zh: '发起续签决定', en: 'Ask for a renewal decision' },
    correlationKey: (b: Start) => `contract:${b.personId}:${b.contractTo}`,
    check: (b: Start, env) => (b.person.orgId !== env.orgId ? [{ pointer: '/personId', message: `请在该人员所在工会（编号 ${b.person.orgId}）发起 / start it at the person's own union (id ${b.person.orgId})` }] : []),
  },
  sweep: {
    withinDays: (s) => s.contractDecisionDaysBefore,
    keyOf: (c) => `contract:${c.personId}:${c.to}`,
    body: (c) => ({ personId: c.personId, contractTo: c.to, ...(c.from ? { contractFrom: c.from } : {}) }),
  },
  input: (b: Start, env) => ({ person: b.person, contractTo: b.contractTo, ...(b.contractFrom ? { contractFrom: b.contractFrom } : {}), actor: env.actor, at: env.at }),
  subject: (c: Context) => `合同到期：${c.person.name}（${c.contract.to} 到期${c.notToRenew ? '，考核结果：不再续签' : ''}）`
    + (c.renewal ? `；已续签至 ${c.renewal.to}` : c.notRenewed ? '；不再续签，已启动退出' : ''),
  events: {
    RENEW: {
      title: { zh: '续签合同', en: 'Renew the contract' }, by: own, schema: eventSchemas.RENEW, rules: [EXIT, REALNAME],
      check: (c, e) => renewalProblems(c, e),
    },
    NOT_RENEW: { title: { zh: '不再续签，启动退出', en: 'Do not renew: open the exit' }, by: own, schema: eventSchemas.NOT_RENEW, rules: [EXIT] },
    CANCEL: { title: { zh: '无需决定，关闭', en: 'No decision needed: close' }, by: own, schema: eventSchemas.CANCEL, rules: [EXIT] },
    NO_ANSWER: { title: { zh: '到期未决定，自动启动退出', en: 'No decision by the end date: exit opened' }, by: 'system', schema: eventSchemas.NO_ANSWER, rules: [EXIT] },
  },
  states: {
    deciding: { title: { zh: '待决定续签或退出', en: 'Renew or exit?' }, waitingOn: { relation: 'own', roles: OWN_ROLES } },
    renewed: { title: { zh: '已续签', en: 'Renewed' } },
    exitOpened: { title: { zh: '不再续签，已启动退出', en: 'Not renewed: exit opened' } },
    cancelled: { title: { zh: '已关闭（无需决定）', en: 'Closed (no decision needed)' } },
  },
  finalStatus: { renewed: 'done', exitOpened: 'done', cancelled: 'cancelled' },
  deadlines: [{
    id: 'contract-ends', kind: 'due', title: { zh: '合同到期（未决定即启动退出）', en: 'Contract ends (no decision: the exit opens)' },
    states: ['deciding'], due: ({ context }) => endOfShanghaiDay(context.contract.to), event: 'NO_ANSWER', rule: EXIT,
  }],
};
