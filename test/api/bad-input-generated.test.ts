// The bad-input table, generated from the OpenAPI document: every POST / PUT / PATCH / DELETE
// route gets at least 30 malformed requests. None may answer 5xx or 2xx; every answer is
// problem+json; no table changes (row counts, instance versions, the rows a write route edits).
import { expect } from 'chai';
import { openapi } from '../../server/openapi.ts';
import { withCheckDigit } from '../../workflows/rules/resident-id.ts';
import { p1Request } from '../helpers.ts';
import { demoPassword } from '../../server/passwords.ts';
import { startTestSystem, submittedRequest, type Sys } from './client.ts';
import { idNo, PEOPLE_HEADER, XLSX, xlsxOf } from '../sheets/files.ts';
import { insertPerson } from '../../db/people.ts';

/**
 * Kinds that still answer 500 on this branch and are fixed in a colleague's branch (issue 7 items
 * 1, 2, 5, 21). Skipped here ONLY until that branch is merged: then delete this list.
 */
const TABLES = ['orgs', 'users', 'tokens', 'people', 'instances', 'history', 'deadlines', 'outbox', 'documents', 'idempotency_keys', 'calendar_overrides', 'person_identities', 'settings', 'settings_history', 'person_records'];
const RAW = '\u0001RAW\u0001'; // a placeholder replaced by a raw JSON number JSON.stringify cannot write
const WRITE = ['post', 'put', 'patch', 'delete'];
const PROTO = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

type Req = { kind: string; family: string; path: string; login: string | null; body?: string; headers?: Record<string, string> };
type Schema = { type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; maxLength?: number; minimum?: number; enum?: unknown[]; const?: unknown; $ref?: string; items?: Schema };

const doc = openapi();
const schemas = doc.components.schemas as Record<string, Schema>;
const resolve = (s: Schema | undefined): Schema | undefined => (s?.$ref ? schemas[s.$ref.split('/').pop()!] : s);
const typeOf = (s: Schema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const withRaw = (o: unknown, raw: string) => JSON.stringify(o).replace(`"${RAW}"`, raw);

/** A value of the wrong JSON type for the property. */
function wrongType(s: Schema): unknown {
  if (s.const !== undefined) return typeof s.const === 'boolean' ? 'yes' : 12345;
  if (s.enum) return 'not-one-of-them';
  const t = typeOf(s);
  return t === 'string' ? 12345 : t === 'integer' || t === 'number' ? '1' : t === 'boolean' ? 'yes' : t === 'array' ? { a: 1 } : t === 'object' ? 'x' : [[]];
}

/** Malformed variants of a valid body, property by property, from its schema: [family, property, body]. */
function bodyKinds(valid: Record<string, unknown>, schema: Schema): [string, string, string][] {
  const out: [string, string, string][] = [];
  const props = schema.properties ?? {};
  for (const r of schema.required ?? []) {
    const { [r]: _, ...rest } = valid;
    out.push(['missing required field', r, JSON.stringify(rest)]);
  }
  for (const [name, p0] of Object.entries(props)) {
    if (name === 'type' && p0.const !== undefined) continue; // the event type has kinds of its own
    const p = resolve(p0)!;
    out.push(['wrong type', name, JSON.stringify({ ...valid, [name]: wrongType(p) })]);
    const t = typeOf(p);
    if (t === 'string' && !p.enum) {
      out.push(['string over maxLength', name, JSON.stringify({ ...valid, [name]: 'x'.repeat((p.maxLength ?? 5000) + 1) })]);
      out.push(['NUL-only string', name, JSON.stringify({ ...valid, [name]: '\u0000' })]);
      out.push(['control-only string', name, JSON.stringify({ ...valid, [name]: '\u0001\u0002\u001f' })]);
    }
    if (t === 'integer' || t === 'number') {
      out.push(['1e309 in a number field', name, withRaw({ ...valid, [name]: RAW }, '1e309')]);
      out.push(['2^53+1 in a number field', name, withRaw({ ...valid, [name]: RAW }, '9007199254740993')]);
      out.push(['negative number', name, JSON.stringify({ ...valid, [name]: -1 })]);
      if (t === 'integer') out.push(['fraction in an integer field', name, JSON.stringify({ ...valid, [name]: 1.5 })]);
    }
  }
  out.push(['a huge string (over the body limit)', 'zzz', JSON.stringify({ ...valid, zzz: '长'.repeat(70000) })]);
  out.push(['an unknown field', 'zzzUnknown', JSON.stringify({ ...valid, zzzUnknown: 1 })]);
  for (const k of ['__proto__', 'constructor', 'prototype']) out.push(['prototype name as a key', k, JSON.stringify(valid).replace(/^\{/, `{"${k}":{"polluted":true},`)]);
  return out;
}

/** Files a clerk might send that cannot be imported (text here: the harness sends strings). */
const BAD_FILES: [string, string, string][] = [
  ['empty', '', 'text/csv'], ['NUL bytes', '\u0000\u0000\u0000', 'text/csv'], ['a broken zip as .xlsx', 'PK\u0003\u0004not a workbook', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['CSV as .xlsx', 'a,b\r\n1,2', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['unclosed quote', '"a,b\r\n1,2', 'text/csv'],
  ['no required columns', 'a,b\r\n1,2', 'text/csv'], ['header only', '人员类别,所在工会,姓名,公民身份号码,到岗日期\r\n', 'text/csv'],
  ['blank lines only', '\r\n\r\n,,\r\n', 'application/csv'], ['over the size limit', 'x'.repeat(6 * 1048576), 'text/csv'],
];
const MALFORMED_JSON = ['{', '{"a":', '[1,', 'nul', '{"a":1}}', "{'a':1}", '{"a":1,}', '\u0000'];
const NOT_OBJECTS = ['[]', '"x"', '1', 'true', 'null', '[{}]'];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream'];
const BAD_IDS = ['99999999999999999999', '-1', 'abc', '1.5', '0x10', '1e3', 'null', 'undefined', '１２', '%00', '%2e%2e', ' 1', '9'.repeat(3000), ...PROTO];

describe('bad input, generated from the OpenAPI document', function () {
  this.timeout(60_000);
  let s: Sys;
  const ctx: Record<string, string> = {};
  before(async () => {
    s = await startTestSystem();
    ctx.caseId = await submittedRequest(s);
    const org = async (name: string) => String((await s.knex('orgs').where({ name }).first()).id);
    ctx.guomao = await org('北京国贸物业管理有限公司工会');
    ctx.jianwai = await org('建外街道总工会');
    ctx.requesterId = String((await s.knex('users').where({ login: 'guomao.requester' }).first()).id);
    await s.call('PUT', '/api/calendar/overrides/2027-01-04', 'admin', { kind: 'holiday' });
    const mail = await s.knex('outbox').first('id');
    await s.knex('outbox').where({ id: mail.id }).update({ status: 'failed' });
    ctx.mailId = String(mail.id);
    const file = await xlsxOf([PEOPLE_HEADER, ['专职工会社会工作者', '建外街道总工会', '张三', idNo(1), '社会工作者', '2026-03-01']]);
    const up = await fetch(`${s.url}/api/imports?kind=people`, { method: 'POST', headers: { authorization: `Bearer ${s.token('chaoyang.hr')}`, 'content-type': XLSX }, body: new Uint8Array(file) });
    ctx.importId = (await up.json()).id;
    await recruitmentRounds();
    ctx.personId = String((await s.call('POST', '/api/people', 'chaoyang.hr', { ...newPerson(), idNumber: withCheckDigit('11010519800101009') })).body.id);
    await exitCases();
    await assessmentRound();
    await appointmentCases();
  });

  /** P6: people of guomao, an exit under review, one awaiting the parent union, one at handover, a contract-end decision. */
  async function exitCases() {
    const person = async (name: string, kind: string, contract?: { from: string; to: string }) => String(await insertPerson(s.knex, {
      org_id: Number(ctx.guomao), name, identity_id: null, kind, status: 'in_post', start_date: '2023-05-01', end_date: null,
      details: JSON.stringify(contract ? { contract } : {}), source_instance_id: null, created_at: '2023-05-01T00:00:00Z',
    }));
    const exit = async (personId: string, reason: string, confirm: boolean) => {
      const id = (await s.call('POST', '/api/workflows/worker-exit/instances', 'guomao.requester', { personId: Number(personId), reason })).body.id;
      if (confirm) await s.call('POST', `/api/instances/${id}/events`, 'guomao.requester', { type: 'CONFIRM', exitDate: '2026-03-31' });
      return id;
    };
    ctx.exitPerson = await person('吴干事', 'social_worker');
    ctx.exitReview = await exit(await person('郑干事', 'social_worker'), 'resignation', false);
    ctx.exitApproval = await exit(await person('王干事', 'social_worker'), 'discipline', true);
    ctx.exitHandover = await exit(await person('冯干事', 'social_worker'), 'resignation', true);
    ctx.renewPerson = await person('陈干事', 'social_worker', { from: '2023-05-01', to: '2026-04-30' });
    ctx.renewal = (await s.call('POST', `/api/workflows/contract-renewal/instances?org=${ctx.guomao}`, 'chaoyang.hr', { personId: Number(ctx.renewPerson), contractTo: '2026-04-30' })).body.id;
    const states = await s.knex('instances').whereIn('id', [ctx.exitReview, ctx.exitApproval, ctx.exitHandover, ctx.renewal]).pluck('state');
    expect(states.sort()).to.deep.equal(['deciding', 'handover', 'parentApproval', 'review']);
  }

  /** A P5 campaign open over two people of 朝阳, one of them scored, for its bulk events' examples. */
  async function assessmentRound() {
    for (const name of ['考核甲', '考核乙'])
      await s.knex('people').insert({ org_id: s.demo!.orgs.jianwai.id, name, identity_id: null, kind: 'social_worker', status: 'in_post', start_date: '2020-01-01', end_date: null, details: '{}', source_instance_id: null, created_at: '2020-01-01T00:00:00Z' });
    [ctx.assessA, ctx.assessB] = (await s.knex('people').whereIn('name', ['考核甲', '考核乙']).orderBy('name').pluck('id')).map(String);
    ctx.assessment = (await s.call('POST', '/api/workflows/annual-assessment/instances', 'chaoyang.hr', { year: 2026, deadline: '2027-01-31' })).body.id;
    await s.call('POST', `/api/instances/${ctx.assessment}/events`, 'chaoyang.hr', { type: 'OPEN' });
    const r = await s.call('POST', `/api/instances/${ctx.assessment}/events`, 'chaoyang.hr', { type: 'RECORD_SCORES', rows: [{ person: Number(ctx.assessA), political: 80, performance: 80, attitude: 80, selfReport: '述职' }] });
    expect(r.status).to.equal(200);
  }

  /** P3 cases for their events' examples: a wage-instructor selection and a supervisors' appointment nominating, a lawyers' contract in force. */
  async function appointmentCases() {
    const start = async (type: string, body: unknown) => (await s.call('POST', `/api/workflows/${type}/instances`, 'chaoyang.hr', body)).body.id as string;
    ctx.wageCase = await start('wage-instructor', wageSelection());
    ctx.supervisorCase = await start('labor-supervisor', { title: '劳动法律监督员选聘' });
    ctx.lawyerCase = await start('union-lawyer', lawyerContract());
    await s.call('POST', `/api/instances/${ctx.lawyerCase}/events`, 'chaoyang.hr', { type: 'SUBMIT' });
    await s.call('POST', `/api/instances/${ctx.lawyerCase}/events`, 'chaoyang.approver', { type: 'APPROVE' });
    const signed = await s.call('POST', `/api/instances/${ctx.lawyerCase}/events`, 'chaoyang.hr', { type: 'RECORD_SIGNING', signedOn: '2026-03-10' });
    expect(signed.body.state).to.equal('inForce');
  }
  const wageSelection = () => ({ pathway: 'district_selection', title: '2026 年朝阳区工资集体协商指导员选聘' });
  const station = () => s.demo!.orgs['jianwai-station'];
  const lawyerContract = () => ({ firm: '北京市京师律师事务所', units: [{ id: station().id, name: station().name }], number: 'CYGH-LS-2026-01', startDate: '2026-03-16', endDate: '2027-03-15', feeYuan: 120000 });

  /** P2 campaigns for the bulk events' examples: one taking registrations, one in qualification review with two applicants. */
  async function recruitmentRounds() {
    const approver = (await s.call('POST', '/api/users', 'admin', { name: '市总审批人', login: 'city.approver', email: 'city.approver@example.org.cn', orgId: s.demo!.orgs.city.id, roles: ['approver'] })).body.token;
    const round = async (inMs: number) => {
      const closesAt = new Date(s.clock.now().getTime() + inMs).toISOString();
      const id = (await s.call('POST', '/api/workflows/recruitment-exam/instances', 'chaoyang.hr', recruitmentPlan())).body.id;
      await s.call('POST', `/api/instances/${id}/events`, 'chaoyang.hr', { type: 'SUBMIT_PLAN' });
      await s.call('POST', `/api/instances/${id}/events`, null, { type: 'APPROVE_PLAN' }, { authorization: `Bearer ${approver}` });
      await s.call('POST', `/api/instances/${id}/events`, 'chaoyang.hr', { type: 'ANNOUNCE', registrationClosesAt: closesAt });
      await s.call('POST', `/api/instances/${id}/events`, 'chaoyang.hr', { type: 'OPEN_REGISTRATION' });
      return id;
    };
    ctx.registering = await round(30 * 86_400_000);
    ctx.reviewing = await round(60_000);
    const reg = await s.call('POST', `/api/instances/${ctx.reviewing}/events`, 'chaoyang.hr', { type: 'REGISTER', applicants: [applicant(1), applicant(2)] });
    [ctx.applicantKey] = reg.body.context.roster.map((e: { key: string }) => e.key);
    ctx.applicant = (await s.knex('instances').where({ parent_id: ctx.reviewing, correlation_key: ctx.applicantKey }).first()).id;
    s.clock.advance(120_000);
    await s.scheduler.tick(); // registration closes: ctx.reviewing is in qualification review
    const states = await s.knex('instances').whereIn('id', [ctx.registering, ctx.reviewing, ctx.applicant]).pluck('state');
    expect(states.sort()).to.deep.equal(['qualification', 'registered', 'registration']);
    s.clock.advance(3_600_000); // past the throttle's windows
  }
  const newPerson = () => ({ name: '钱七', idNumber: withCheckDigit('11010519800101017'), kind: 'social_worker', orgId: Number(ctx.jianwai), post: '社会工作者', startDate: '2026-03-02', contract: { kind: 'labour_contract', from: '2026-03-02', to: '2028-03-01' }, payBand: '二档', phone: '010-1234', email: 'q7@example.org.cn', certificates: ['社会工作师'] });
  const recruitmentPlan = () => ({ title: '2026 年社会工作者招录', posts: [{ id: 'A', title: '社会工作者', unitId: s.demo!.orgs['jianwai-station'].id, unitName: '建外街道工会服务站', places: 1 }] });
  const applicant = (n: number) => ({ name: `报考人${n}`, idNumber: withCheckDigit(`1101051990010${n}00${n}`), post: 'A', email: `p${n}@example.org.cn` });
  after(async () => s.cleanup());

  async function snapshot() {
    const counts = await Promise.all(TABLES.map(async (t) => Number((await s.knex(t).count({ n: '*' }).first())!.n)));
    const rows = await Promise.all([
      s.knex('instances').select('id', 'version', 'state').orderBy('id'),
      s.knex('orgs').select('*').orderBy('id'),
      s.knex('outbox').select('id', 'status', 'attempts').orderBy('id'),
      s.knex('tokens').select('id', 'revoked_at').orderBy('id'),
      s.knex('calendar_overrides').select('date', 'kind', 'note').orderBy('date'),
    ]);
    return JSON.stringify([counts, rows]);
  }

  /** The caller, valid path values and valid body of each write operation (a new route without one still gets the generic kinds). */
  type Valid = { login: string; params?: Record<string, string>; query?: string; body?: Record<string, unknown>; schema?: string };
  const VALID: Record<string, () => Valid> = {
    createImport: () => ({ login: 'chaoyang.hr', query: '?kind=people' }),
    commitImport: () => ({ login: 'chaoyang.hr', params: { id: ctx.importId } }),
    createOrg: () => ({ login: 'admin', body: { name: '测试工会', kind: 'grassroots_union', parentId: Number(ctx.jianwai), members: 10 } }),
    updateOrg: () => ({ login: 'admin', params: { id: ctx.guomao }, body: { members: 420, name: '国贸物业工会' } }),
    createUser: () => ({ login: 'admin', body: { name: '测试用户', login: 'tester.one', email: 'tester@example.org.cn', orgId: Number(ctx.guomao), roles: ['requester'] } }),
    sendEvent: () => ({ login: 'jianwai.approver', params: { id: ctx.caseId }, body: { type: 'REJECT', reason: '不符合条件' }, schema: 'event.purchased-service-hire.REJECT' }),
    sendEvents: () => ({ login: 'jianwai.approver', body: { items: [{ instanceId: ctx.caseId, event: { type: 'REJECT', reason: '不符合条件' } }] } }),
    rotateUserTokens: () => ({ login: 'admin', params: { id: ctx.requesterId } }),
    revokeUserTokens: () => ({ login: 'admin', params: { id: ctx.requesterId } }),
    retryNotification: () => ({ login: 'admin', params: { id: ctx.mailId } }),
    putCalendarOverride: () => ({ login: 'admin', params: { date: '2027-03-01' }, body: { kind: 'holiday', note: '测试' } }),
    deleteCalendarOverride: () => ({ login: 'admin', params: { date: '2027-01-04' } }),
    putSetting: () => ({ login: 'admin', params: { key: 'approvalAnswerWorkingDays' }, body: { value: 15, reason: '市总常委会决定' } }),
    signIn: () => ({ login: 'chaoyang.viewer', body: { login: 'chaoyang.viewer', password: demoPassword('chaoyang.viewer') } }),
    updateUser: () => ({ login: 'admin', params: { id: ctx.requesterId }, body: { name: '王芳' } }),
    resetUserPassword: () => ({ login: 'admin', params: { id: ctx.requesterId }, body: { password: 'Reset-pass-2026' } }),
    changePassword: () => ({ login: 'admin', body: { currentPassword: demoPassword('admin'), newPassword: 'Another-pass-2026' } }),
    createPerson: () => ({ login: 'chaoyang.hr', body: newPerson() }),
    updatePerson: () => ({ login: 'chaoyang.hr', params: { id: ctx.personId }, body: { post: '驻站社工', payBand: '三档', status: 'in_post', endDate: '2030-01-01', reason: '调整' } }),
    addPersonRecord: () => ({ login: 'chaoyang.hr', params: { id: ctx.personId }, body: { kind: 'training', onDate: '2026-03-05', course: '岗前培训', hours: 4, provider: '市总干校', ethics: true } }),
    startPurchasedServiceHire: () => ({ login: 'guomao.requester', body: p1Request() }),
    startChairByElection: () => ({ login: 'guomao.requester', body: { vacancyDate: '2026-02-01', reason: 'retired', actingChair: '刘红', previousChair: '陈国强' } }),
    startWorkerExit: () => ({ login: 'guomao.requester', body: { personId: Number(ctx.exitPerson), reason: 'resignation', note: '本人申请' } }),
    startContractRenewal: () => ({ login: 'chaoyang.hr', query: `?org=${ctx.guomao}`, body: { personId: Number(ctx.exitPerson), contractTo: '2026-04-30' } }),
    startRecruitmentExam: () => ({ login: 'chaoyang.hr', body: recruitmentPlan() }),
    startAnnualAssessment: () => ({ login: 'chaoyang.hr', body: { year: 2027, referenceDate: '2027-12-31', deadline: '2028-01-31' } }),
    startAssessmentMember: () => ({ login: 'chaoyang.hr', body: { campaignKey: 'assessment:2:2026', year: 2026, person: { personId: 1, name: '张三', kind: 'social_worker', orgId: 2, orgName: '朝阳', startDate: '2020-01-01' }, previous: null, commentOnly: false, terms: { publicityWorkingDays: 5, reviewDays: 30 } } }),
    startWageInstructor: () => ({ login: 'chaoyang.hr', body: wageSelection() }),
    startUnionLawyer: () => ({ login: 'chaoyang.hr', body: lawyerContract() }),
    startLaborSupervisor: () => ({ login: 'chaoyang.hr', body: { title: '劳动法律监督员选聘' } }),
    startRecruitmentApplicant: () => ({ login: 'chaoyang.hr', body: { key: 'x/1', post: { id: 'A', title: '社会工作者', unitId: 1, unitName: '站' }, person: { name: '张三', idNumber: '1101**********0011', certificates: [] }, bonus: 0 } }),
  };
  /**
   * sendEvent again for events whose bodies are a process's own bulk rows (P2): each event's schema
   * drives the variants, sent to a case in the state that takes it.
   */
  const EVENT_EXAMPLES: Record<string, () => Valid> = {
    'recruitment-exam REGISTER': () => ({ login: 'chaoyang.hr', params: { id: ctx.registering }, body: { type: 'REGISTER', applicants: [applicant(3)] }, schema: 'event.recruitment-exam.REGISTER' }),
    'recruitment-exam QUALIFY': () => ({ login: 'chaoyang.hr', params: { id: ctx.reviewing }, body: { type: 'QUALIFY', applicants: [ctx.applicantKey] }, schema: 'event.recruitment-exam.QUALIFY' }),
    'recruitment-exam DISQUALIFY': () => ({ login: 'chaoyang.hr', params: { id: ctx.reviewing }, body: { type: 'DISQUALIFY', rows: [{ applicant: ctx.applicantKey, reason: '学历不符 / education' }] }, schema: 'event.recruitment-exam.DISQUALIFY' }),
    'recruitment-exam SET_TERMS': () => ({ login: 'chaoyang.hr', params: { id: ctx.registering }, body: { type: 'SET_TERMS', interviewRatio: 3, writtenWeight: 0.5 }, schema: 'event.recruitment-exam.SET_TERMS' }),
    'worker-exit CONFIRM': () => ({ login: 'guomao.requester', params: { id: ctx.exitReview }, body: { type: 'CONFIRM', exitDate: '2026-03-31', opinion: '同意' }, schema: 'event.worker-exit.CONFIRM' }),
    'worker-exit APPROVE': () => ({ login: 'jianwai.approver', params: { id: ctx.exitApproval }, body: { type: 'APPROVE', comment: '同意' }, schema: 'event.worker-exit.APPROVE' }),
    'worker-exit HANDOVER_DONE': () => ({ login: 'guomao.requester', params: { id: ctx.exitHandover }, body: { type: 'HANDOVER_DONE', work: true, files: true, assets: true, accounts: true, pay: true }, schema: 'event.worker-exit.HANDOVER_DONE' }),
    'contract-renewal RENEW': () => ({ login: 'guomao.requester', params: { id: ctx.renewal }, body: { type: 'RENEW', from: '2026-05-01', to: '2029-04-30', number: 'HT-1' }, schema: 'event.contract-renewal.RENEW' }),
    'annual-assessment RECORD_SCORES': () => ({ login: 'chaoyang.hr', params: { id: ctx.assessment }, body: { type: 'RECORD_SCORES', rows: [{ person: Number(ctx.assessB), political: 70, performance: 70, attitude: 70, selfReport: '述职' }] }, schema: 'event.annual-assessment.RECORD_SCORES' }),
    'annual-assessment DECIDE': () => ({ login: 'chaoyang.hr', params: { id: ctx.assessment }, body: { type: 'DECIDE', rows: [{ person: Number(ctx.assessA), grade: 'competent' }] }, schema: 'event.annual-assessment.DECIDE' }),
    'annual-assessment SELF_REPORTS': () => ({ login: 'chaoyang.hr', params: { id: ctx.assessment }, body: { type: 'SELF_REPORTS', rows: [{ person: Number(ctx.assessB), summary: '述职' }] }, schema: 'event.annual-assessment.SELF_REPORTS' }),
    'wage-instructor NOMINATE_SOCIAL_WORKER': () => ({
      login: 'chaoyang.hr', params: { id: ctx.wageCase }, schema: 'event.wage-instructor.NOMINATE_SOCIAL_WORKER',
      body: { type: 'NOMINATE_SOCIAL_WORKER', socialWorkerId: 1, name: '周一', idNumber: withCheckDigit('11010519800101011'), stationId: station().id, stationName: station().name },
    }),
    'labor-supervisor NOMINATE_PURCHASED': () => ({
      login: 'chaoyang.hr', params: { id: ctx.supervisorCase }, schema: 'event.labor-supervisor.NOMINATE_PURCHASED',
      body: { type: 'NOMINATE_PURCHASED', name: '监督员', idNumber: withCheckDigit('11010519750101013'), knowsLabourLaw: true, profession: 'legal', provider: '京师', agreementNo: 'FW-1', agreementStart: '2026-03-16', agreementEnd: '2027-03-15' },
    }),
    'union-lawyer ASSIGN_LAWYER': () => ({
      login: 'chaoyang.hr', params: { id: ctx.lawyerCase }, schema: 'event.union-lawyer.ASSIGN_LAWYER',
      body: { type: 'ASSIGN_LAWYER', name: '律师一', idNumber: withCheckDigit('11010119850101012'), licenceNo: '11101202010100001', unitId: station().id, startDate: '2026-03-16' },
    }),
    'union-lawyer RENEW': () => ({
      login: 'chaoyang.hr', params: { id: ctx.lawyerCase }, schema: 'event.union-lawyer.RENEW',
      body: { type: 'RENEW', number: 'CYGH-LS-2027-01', startDate: '2027-03-16', endDate: '2028-03-15', feeYuan: 125000 },
    }),
    'recruitment-applicant WITHDRAW': () => ({ login: 'chaoyang.hr', params: { id: ctx.applicant }, body: { type: 'WITHDRAW', reason: '个人原因 / personal reasons' }, schema: 'event.recruitment-applicant.WITHDRAW' }),
  };

  function requestsFor(path: string, op: any, example?: () => Valid): Req[] {
    const v = (example ?? VALID[op.operationId])?.() ?? { login: 'admin' };
    const params = v.params ?? {};
    const fill = (over: Record<string, string> = {}) => path.replace(/\{(\w+)\}/g, (_m, n: string) => encodeURI(over[n] ?? params[n] ?? '1').replace(/%25/g, '%'));
    const url = fill() + (v.query ?? '');
    const hasBody = !!op.requestBody;
    const valid = JSON.stringify(v.body ?? {});
    const out: Req[] = [];
    /** `family` names the kind without its value. */
    const add = (family: string, r: Partial<Req>, detail?: string) => out.push({ kind: detail === undefined ? family : `${family}: ${detail}`, family, path: url, login: v.login, ...r });

    for (const b of MALFORMED_JSON) add('malformed JSON', { body: b }, JSON.stringify(b));
    add('gzip Content-Encoding on a plain body', { body: valid, headers: { 'content-encoding': 'gzip' } });
    add('deflate Content-Encoding on a plain body', { body: valid, headers: { 'content-encoding': 'deflate' } });
    add('unknown Content-Encoding', { body: valid, headers: { 'content-encoding': 'x-nonsense' } });
    // Routes open without a token (sign-in, sign-out) have no credential to get wrong.
    if (!(Array.isArray(op.security) && op.security.length === 0)) {
      add('no token', { login: null, body: valid });
      add('an unknown token', { login: null, body: valid, headers: { authorization: 'Bearer uw_not-a-token' } });
      add('a malformed Authorization', { login: null, body: valid, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
      add('a caller without the role', { login: 'chaoyang.viewer', body: valid });
    }
    for (const [n] of path.matchAll(/\{(\w+)\}/g)) {
      const name = n.slice(1, -1);
      for (const bad of BAD_IDS) add('bad path parameter', { path: fill({ [name]: bad }), body: hasBody ? valid : undefined }, `${name} ${bad.length > 20 ? `of ${bad.length} characters` : JSON.stringify(bad)}`);
      add('huge path (20,000 characters)', { path: fill({ [name]: '9'.repeat(20000) }), body: hasBody ? valid : undefined }, name);
    }
    if (/^\/api\/workflows\/[^{/]+\/instances$/.test(path))
      for (const t of PROTO) add('prototype-named process type', { path: `/api/workflows/${t}/instances`, body: valid }, t);

    if (hasBody) {
      for (const ct of CONTENT_TYPES) add('wrong content type', { body: valid, headers: { 'content-type': ct } }, ct);
      for (const b of NOT_OBJECTS) add('not an object', { body: b }, b);
      const json = op.requestBody.content['application/json']; // a file upload has no JSON schema to vary
      const schema = json && resolve(v.schema ? schemas[v.schema] : json.schema)!;
      if (schema) for (const [family, name, body] of bodyKinds(v.body ?? {}, schema)) add(family, { body }, name);
      if (!json) for (const [name, body, type] of BAD_FILES) add('bad file', { body, headers: { 'content-type': type } }, name);
      const params = (op.parameters ?? []).map((p: any) => p.name);
      if (params.includes('If-Match'))
        for (const h of ['version two', '"abc"', '"99999999999"', 'W/"x"', '"1", "2"', '"-1"']) add('bad If-Match', { body: valid, headers: { 'if-match': h } }, h);
      if (params.includes('Idempotency-Key'))
        for (const h of ['', 'k'.repeat(201), 'a b', 'tab\there', '\u00e9t\u00e9']) add('bad Idempotency-Key', { body: valid, headers: { 'idempotency-key': h } }, JSON.stringify(h.slice(0, 20)));
    }
    if (op.operationId === 'sendEvent') {
      for (const t of PROTO) add('prototype-named event type', { body: JSON.stringify({ type: t }) }, t);
      for (const t of [12, null, '', 'STAMP', 'approve', 'x'.repeat(5000)]) add('bad event type', { body: JSON.stringify({ type: t }) }, JSON.stringify(t).slice(0, 20));
    }
    return out;
  }

  const writes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops as Record<string, any>).filter(([m]) => WRITE.includes(m)).map(([m, op]) => ({ method: m.toUpperCase(), path, op })));

  it('covers every write route of the document', () => {
    expect(writes.length).to.be.at.least(9);
  });

  const runs = [
    ...writes.map((w) => ({ ...w, label: '', example: undefined })),
    ...Object.entries(EVENT_EXAMPLES).map(([label, example]) => ({ ...writes.find((w) => w.op.operationId === 'sendEvent')!, label: ` (${label})`, example })),
  ];
  for (const w of runs) {
    it(`${w.method} ${w.path}${w.label}: at least 30 malformed requests, each 4xx problem+json and nothing changed`, async () => {
      const reqs = requestsFor(w.path, w.op, w.example);
      // A route that takes no input at all (sign-out: no body, no parameter, no credential) has only the generic kinds.
      const minimum = w.op.requestBody || w.path.includes('{') || w.op.security?.length !== 0 ? 30 : 10;
      expect(reqs.length, 'malformed requests generated').to.be.at.least(minimum);
      const failures: string[] = [];
      let before = await snapshot();
      const sent = reqs;
      expect(sent.length, 'malformed requests sent').to.be.at.least(minimum);
      for (const r of sent) {
        const res = await s.call(w.method, r.path, r.login, r.body, { ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}), ...r.headers });
        const b = res.body;
        const problem = /application\/problem\+json/.test(res.headers.get('content-type') ?? '') && b && typeof b === 'object'
          && ['type', 'title', 'detail'].every((k) => typeof b[k] === 'string') && b.status === res.status;
        const after = await snapshot();
        if (res.status < 400 || res.status >= 500 || !problem || after !== before)
          failures.push(`${r.kind}: ${res.status}${problem ? '' : ' not problem+json'}${after !== before ? ' CHANGED' : ''} ${JSON.stringify(b).slice(0, 160)}`);
        before = after;
        // A wrong token counts against this client (item 23): let the throttle's window pass, so later requests reach their route.
        if (r.family === 'an unknown token') s.clock.advance(61_000);
      }
      expect(failures).to.deep.equal([]);
    });
  }
});
