// Response schemas of the OpenAPI document: the shapes server/views.ts and the routes send
// (API.md "Names clients rely on"). Request schemas are the ones the routes validate with.
import { ORG_KINDS } from './routes/orgs.ts';
import { PERSON_KINDS } from './routes/people.ts';
import { ROLES } from '../workflows/types.ts';
import { X_KEYWORDS } from '../workflows/schema-kit.ts';

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const int = { type: 'integer' };
const intOrNull = { type: ['integer', 'null'] };
const time = { type: 'string', format: 'date-time' };
const date = { type: 'string', format: 'date' };
const bilingual = { type: 'object', required: ['zh', 'en'], properties: { zh: str, en: str } };
const obj = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: 'object', required, properties });

const ruleRef = obj({ rule: str, clause: str });
/** A process's start or event schema as published (only with /api/workflows/{type}): JSON Schema plus the form's x- keywords. */
const formSchema = {
  type: 'object', description: `JSON Schema（ajv 校验所用），附表单所需的扩展关键字 / the JSON Schema the server validates with, plus what a form needs: ${
    Object.entries(X_KEYWORDS).map(([k, v]) => `${k}: ${v.zh} / ${v.en}`).join('; ')}`,
};

/** A page of a list: `next` is the cursor of the following page, null on the last. */
export const page = (item: string) => obj({ items: { type: 'array', items: ref(item) }, next: { type: ['string', 'null'] } });

export const responseSchemas: Record<string, unknown> = {
  Problem: {
    type: 'object', required: ['type', 'title', 'status', 'detail'], description: 'RFC 9457 problem details',
    properties: {
      type: str, title: str, status: int, detail: str,
      errors: { type: 'array', items: obj({ pointer: str, message: str }) },
      code: { ...str, description: '如 password_change_required / e.g. password_change_required' },
      lockedUntil: { ...time, description: '423：锁定到何时 / 423: locked until' },
    },
  },
  Health: obj({
    status: { const: 'ok' }, database: { const: 'ok' },
    warnings: { type: 'array', items: obj({ code: str, message: str, knownThrough: date }) },
  }),
  Org: obj({
    id: int, name: str, abbr: strOrNull, kind: { enum: ORG_KINDS }, parentId: intOrNull,
    members: intOrNull, employees: intOrNull, enterprises: intOrNull, ownership: { enum: ['public', 'non_public', null] }, hasUnion: { type: 'boolean' },
  }),
  User: obj({ id: int, name: str, login: str, email: strOrNull, orgId: int, roles: { type: 'array', items: { enum: ROLES } }, disabled: { type: 'boolean' }, mustChangePassword: { type: 'boolean' } }),
  UserListItem: { allOf: [ref('User'), obj({ lockedUntil: { type: ['string', 'null'], format: 'date-time', description: '密码错误过多而锁定至 / locked after wrong passwords until' } })] },
  Session: obj({
    user: obj({ id: int, name: str, login: str, email: strOrNull, orgId: int, orgName: str, roles: { type: 'array', items: { enum: ROLES } } }),
    mustChangePassword: { type: 'boolean', description: '为真时须先修改密码，其余接口答 403 password_change_required / when true, other routes answer 403 until the password is changed' },
  }),
  NewUser: {
    allOf: [ref('User'), obj({ token: { type: ['string', 'null'], description: '仅首次应答含令牌 / the token, only in the first answer' }, tokenNote: str }, ['token'])],
  },
  NewToken: obj({ userId: int, token: { type: ['string', 'null'], description: '仅首次应答含令牌 / the token, only in the first answer' }, tokenNote: str }, ['userId', 'token']),
  Me: obj({ user: ref('User'), org: ref('Org'), roles: { type: 'array', items: { enum: ROLES } } }),
  Person: obj({
    id: int, name: str, kind: { enum: PERSON_KINDS }, orgId: int, status: str, startDate: { type: ['string', 'null'], format: 'date' }, endDate: { type: ['string', 'null'], format: 'date' },
    idNumber: { type: ['string', 'null'], description: '除人事与管理员查看单人外均脱敏 / masked except for hr and admin on one record' },
    details: { type: 'object' }, sourceInstanceId: strOrNull, post: strOrNull, contractEnd: { type: ['string', 'null'], format: 'date' },
  }),
  PersonRecord: {
    allOf: [ref('Person'), obj({
      entries: {
        type: 'array', description: '时间线：合同、证书、培训、谈心谈话、表彰、考核与状态变更，按日期 / the timeline: dated entries, status changes included',
        items: obj({ id: int, kind: str, onDate: date, data: { type: 'object' }, sourceInstanceId: strOrNull, actorId: str, createdAt: time }),
      },
    })],
  },
  EndingContract: obj({
    personId: int, name: str, kind: str, status: str, orgId: int, orgName: strOrNull, from: { type: ['string', 'null'], format: 'date' }, to: date,
    source: { enum: ['entry', 'details'], description: '最近一条合同记录，或名册登记时的合同 / the latest contract entry, else the contract in the record\'s details' },
    daysLeft: int, notToRenew: { type: 'boolean', description: '考核结果：不再续签 / the register says not to renew (P5)' },
    decision: {
      type: ['object', 'null'], description: '为该合同发起的续签决定事项 / the decision case opened for this contract',
      required: ['id', 'type', 'state', 'stateTitle', 'status', 'subject'],
      properties: { id: { type: 'string', format: 'uuid' }, type: str, state: str, stateTitle: { type: ['object', 'null'], properties: { zh: str, en: str } }, status: str, subject: str },
    },
  }),
  RowError: obj({
    row: { type: 'integer', description: 'Excel 中的行号（表头为第 1 行）/ the row as Excel numbers it (the header is row 1)' },
    column: { type: ['string', 'null'], description: '列字母，如 D / the column letter' }, header: strOrNull, field: strOrNull, message: str,
  }),
  ImportKinds: obj({ items: { type: 'array', items: obj({ kind: str, title: bilingual, columns: { type: 'array', items: obj({ field: str, zh: str, en: str, required: { type: 'boolean' } }) } }) } }),
  Import: obj({
    id: { type: 'string', format: 'uuid' }, kind: str, target: { type: 'string', format: 'uuid', description: '导入到的事项 / the case the rows go into' }, status: { enum: ['preview', 'invalid', 'committed'] }, rows: int,
    errors: { type: 'array', items: ref('RowError') },
    preview: { type: 'array', items: { type: 'object' }, description: '前 20 行，公民身份号码脱敏 / the first 20 rows, resident ID numbers masked' },
    expiresAt: time, result: { type: 'object' },
  }, ['id', 'kind', 'status', 'rows', 'errors', 'preview', 'expiresAt']),
  Deadline: obj({
    id: int, kind: str, title: bilingual, dueAt: time, clause: str, rule: str, daysLeft: int, workingDaysLeft: int, overdue: { type: 'boolean' }, status: { enum: ['pending', 'fired'] },
    instanceId: str, type: str, orgId: int, subject: str,
    provisional: { type: 'boolean' }, note: str,
  }, ['provisional', 'id', 'kind', 'dueAt', 'clause', 'rule', 'daysLeft', 'overdue', 'status']),
  AllowedEvent: obj({ type: str, title: bilingual, schema: { type: 'object' }, rules: { type: 'array', items: { type: 'object' } } }),
  DocumentLink: obj({ id: int, kind: str, number: str, title: str, issuedAt: time, href: str }),
  Instance: obj({
    id: { type: 'string', format: 'uuid' }, type: str, definitionVersion: int, version: int, state: str, stateTitle: bilingual,
    status: { enum: ['active', 'done', 'cancelled'] }, orgId: int, subject: str, context: { type: 'object' },
    deadlines: { type: 'array', items: ref('Deadline') }, overdue: { type: 'boolean' }, createdBy: str, createdAt: time, updatedAt: time,
    allowedEvents: { type: 'array', items: ref('AllowedEvent'), description: '此调用者现在可发送的事件 / events this caller may send now' },
    documents: { type: 'array', items: ref('DocumentLink') },
    parentId: { type: ['string', 'null'], format: 'uuid', description: '发起本事项的事项 / the case whose transition started this one' },
    correlationKey: { ...strOrNull, description: '关联键：同类进行中的事项至多一件持有 / at most one open case of its type holds it' },
    children: { type: 'array', items: ref('ChildCase'), description: '本事项发起的、在调用者管辖范围内的事项 / the cases it started, in the caller\'s subtree' },
    watching: { type: 'boolean', description: '仅待办：督办，本级工会监督而非待本级办理（状态的 watchedBy）/ inbox only: the caller\'s union oversees the case, it is not its move (the state\'s watchedBy)' },
    path: { type: 'array', items: str, description: '仅单件查询：依次经过的状态（办理记录）/ single GET only: the states the case went through, in order' },
    chain: { ...obj({ verified: { type: 'boolean' }, checkedAt: time }), description: '仅单件查询：办理记录哈希链核验结果 / single GET only: whether the history\'s hash chain holds, and when it was checked' },
  }, ['id', 'type', 'definitionVersion', 'version', 'state', 'status', 'orgId', 'subject', 'context', 'deadlines', 'overdue', 'createdBy', 'createdAt', 'updatedAt']),
  ChildCase: obj({ id: { type: 'string', format: 'uuid' }, type: str, state: str, status: { enum: ['active', 'done', 'cancelled'] }, subject: str }),
  HistoryItem: obj({
    seq: int, type: str, actorId: str, actorName: str, from: strOrNull, to: str, at: time, payload: { type: 'object' }, prevHash: str, hash: str,
  }),
  History: obj({ items: { type: 'array', items: ref('HistoryItem') }, path: { type: 'array', items: str }, chain: obj({ valid: { type: 'boolean' }, brokenAtSeq: intOrNull, reason: strOrNull }) }),
  AuditReport: obj({ checked: int, broken: { type: 'array', items: obj({ instanceId: str, brokenAtSeq: int, reason: str }) } }),
  Workflow: obj({
    type: str, version: int, title: bilingual, description: bilingual, rules: { type: 'array', items: ruleRef },
    start: obj({
      by: { type: 'array', items: { type: 'object' } }, title: bilingual, onePerOrg: { type: 'boolean' },
      onlyFor: { type: ['object', 'null'], properties: { title: bilingual, rule: ruleRef } }, schema: formSchema,
    }, ['by', 'title', 'onePerOrg', 'onlyFor']),
    states: { type: 'array', items: obj({ name: str, title: bilingual, waitingOn: { type: ['object', 'null'] }, watchedBy: { type: ['object', 'null'], description: '督办的工会与角色（列入其待办，标为督办）/ who oversees it without acting (in their inbox, marked watching)' }, final: { type: 'boolean' }, status: { enum: ['active', 'done', 'cancelled'] } }) },
    events: {
      type: 'array',
      items: obj({ type: str, title: bilingual, by: {}, notBySubmitter: { type: 'boolean' }, rules: { type: 'array', items: ruleRef }, schema: formSchema }, ['type', 'title', 'by', 'notBySubmitter', 'rules']),
    },
    deadlines: { type: 'array', items: obj({ id: str, kind: str, title: bilingual, states: { type: 'array', items: str }, event: str, repeatEveryDays: {}, rule: ruleRef }) },
    diagram: obj({ format: { const: 'mermaid' }, source: str, graph: ref('WorkflowGraph') }),
    pipeline: { type: ['object', 'null'], description: '有看板时：下级事项的流程（列与计数见 /api/instances/{id}/pipeline）/ with a board: the child process (columns and counts at /api/instances/{id}/pipeline)', properties: { childType: str } },
  }),
  WorkflowGraph: obj({
    nodes: {
      type: 'array', description: '每个状态（含父状态）/ every state, parents included',
      items: obj({
        id: { ...str, description: '状态路径 / state path' }, parent: strOrNull, title: { ...bilingual, type: ['object', 'null'] },
        initial: { type: 'boolean' }, final: { type: 'boolean' }, parallel: { type: 'boolean' }, waitingOn: { type: ['object', 'null'], properties: { relation: str, roles: { type: 'array', items: str } } },
      }),
    },
    edges: { type: 'array', description: '每个转换 / every transition', items: obj({ from: str, to: str, event: str, guarded: { type: 'boolean' } }) },
  }),
  WorkflowList: obj({ items: { type: 'array', items: ref('Workflow') } }),
  Document: obj({ id: int, number: str, title: str, kind: str, issuedAt: time, contentHash: str, instanceId: str, content: { type: 'object' } }),
  Notification: obj({
    id: int, instanceId: strOrNull, template: str, to: strOrNull, toUserId: intOrNull, subject: str,
    status: { enum: ['pending', 'sending', 'sent', 'failed', 'no_recipient'] }, attempts: int, nextAttemptAt: time, lastError: strOrNull, createdAt: time, sentAt: strOrNull,
  }),
  Requeued: obj({ id: int, status: { const: 'pending' } }),
  CalendarOverride: obj({ date, kind: { enum: ['workday', 'holiday'] }, note: str, recomputed: ref('Recomputed') }, ['date', 'kind']),
  Recomputed: obj({ cases: int, deadlines: int }),
  Setting: obj({
    key: str, owner: { ...strOrNull, description: '声明该设置的流程，null 为通用 / the process that declares it; null: generic' },
    value: { description: '现行值 / the value in force' }, default: { description: '声明的默认值 / the declared default' }, schema: { type: 'object' }, title: bilingual,
    rule: strOrNull, clause: strOrNull, source: str, updatedAt: { type: ['string', 'null'], format: 'date-time' }, updatedBy: { type: ['object', 'null'], properties: { id: str, name: str } },
  }),
  SettingPage: obj({ items: { type: 'array', items: ref('Setting') }, next: strOrNull, note: bilingual }),
  SettingChanged: { allOf: [ref('Setting'), obj({ changed: { type: 'boolean' }, note: bilingual })] },
  SettingHistoryEntry: obj({ id: int, key: str, old: { description: '原值，null 为初始值 / the old value; null for an initial value' }, new: {}, by: obj({ id: str, name: str }), at: time, reason: str }),
  SettingHistoryPage: page('SettingHistoryEntry'),
  CalendarYears: obj({ knownThrough: date, package: obj({ from: int, to: int }), completeYears: { type: 'array', items: int } }),
  CalendarYearMarked: obj({ year: int, complete: { type: 'boolean' }, knownThrough: date, recomputed: ref('Recomputed') }),
  BatchAnswer: obj({ items: { type: 'array', items: obj({ id: str, version: int, state: str, status: { enum: ['active', 'done', 'cancelled'] } }) } }),
  Timeline: obj({
    instanceId: str, parentId: strOrNull,
    items: { type: 'array', items: obj({
      source: { enum: ['case', 'parent'], description: 'case：本事项；parent：上级事项中办理到它的事件 / case: its own row; parent: the parent\'s event that moved it' },
      instanceId: str, seq: int, type: str, title: { ...bilingual, type: ['object', 'null'] }, actorName: str, from: strOrNull, to: str, at: time,
      payload: { type: 'object', description: '上级事项的行仅保留与本事项有关的项 / a parent row keeps only the items about this case' },
    }) },
  }),
  Board: obj({
    instanceId: str, childType: str, total: int,
    stages: { type: 'array', items: obj({ id: str, title: bilingual, states: { type: 'array', items: str }, final: { type: 'boolean' }, count: int, byGroup: { type: 'object', additionalProperties: int } }) },
    groups: { type: 'array', items: obj({ id: str, label: strOrNull, count: int }) },
    groupBy: obj({ title: bilingual }),
    fields: { type: 'array', items: obj({ id: str, title: bilingual, kind: { enum: ['number', 'text', 'list'] } }) },
    actions: { type: 'array', description: '选中卡片可做的批量事件：{type, [list]: 关联键} 或 {[list]: [{[item]: 关联键, …ask}]} / the bulk events a selection feeds', items: obj({
      id: str, event: str, title: { ...bilingual, description: '动作自己的名称（同一事件有多个动作时）；无则用事件名称 / the action\'s own name when one event makes several; else the event\'s' },
      list: str, item: { ...str, description: '逐行事件：每行以此字段指名一张卡片 / a row event: the field each row names its card by' },
      ask: { type: 'array', items: str, description: '对所选全体只问一次的字段 / fields asked once for the whole selection' },
      fixed: { type: 'object', description: '每行都带、不必询问的值（如缺考）/ values every row carries unasked (e.g. absent)' },
      form: { type: 'object', description: '所问字段的 JSON Schema（取自事件或其行的 schema）/ the JSON Schema of the asked fields (from the event\'s or its row\'s)' },
      stages: { type: 'array', items: str },
    }, ['id', 'event', 'list', 'ask', 'form', 'stages']) },
    ranking: obj({ order: { type: 'array', items: str }, rank: str, tieBreak: bilingual }),
  }),
  BoardCard: obj({
    id: str, key: { ...strOrNull, description: '上级事项的事件用以指名的关联键 / the correlation key the parent\'s events name it by' }, state: str, stateTitle: { ...bilingual, type: ['object', 'null'] },
    stage: strOrNull, name: strOrNull, group: strOrNull, groupLabel: strOrNull,
    values: { type: 'object', description: '看板声明的字段；列表字段为项数 / the board\'s fields; a list field as its length' }, createdAt: time, updatedAt: time,
  }),
  BoardCardPage: page('BoardCard'),
  Funnel: obj({
    instanceId: str, at: time,
    stages: { type: 'array', items: obj({
      id: str, title: bilingual, reached: { ...int, description: '曾进入该列的人数 / how many ever reached it' }, now: { ...int, description: '现在在该列 / in it now' },
      days: { type: ['object', 'null'], description: '停留天数，未离开者计至现在；终止列无 / days spent, open stays up to now; none for end columns', properties: { median: { type: 'number' }, max: { type: 'number' }, stays: int } },
    }) },
  }),
  OrgPage: page('Org'), UserPage: page('UserListItem'), PersonPage: page('Person'), InstancePage: page('Instance'),
  DeadlinePage: page('Deadline'), EndingContractPage: page('EndingContract'), NotificationPage: page('Notification'), CalendarOverridePage: page('CalendarOverride'),
};
