// JSON Schemas (ajv) of the contract-end decision: its start (the daily sweep's) and its events.
import type { JsonSchema } from '../types.ts';
import { date, event, object, registerPerson, text, titled } from '../schema-kit.ts';

const EXIT = { rule: 'R-lifecycle', clause: '§3.4.1' };

export const startSchema: JsonSchema = titled(object({
  personId: registerPerson('person', '人员（名册编号）', 'the person (register id)'),
  contractFrom: date('现合同起始日', 'current contract from'),
  contractTo: date('现合同到期日', 'current contract ends on', { rule: EXIT }),
}, ['personId', 'contractTo']), '合同到期续签或退出', 'renew or exit at contract end', { rule: EXIT });

export const eventSchemas: Record<string, JsonSchema> = {
  RENEW: event('RENEW', {
    from: date('新合同起始日', 'new contract from'),
    to: date('新合同到期日', 'new contract ends on'),
    contractKind: text(50, '合同类型（劳动合同、服务协议等）', 'kind (labour contract, service agreement …)'),
    number: text(100, '合同编号', 'contract number'),
    note: text(2000, '说明', 'note'),
  }, ['from', 'to']),
  NOT_RENEW: event('NOT_RENEW', { note: text(2000, '不再续签的理由', 'why it is not renewed') }, ['note']),
  NO_ANSWER: event('NO_ANSWER'),
  CANCEL: event('CANCEL', { reason: text(2000, '不再需要决定的原因（如已另行退出）', 'why no decision is needed (e.g. the person left by another exit)') }, ['reason']),
};
