// JSON Schemas (ajv) of 工会劳动法律监督员's start input and events (schema-kit.ts).
import type { JsonSchema } from '../types.ts';
import { appointingSchemas } from '../appointments.ts';
import { affirm, checkbox, choice, date, event, object, text, titled } from '../schema-kit.ts';
import { ENTERPRISE, WHO } from './labor-supervisor.rules.ts';

const person = {
  name: text(50, '姓名', 'name'),
  idNumber: titled({ type: 'string', format: 'cn-resident-id' }, '公民身份号码', 'resident ID number'),
  knowsLabourLaw: affirm('熟悉劳动法律法规，符合监督员条件', 'knows labour law; meets the conditions', { rule: WHO }),
};
const required = ['name', 'idNumber', 'knowsLabourLaw'];

export const startSchema: JsonSchema = titled(object({
  title: text(100, '名称，如「朝阳区总工会劳动法律监督委员会监督员选聘」', 'title'),
}, ['title']), '劳动法律监督员选聘', 'labour-law supervisor appointment', { rule: WHO });

export const eventSchemas: Record<string, JsonSchema> = {
  NOMINATE_CONCURRENT: event('NOMINATE_CONCURRENT', {
    ...person,
    currentPost: text(100, '现任工会职务', 'current union post'),
    unionCadre: checkbox('本企业（本级）工会干部', 'a cadre of this union', { rule: ENTERPRISE }),
  }, [...required, 'currentPost']),
  NOMINATE_PURCHASED: event('NOMINATE_PURCHASED', {
    ...person,
    profession: choice({ legal: { zh: '律师', en: 'attorney' }, media: { zh: '媒体从业人员', en: 'media staff' }, other: { zh: '其他', en: 'other' } }, '职业', 'profession', { rule: WHO }),
    provider: text(200, '服务单位（律师事务所、媒体等）', 'provider (law firm, media …)'),
    agreementNo: text(50, '购买服务协议编号', 'service agreement number'),
    agreementStart: date('协议起始日期', 'agreement starts'),
    agreementEnd: date('协议终止日期', 'agreement ends'),
  }, [...required, 'profession', 'provider', 'agreementNo', 'agreementStart', 'agreementEnd']),
  NOMINATE_INVITED: event('NOMINATE_INVITED', {
    ...person,
    body: choice({ npc: { zh: '人大代表', en: 'NPC deputy' }, cppcc: { zh: '政协委员', en: 'CPPCC member' } }, '身份', 'deputy of', { rule: WHO }),
    deputyOf: text(100, '所在人大或政协，如「朝阳区人大」', 'which congress or conference'),
  }, [...required, 'body', 'deputyOf']),
  ...appointingSchemas,
};
