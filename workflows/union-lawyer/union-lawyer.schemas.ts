// JSON Schemas (ajv) of 工会专职律师's start input (the contract) and events (schema-kit.ts).
import type { JsonSchema } from '../types.ts';
import { date, event, integer, object, text, titled } from '../schema-kit.ts';
import { PAY, STATION, WHO } from './union-lawyer.rules.ts';

const id = (zh: string, en: string) => integer(1, 2147483647, zh, en);
const unit = object({ id: id('工会编号', 'union id'), name: text(100, '名称', 'name') }, ['id', 'name']);
const period = {
  number: text(50, '合同编号', 'contract number'),
  startDate: date('合同起始日期', 'contract starts'),
  endDate: date('合同终止日期', 'contract ends'),
  feeYuan: titled({ type: 'number', exclusiveMinimum: 0, maximum: 100000000 }, '服务费用（元）', 'fee in yuan', { rule: PAY }),
};
const contract = {
  firm: text(200, '律师事务所', 'law firm', { rule: WHO }),
  firmLicence: text(50, '律师事务所执业许可证号', 'law firm licence number'),
  units: titled({ type: 'array', minItems: 1, maxItems: 200, items: unit }, '服务的工会服务站或企业', 'stations or enterprises covered', { rule: STATION }),
  ...period,
};

export const startSchema: JsonSchema = titled(object(contract, ['firm', 'units', 'number', 'startDate', 'endDate', 'feeYuan']),
  '工会专职律师购买服务合同', 'union lawyer service contract', { rule: WHO });

export const eventSchemas: Record<string, JsonSchema> = {
  UPDATE: { ...event('UPDATE', contract), minProperties: 2 },
  SUBMIT: event('SUBMIT', { note: text(2000, '说明', 'note') }),
  WITHDRAW: event('WITHDRAW', { reason: text(2000, '撤销理由', 'reason') }),
  APPROVE: event('APPROVE', { comment: text(2000, '审批意见', 'comment') }),
  RETURN: event('RETURN', { comment: text(2000, '退回修改意见', 'what to revise') }, ['comment']),
  REJECT: event('REJECT', { reason: text(2000, '不同意的理由', 'reason') }, ['reason']),
  RECORD_SIGNING: event('RECORD_SIGNING', { signedOn: date('合同签订日期', 'signed on') }, ['signedOn']),
  ASSIGN_LAWYER: event('ASSIGN_LAWYER', {
    name: text(50, '律师姓名', 'lawyer\'s name'),
    idNumber: titled({ type: 'string', format: 'cn-resident-id' }, '公民身份号码', 'resident ID number'),
    licenceNo: titled({ type: 'string', pattern: '^[0-9]{17}$' }, '律师执业证号（17 位）', 'lawyer\'s licence number (17 digits)'),
    unitId: id('派驻的服务站或企业（工会编号）', 'station or enterprise (union id)'),
    startDate: date('到岗日期', 'starts on'),
  }, ['name', 'idNumber', 'licenceNo', 'unitId', 'startDate']),
  RELEASE_LAWYER: event('RELEASE_LAWYER', {
    lawyer: titled({ type: 'string', pattern: '^l[0-9]+$' }, '律师编号，如 l1', 'the lawyer, e.g. l1'),
    endDate: date('离岗日期', 'last day'),
    reason: text(2000, '离岗原因', 'reason'),
  }, ['lawyer', 'endDate', 'reason']),
  CONTRACT_ENDING: event('CONTRACT_ENDING'),
  RENEWAL_REMIND: event('RENEWAL_REMIND'),
  RENEW: event('RENEW', period, ['number', 'startDate', 'endDate', 'feeYuan']),
  APPROVE_RENEWAL: event('APPROVE_RENEWAL', { comment: text(2000, '审批意见', 'comment') }),
  RETURN_RENEWAL: event('RETURN_RENEWAL', { comment: text(2000, '退回意见', 'comment') }, ['comment']),
  END: event('END', { endDate: date('合同终止日期', 'last day of the contract'), reason: text(2000, '终止原因', 'reason') }, ['endDate', 'reason']),
  CONTRACT_EXPIRES: event('CONTRACT_EXPIRES'),
  REVIEW_REMIND: event('REVIEW_REMIND'),
  REVIEW_OVERDUE: event('REVIEW_OVERDUE'),
};
