// The OpenAPI 3.1 document, built from the same JSON Schemas the server validates with.
// OPS is THE list of routes: a route added to the app goes here too (test/api/openapi.test.ts
// compares it with the routes Express serves, both ways).
import { definitions } from '../workflows/registry.ts';
import type { JsonSchema } from '../workflows/types.ts';
import { ref, responseSchemas } from './openapi-schemas.ts';
import { outboxQuery, overrideSchema, overridesQuery, yearSchema } from './routes/admin.ts';
import { deadlineListQuery } from './routes/deadlines.ts';
import { contractListQuery } from './routes/contracts.ts';
import { instanceListQuery, startQuery } from './routes/instances.ts';
import { boardQuery, cardQuery } from './routes/pipeline.ts';
import { batchSchema } from './routes/batch.ts';
import { orgCreateSchema, orgListQuery, orgPatchSchema } from './routes/orgs.ts';
import { personListQuery } from './routes/people.ts';
import { entrySchema, personCreateSchema, personPatchSchema } from './routes/people-schemas.ts';
import { IMPORT_MEDIA_TYPES, importQuery } from './routes/imports.ts';
import { XLSX_TYPE } from './sheets/read.ts';
import { settingPutSchema, settingsHistoryQuery, settingsQuery } from './routes/settings.ts';
import { taskListQuery } from './routes/tasks.ts';
import { passwordResetSchema, userCreateSchema, userListQuery, userPatchSchema } from './routes/users.ts';
import { passwordChangeSchema, signInSchema } from './routes/session.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Op = {
  method: Method; path: string; operationId: string; summary: string; tag: string;
  /** The success answer: status, component schema (null: no body) and media type (default JSON). */
  ok: [number, string | null, string?];
  query?: JsonSchema; body?: unknown; auth?: false;
  /** The list also answers .xlsx or CSV when Accept asks for it (server/sheets/write.ts). */
  exports?: true;
  /** The body is a file sent as itself, in one of these media types (not JSON). */
  upload?: string[];
  /** Idempotency-Key honoured; If-Match honoured; ETag sent. */
  idempotent?: true; ifMatch?: true; etag?: true;
  /** 4xx answers beyond 400 (malformed body), 401 and 403. */
  errors?: number[];
};

const ID = { type: 'string', pattern: '^[0-9]{1,9}$' };
const PATH_PARAMS: Record<string, unknown> = {
  id: ID, type: { type: 'string', maxLength: 60 }, date: { type: 'string', format: 'date' }, year: { type: 'string', pattern: '^[0-9]{4}$' },
  key: { type: 'string', maxLength: 80 },
};
const CASE_ID = { type: 'string', format: 'uuid' };

export const OPS: Op[] = [
  { method: 'get', path: '/api/health', operationId: 'getHealth', tag: 'system', summary: '存活与数据库检查 / liveness and database', auth: false, ok: [200, 'Health'], errors: [503] },
  { method: 'get', path: '/api/openapi.json', operationId: 'getOpenApi', tag: 'system', summary: '本文档 / this document', auth: false, ok: [200, null] },
  { method: 'get', path: '/api/docs', operationId: 'getDocs', tag: 'system', summary: '可读的接口参考页 / readable API reference (HTML)', auth: false, ok: [200, null, 'text/html'] },
  {
    method: 'post', path: '/api/session', operationId: 'signIn', tag: 'session', auth: false, body: signInSchema, ok: [200, 'Session'], errors: [401, 403, 415, 422, 423],
    summary: '登录：设置会话 Cookie uw.sid；连续 5 次密码错误锁定 15 分钟（423，lockedUntil）/ sign in: sets the session cookie; 5 wrong passwords lock the login for 15 minutes',
  },
  { method: 'get', path: '/api/session', operationId: 'getSession', tag: 'session', summary: '当前登录的用户 / who is signed in', ok: [200, 'Session'] },
  { method: 'delete', path: '/api/session', operationId: 'signOut', tag: 'session', auth: false, summary: '退出登录：会话作废 / sign out: the session ends', ok: [204, null], errors: [403] },
  {
    method: 'put', path: '/api/session/password', operationId: 'changePassword', tag: 'session', body: passwordChangeSchema, ok: [204, null], errors: [415, 422],
    summary: '修改本人密码（至少 8 位，不同于登录名与当前密码）；其他会话作废 / change one\'s password (8+ characters, not the login nor the current one); other sessions end',
  },
  { method: 'get', path: '/api/me', operationId: 'getMe', tag: 'system', summary: '当前用户 / the caller', ok: [200, 'Me'] },
  { method: 'get', path: '/api/orgs', operationId: 'listOrgs', tag: 'orgs', summary: '本级及下级工会 / unions in the caller\'s subtree', query: orgListQuery, ok: [200, 'OrgPage'] },
  { method: 'post', path: '/api/orgs', operationId: 'createOrg', tag: 'orgs', summary: '新增工会（管理员）/ add a union (admin)', body: orgCreateSchema, idempotent: true, ok: [201, 'Org'], errors: [415, 422] },
  { method: 'get', path: '/api/orgs/{id}', operationId: 'getOrg', tag: 'orgs', summary: '工会详情 / one union', ok: [200, 'Org'], errors: [404] },
  { method: 'patch', path: '/api/orgs/{id}', operationId: 'updateOrg', tag: 'orgs', summary: '修改工会信息与人数（管理员）/ edit a union (admin)', body: orgPatchSchema, ok: [200, 'Org'], errors: [404, 415, 422] },
  { method: 'get', path: '/api/users', operationId: 'listUsers', tag: 'users', summary: '用户（管理员）/ users (admin)', query: userListQuery, exports: true, ok: [200, 'UserPage'] },
  { method: 'post', path: '/api/users', operationId: 'createUser', tag: 'users', summary: '新增用户，令牌仅返回一次 / add a user; the token is shown once', body: userCreateSchema, idempotent: true, ok: [201, 'NewUser'], errors: [409, 415, 422] },
  { method: 'patch', path: '/api/users/{id}', operationId: 'updateUser', tag: 'users', summary: '修改用户：姓名、邮箱、角色、停用（管理员；停用或改角色即结束其会话）/ edit a user: name, email, roles, disabled (admin; disabling or new roles end their sessions)', body: userPatchSchema, ok: [200, 'UserListItem'], errors: [404, 415, 422] },
  { method: 'put', path: '/api/users/{id}/password', operationId: 'resetUserPassword', tag: 'users', summary: '重置密码：下次登录须修改，结束其会话并解除锁定（管理员）/ reset a password: changed at the next sign-in; ends their sessions, lifts a lock (admin)', body: passwordResetSchema, ok: [204, null], errors: [404, 415, 422] },
  { method: 'post', path: '/api/users/{id}/tokens', operationId: 'rotateUserTokens', tag: 'users', summary: '换发令牌：旧令牌全部失效，新令牌仅返回一次（管理员）/ rotate: revoke all, issue one shown once (admin)', idempotent: true, ok: [201, 'NewToken'], errors: [404] },
  { method: 'delete', path: '/api/users/{id}/tokens', operationId: 'revokeUserTokens', tag: 'users', summary: '撤销该用户的全部令牌（管理员）/ revoke all of a user\'s tokens (admin)', ok: [204, null], errors: [404] },
  { method: 'get', path: '/api/people', operationId: 'listPeople', tag: 'people', summary: '实名制名册 / real-name register', query: personListQuery, exports: true, ok: [200, 'PersonPage'] },
  { method: 'post', path: '/api/people', operationId: 'createPerson', tag: 'people', summary: '新增人员（本级及下级的人事、管理员）；身份号码重复为 409 / add a person (hr, admin of the union or above); a duplicate ID number is a 409', body: personCreateSchema, ok: [201, 'PersonRecord'], errors: [404, 409, 415, 422] },
  { method: 'get', path: '/api/people/{id}', operationId: 'getPerson', tag: 'people', summary: '人员详情及时间线 / one person with the timeline', ok: [200, 'PersonRecord'], errors: [404] },
  { method: 'patch', path: '/api/people/{id}', operationId: 'updatePerson', tag: 'people', summary: '修改人员信息；状态变更记入时间线 / edit a person; a status change is a timeline entry', body: personPatchSchema, ok: [200, 'PersonRecord'], errors: [404, 409, 415, 422] },
  { method: 'post', path: '/api/people/{id}/records', operationId: 'addPersonRecord', tag: 'people', summary: '添加记录：培训、证书、合同、谈心谈话、表彰；岗前培训满学时即转为在岗 / add a dated entry; pre-job training reaching the hours moves the person in post (R-prejob §3.2.3)', body: entrySchema, ok: [201, 'PersonRecord'], errors: [404, 415, 422] },
  { method: 'get', path: '/api/contracts/ending', operationId: 'listEndingContracts', tag: 'people', summary: '合同即将到期人员及续签决定（本级及下级）/ contracts ending soon in the caller\'s subtree, with the renew-or-exit decision', query: contractListQuery, ok: [200, 'EndingContractPage'] },
  {
    method: 'post', path: '/api/imports', operationId: 'createImport', tag: 'imports',
    summary: '上传 .xlsx 或 CSV（UTF-8 含或不含 BOM、GBK）：返回预览与逐行错误，不导入任何数据；导入到某一事项的（case 参数）须当前可向其办理该事件 / upload an .xlsx or CSV file: a preview with every row error; nothing is imported yet; a kind with a target case (case=) needs the caller to be allowed to send its event to it now',
    query: importQuery, upload: IMPORT_MEDIA_TYPES, ok: [201, 'Import'], errors: [404, 409, 415, 422],
  },
  { method: 'get', path: '/api/imports/kinds', operationId: 'listImportKinds', tag: 'imports', summary: '调用者可用的导入类型及其列 / the import kinds the caller may use, with their columns', ok: [200, 'ImportKinds'] },
  { method: 'get', path: '/api/imports/{id}', operationId: 'getImport', tag: 'imports', summary: '本人的一次上传及其预览 / one of the caller\'s uploads with its preview', ok: [200, 'Import'], errors: [404] },
  {
    method: 'post', path: '/api/imports/{id}/commit', operationId: 'commitImport', tag: 'imports',
    summary: '确认导入：全部行在一个事务中写入；有任何错误则一行也不导入 / commit: every row in one transaction, none while any row is invalid', ok: [200, 'Import'], errors: [404, 409, 422],
  },
  { method: 'get', path: '/api/workflows', operationId: 'listWorkflows', tag: 'workflows', summary: '流程定义 / process definitions', ok: [200, 'WorkflowList'] },
  { method: 'get', path: '/api/workflows/{type}', operationId: 'getWorkflow', tag: 'workflows', summary: '流程定义及其 JSON Schema / one definition with schemas', ok: [200, 'Workflow'], errors: [404] },
  { method: 'get', path: '/api/instances', operationId: 'listInstances', tag: 'cases', summary: '可见事项 / visible cases', query: instanceListQuery, exports: true, ok: [200, 'InstancePage'] },
  { method: 'get', path: '/api/instances/{id}', operationId: 'getInstance', tag: 'cases', summary: '事项详情（ETag）/ one case (ETag)', etag: true, ok: [200, 'Instance'], errors: [404] },
  {
    method: 'post', path: '/api/instances/{id}/events', operationId: 'sendEvent', tag: 'cases', summary: '办理：发送事件（If-Match, Idempotency-Key）/ send an event',
    body: ref('EventBody'), idempotent: true, ifMatch: true, etag: true, ok: [200, 'Instance'], errors: [404, 409, 412, 415, 422],
  },
  {
    method: 'post', path: '/api/instances/events:batch', operationId: 'sendEvents', tag: 'cases',
    summary: '批量办理：多件事项一次提交，全部成功或全部不写入，逐项说明被拒原因（Idempotency-Key）/ many cases in one step: all or nothing, refusals named per item',
    body: batchSchema, idempotent: true, ok: [200, 'BatchAnswer'], errors: [409, 415, 422],
  },
  { method: 'get', path: '/api/instances/{id}/history', operationId: 'getHistory', tag: 'cases', summary: '办理记录（哈希链）/ history with hash chain', ok: [200, 'History'], errors: [404] },
  { method: 'get', path: '/api/instances/{id}/timeline', operationId: 'getTimeline', tag: 'cases', summary: '事项的完整经过：本事项的办理记录，及上级事项中办理到它的事件（仅与它有关的行）/ a case\'s whole timeline: its history and the parent\'s events that moved it (their rows about it only)', ok: [200, 'Timeline'], errors: [404] },
  { method: 'get', path: '/api/instances/{id}/pipeline', operationId: 'getBoard', tag: 'cases', summary: '看板：下级事项按流程声明的列与分组计数（可筛选）/ the board: the case\'s child cases counted per column and group, as its process declares (filterable)', query: boardQuery, ok: [200, 'Board'], errors: [404] },
  { method: 'get', path: '/api/instances/{id}/pipeline/cards', operationId: 'listBoardCards', tag: 'cases', summary: '看板卡片：按列、分组、分数区间、有无证书筛选，分页；可按排名规则排序 / the board\'s cards, filtered by column, group, score range and certificate, paged; in ranking order if asked', query: cardQuery, ok: [200, 'BoardCardPage'], errors: [404] },
  { method: 'get', path: '/api/instances/{id}/pipeline/funnel', operationId: 'getBoardFunnel', tag: 'cases', summary: '漏斗：到达各列的人数、现在各列人数、在各列停留天数（中位数、最长）/ the funnel: how many reached each column, are in it now, and days spent in it (median, max)', query: boardQuery, ok: [200, 'Funnel'], errors: [404] },
  { method: 'get', path: '/api/tasks', operationId: 'listTasks', tag: 'cases', summary: '待办，期限最近者在前 / the caller\'s inbox, soonest deadline first', query: taskListQuery, exports: true, ok: [200, 'InstancePage'] },
  { method: 'get', path: '/api/deadlines', operationId: 'listDeadlines', tag: 'cases', summary: '本级及下级的未结期限 / open deadlines in the caller\'s subtree', query: deadlineListQuery, exports: true, ok: [200, 'DeadlinePage'] },
  { method: 'get', path: '/api/documents/{id}', operationId: 'getDocument', tag: 'cases', summary: '书面批复：HTML 打印页、JSON 或 PDF（Accept: application/pdf，有 Chromium 时）/ written approval: HTML print view, JSON, or PDF where Chromium is available', ok: [200, 'Document'], errors: [404, 406] },  { method: 'get', path: '/api/notifications', operationId: 'listNotifications', tag: 'admin', summary: '邮件发件箱（管理员）/ the outbox (admin)', query: outboxQuery, ok: [200, 'NotificationPage'] },
  { method: 'post', path: '/api/notifications/{id}/retry', operationId: 'retryNotification', tag: 'admin', summary: '重发失败的邮件（管理员）/ send a failed mail again (admin)', ok: [200, 'Requeued'], errors: [404, 409] },
  { method: 'get', path: '/api/audit/verify', operationId: 'verifyAudit', tag: 'admin', summary: '核验全部事项的办理记录哈希链（管理员）/ verify every case\'s history chain (admin)', ok: [200, 'AuditReport'] },
  { method: 'get', path: '/api/calendar/overrides', operationId: 'listCalendarOverrides', tag: 'admin', summary: '工作日调整 / working-day overrides', query: overridesQuery, ok: [200, 'CalendarOverridePage'] },
  { method: 'put', path: '/api/calendar/overrides/{date}', operationId: 'putCalendarOverride', tag: 'admin', summary: '设定某日为工作日或假日（管理员）/ set a date as workday or holiday (admin)', body: overrideSchema, ok: [200, 'CalendarOverride'], errors: [415, 422] },
  { method: 'delete', path: '/api/calendar/overrides/{date}', operationId: 'deleteCalendarOverride', tag: 'admin', summary: '删除某日的调整（管理员）/ remove a date\'s override (admin)', ok: [204, null], errors: [404] },
  { method: 'get', path: '/api/calendar/years', operationId: 'getCalendarYears', tag: 'admin', summary: '节假日日历的已知范围（knownThrough）与已确认的年份 / the calendar\'s known range and the years marked complete', ok: [200, 'CalendarYears'] },
  { method: 'put', path: '/api/calendar/years/{year}', operationId: 'markCalendarYear', tag: 'admin', summary: '确认某年节假日安排已全部录入（市总管理员），重算相关期限 / mark a year\'s schedule complete (city admin); recomputes the deadlines it affects', body: yearSchema, ok: [200, 'CalendarYearMarked'], errors: [415, 422] },
  { method: 'get', path: '/api/settings', operationId: 'listSettings', tag: 'settings', summary: '现行设置（[default]），各附规则与条款 / the settings in force, each with its rule and clause', query: settingsQuery, ok: [200, 'SettingPage'] },
  { method: 'get', path: '/api/settings/history', operationId: 'listSettingsHistory', tag: 'settings', summary: '设置的修改记录，最新在前 / the settings\' changes, newest first', query: settingsHistoryQuery, ok: [200, 'SettingHistoryPage'] },
  { method: 'put', path: '/api/settings/{key}', operationId: 'putSetting', tag: 'settings', summary: '修改一项设置（市总管理员，须说明理由）/ change a setting (city admin, with a reason)', body: settingPutSchema, ok: [200, 'SettingChanged'], errors: [404, 415, 422] },
  ...definitions.map((d): Op => ({
    method: 'post', path: `/api/workflows/${d.type}/instances`, operationId: `start${d.type.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`, tag: 'cases',
    summary: `发起「${d.title.zh}」/ start ${d.title.en}`, query: startQuery, body: ref(`start.${d.type}`), idempotent: true, etag: true, ok: [201, 'Instance'], errors: [404, 415, 422],
  })),
];

const TAGS = [
  { name: 'system', description: '存活、当前用户与本文档 / liveness, the caller and this document' },
  { name: 'session', description: '网页登录与会话（Cookie uw.sid）；脚本仍用令牌 / signing in from the web page; scripts keep their tokens' },
  { name: 'orgs', description: '工会组织树 / the union tree' },
  { name: 'users', description: '用户与令牌 / users and their tokens' },
  { name: 'people', description: '实名制名册 / the real-name register' },
  { name: 'imports', description: '表格导入：先预览、后确认 / spreadsheet imports: preview, then commit' },
  { name: 'workflows', description: '流程定义 / process definitions' },
  { name: 'cases', description: '事项、待办、期限与文书 / cases, the inbox, deadlines and documents' },
  { name: 'settings', description: '现行设置及其修改记录 / the settings in force and their history' },
  { name: 'admin', description: '发件箱与工作日调整（管理员）/ the outbox and working-day overrides (admin)' },
];

const STATUS_TEXT: Record<number, string> = {
  400: '请求有误 / bad request', 401: '未登录 / not signed in, no valid token', 403: '无权操作 / forbidden', 404: '未找到 / not found', 406: '无可提供的格式 / not acceptable',
  409: '状态冲突 / conflict', 412: 'If-Match 已过期 / stale If-Match', 415: '不支持的媒体类型或编码 / unsupported media type or encoding',
  422: '内容不符合要求 / unprocessable content', 423: '登录已锁定 / sign-in locked', 503: '数据库不可用 / database unavailable',
};

/** A list's spreadsheet answers: the whole list (limit and cursor are for JSON pages), headers zh-CN or ?lang=en. */
const SHEETS = {
  [XLSX_TYPE]: { schema: { type: 'string', contentMediaType: XLSX_TYPE, description: '以 Accept 请求；整张列表 / ask with Accept; the whole list' } },
  'text/csv': { schema: { type: 'string', contentMediaType: 'text/csv', description: 'UTF-8 带 BOM，CRLF / UTF-8 with BOM, CRLF' } },
};

const headerParam = (name: string, description: string) => ({ name, in: 'header', required: false, description, schema: { type: 'string', maxLength: 200 } });

function operation(op: Op) {
  const params = [
    ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: op.path.startsWith('/api/instances/') ? CASE_ID : PATH_PARAMS[m[1]] ?? { type: 'string' } })),
    ...Object.entries((op.query?.properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({ name, in: 'query', required: ((op.query?.required ?? []) as string[]).includes(name), schema })),
    ...(op.idempotent ? [headerParam('Idempotency-Key', '同一键与同一请求体只办理一次 / the same key and body are done once')] : []),
    ...(op.ifMatch ? [headerParam('If-Match', '事项的 ETag，过期则 412 / the case\'s ETag; 412 when stale')] : []),
  ];
  const [status, schema, media = 'application/json'] = op.ok;
  const content = schema ? { [media]: { schema: ref(schema) }, ...(op.exports ? SHEETS : {}) } : status === 204 ? undefined : { [media]: { schema: { type: media === 'text/html' ? 'string' : 'object' } } };
  const headers = op.etag ? { ETag: { description: '事项版本 / the case\'s version', schema: { type: 'string' } } } : undefined;
  const responses: Record<string, unknown> = { [status]: { description: 'OK', ...(headers ? { headers } : {}), ...(content ? { content } : {}) } };
  for (const code of [400, ...(op.auth === false ? [] : [401, 403]), ...(op.errors ?? [])])
    responses[code] = { description: STATUS_TEXT[code], content: { 'application/problem+json': { schema: ref('Problem') } } };
  return {
    operationId: op.operationId, summary: op.summary, tags: [op.tag], parameters: params, responses,
    ...(op.auth === false ? { security: [] } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
    ...(op.upload ? { requestBody: { required: true, description: '文件本身 / the file itself', content: Object.fromEntries(op.upload.map((m) => [m, { schema: { type: 'string', contentMediaType: m } }])) } } : {}),
  };
}

/** Every event of every process, one component each; EventBody is one of the processes' unions. */
function eventSchemas() {
  const out: Record<string, unknown> = {};
  for (const d of definitions) {
    out[`start.${d.type}`] = d.start.schema;
    for (const [t, e] of Object.entries(d.events)) out[`event.${d.type}.${t}`] = e.schema;
    out[`events.${d.type}`] = { title: `「${d.title.zh}」的事件 / events of ${d.title.en}`, oneOf: Object.keys(d.events).map((t) => ref(`event.${d.type}.${t}`)) };
  }
  out.EventBody = {
    description: '事件 { "type": …, 其余为该事件的字段 }；适用哪一组由事项所属流程决定 / an event; which list applies depends on the case\'s process',
    oneOf: definitions.map((d) => ref(`events.${d.type}`)),
  };
  return out;
}

export function openapi() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPS) (paths[op.path] ??= {})[op.method] = operation(op);
  return {
    openapi: '3.1.0',
    info: {
      title: '工会工作者队伍建设工作流系统 API / Union-worker workflow API', version: '1.0.0',
      description: '错误均为 RFC 9457 application/problem+json；列表以游标翻页（limit 1–200，next）/ errors are RFC 9457 problem+json; lists page with a cursor',
      license: { name: '仅限内部使用 / internal use only', identifier: 'LicenseRef-internal' },
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    tags: TAGS,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: '脚本用的令牌 / a token, for scripts' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'uw.sid', description: 'POST /api/session 设置的会话；修改请求须来自本站 Origin / the session POST /api/session sets; writes need our own Origin' },
      },
      schemas: { ...responseSchemas, ...eventSchemas() },
    },
    paths,
  };
}

const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

/** A readable reference page from the same document (no external assets: the network may be closed). */
export function docsHtml(): string {
  const doc = openapi();
  const schemas = doc.components.schemas as Record<string, unknown>;
  const resolve = (x: any): unknown => (x?.$ref ? schemas[x.$ref.split('/').pop()] : x);
  const rows = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([m, op]: [string, any]) => `<tr><td><code>${m.toUpperCase()}</code></td><td><code>${esc(p)}</code></td><td>${esc(op.summary)}</td><td>${op.requestBody?.content['application/json'] ? `<details><summary>schema</summary><pre>${esc(JSON.stringify(resolve(op.requestBody.content['application/json'].schema), null, 2))}</pre></details>` : op.requestBody ? esc(Object.keys(op.requestBody.content).join(', ')) : ''}</td></tr>`));
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>API 参考 / API reference</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2em;max-width:1100px}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;vertical-align:top}table{border-collapse:collapse;width:100%}pre{font-size:12px;background:#f6f6f6;padding:8px;overflow:auto}</style></head>
<body><h1>${esc(doc.info.title)}</h1><p>认证：<code>Authorization: Bearer &lt;令牌&gt;</code>，或 <code>POST /api/session</code> 登录后的会话 Cookie；错误为 RFC 9457 <code>application/problem+json</code>。机器可读文档：<a href="/api/openapi.json">/api/openapi.json</a>。</p>
<table><tr><th>方法</th><th>路径</th><th>说明 / summary</th><th>请求体 / body</th></tr>${rows.join('')}</table></body></html>`;
}
