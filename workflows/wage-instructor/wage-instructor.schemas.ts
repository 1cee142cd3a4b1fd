// JSON Schemas (ajv) of 工资集体协商指导员 selection's start input and events (schema-kit.ts).
import type { JsonSchema } from '../types.ts';
import { appointingSchemas } from '../appointments.ts';
import { affirm, choice, date, event, integer, object, text, titled } from '../schema-kit.ts';
import { DISTRICT, STATION, WHO } from './wage-instructor.rules.ts';

const idNumber = titled({ type: 'string', format: 'cn-resident-id' }, '公民身份号码', 'resident ID number');
const orgId = (zh: string, en: string) => integer(1, 2147483647, zh, en);

export const startSchema: JsonSchema = titled(object({
  pathway: choice({
    city_recruitment: { zh: '市总工会统一招录（离岗、内退及退休人员）', en: 'city recruitment (retired / early-retired staff)' },
    district_selection: { zh: '区县总工会从专职工会社会工作者中选聘', en: 'district selection from its social workers' },
  }, '选聘方式', 'pathway', { rule: STATION }),
  title: text(100, '名称，如「2026 年朝阳区工资集体协商指导员选聘」', 'title of the round'),
}, ['pathway', 'title']), '工资集体协商指导员选聘', 'wage bargaining instructor selection', { rule: WHO });

export const eventSchemas: Record<string, JsonSchema> = {
  NOMINATE_RETIREE: event('NOMINATE_RETIREE', {
    name: text(50, '姓名', 'name'),
    idNumber,
    phone: titled({ type: 'string', pattern: '^[0-9+\\- ]{5,20}$' }, '电话', 'phone'),
    formerEmployer: text(200, '原工作单位', 'former employer'),
    employerKind: choice({
      party_government: { zh: '党政部门', en: 'party or government body' }, hr_social_security: { zh: '人力社保部门', en: 'HR and social security' },
      union: { zh: '工会组织', en: 'union' }, enterprise: { zh: '企业', en: 'enterprise' },
    }, '原单位类别', 'kind of former employer', { rule: WHO }),
    leaveStatus: choice({ retired: { zh: '退休', en: 'retired' }, early_retired: { zh: '内退', en: 'early-retired' }, off_post: { zh: '离岗', en: 'off post' } },
      '离岗、内退或退休', 'retired, early-retired or off post', { rule: WHO }),
    knowsBargaining: affirm('熟悉集体协商工作', 'knows collective bargaining', { rule: WHO }),
    unitKind: choice({ industry_union: { zh: '产业工会（配备 2 名）', en: 'industry union (2 each)' }, district_federation: { zh: '区县总工会（配备 10 至 20 名）', en: 'district federation (10–20 each)' } },
      '配备到的单位类别', 'kind of unit assigned to', { rule: DISTRICT }),
    unitId: orgId('配备到的单位（工会编号）', 'unit assigned to (union id)'),
    unitName: text(100, '配备到的单位名称', 'unit name'),
  }, ['name', 'idNumber', 'formerEmployer', 'employerKind', 'leaveStatus', 'knowsBargaining', 'unitKind', 'unitId', 'unitName']),
  NOMINATE_SOCIAL_WORKER: event('NOMINATE_SOCIAL_WORKER', {
    socialWorkerId: orgId('名册中的社会工作者编号', 'the social worker\'s register id'),
    name: text(50, '姓名', 'name'),
    idNumber,
    stationId: integer(1, 2147483647, '街道（乡镇）工会服务站（工会编号）', 'street/town service station (union id)', { rule: STATION }),
    stationName: text(100, '服务站名称', 'station name'),
  }, ['socialWorkerId', 'name', 'idNumber', 'stationId', 'stationName']),
  ...appointingSchemas,
};
