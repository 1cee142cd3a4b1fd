// The OpenAPI 3.1 document, built from the same JSON Schemas the server validates with.
import { definitions } from '../workflows/registry.ts';
import { yearSchema } from './routes/admin.ts';
import { orgCreateSchema, orgPatchSchema } from './routes/orgs.ts';
import { userCreateSchema } from './routes/users.ts';

type Op = { method: string; path: string; summary: string; body?: unknown; query?: string[]; auth?: false; responses?: Record<string, string> };

const problem = { $ref: '#/components/schemas/Problem' };
const OPS: Op[] = [
  { method: 'get', path: '/api/health', summary: '存活与数据库检查 / liveness and database', auth: false },
  { method: 'get', path: '/api/me', summary: '当前用户 / the caller' },
  { method: 'get', path: '/api/orgs', summary: '本级及下级工会 / unions in the caller\'s subtree', query: ['limit', 'cursor', 'kind', 'parentId'] },
  { method: 'post', path: '/api/orgs', summary: '新增工会（管理员）/ add a union (admin)', body: orgCreateSchema },
  { method: 'get', path: '/api/orgs/{id}', summary: '工会详情 / one union' },
  { method: 'patch', path: '/api/orgs/{id}', summary: '修改工会信息与人数（管理员）/ edit a union (admin)', body: orgPatchSchema },
  { method: 'get', path: '/api/users', summary: '用户（管理员）/ users (admin)', query: ['limit', 'cursor'] },
  { method: 'post', path: '/api/users', summary: '新增用户，令牌仅返回一次 / add a user; the token is shown once', body: userCreateSchema },
  { method: 'get', path: '/api/people', summary: '实名制名册 / real-name register', query: ['limit', 'cursor', 'kind', 'org', 'status'] },
  { method: 'get', path: '/api/people/{id}', summary: '人员详情 / one person' },
  { method: 'get', path: '/api/workflows', summary: '流程定义 / process definitions' },
  { method: 'get', path: '/api/workflows/{type}', summary: '流程定义及其 JSON Schema / one definition with schemas' },
  { method: 'get', path: '/api/instances', summary: '可见事项 / visible cases', query: ['limit', 'cursor', 'type', 'state', 'org', 'status', 'overdue'] },
  { method: 'get', path: '/api/instances/{id}', summary: '事项详情（ETag）/ one case (ETag)' },
  { method: 'post', path: '/api/instances/{id}/events', summary: '办理：发送事件（If-Match, Idempotency-Key）/ send an event', responses: { 200: 'the case after the event', 409: 'not allowed in this state', 412: 'stale If-Match' } },
  { method: 'get', path: '/api/instances/{id}/history', summary: '办理记录（哈希链）/ history with hash chain' },
  { method: 'get', path: '/api/tasks', summary: '待办 / the caller\'s inbox', query: ['limit'] },
  { method: 'get', path: '/api/documents/{id}', summary: '书面批复打印页 / written approval, HTML print view' },
  { method: 'get', path: '/api/calendar/years', summary: '节假日日历的已知范围（knownThrough）与已确认的年份 / the calendar\'s known range and the years marked complete' },
  { method: 'put', path: '/api/calendar/years/{year}', summary: '确认某年节假日安排已全部录入（市总管理员），重算相关期限 / mark a year\'s schedule complete (city admin); recomputes the deadlines it affects', body: yearSchema },
  { method: 'get', path: '/api/openapi.json', summary: '本文档 / this document', auth: false },
];

export function openapi() {
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (op: Op) => {
    const params = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...(op.query ?? []).map((q) => ({ name: q, in: 'query', required: false, schema: { type: 'string' } })),
      ...(op.method === 'post' ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }] : []),
      ...(op.path.endsWith('/events') ? [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }] : []),
    ];
    const responses: Record<string, unknown> = { [op.method === 'post' && !op.path.endsWith('/events') ? '201' : '200']: { description: 'OK' } };
    for (const [code, d] of Object.entries(op.responses ?? {})) responses[code] = { description: d };
    for (const code of ['400', '401', '403', '404', '422']) responses[code] ??= { description: 'problem', content: { 'application/problem+json': { schema: problem } } };
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary, parameters: params, responses,
      ...(op.auth === false ? { security: [] } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
    };
  };
  OPS.forEach(add);
  for (const d of definitions) {
    paths[`/api/workflows/${d.type}/instances`] = {
      post: {
        summary: `发起「${d.title.zh}」/ start ${d.title.en}`,
        requestBody: { required: true, content: { 'application/json': { schema: d.start.schema } } },
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
        responses: { 201: { description: 'the new case' }, 403: { description: 'problem' }, 422: { description: 'problem' } },
      },
    };
  }
  const events = Object.fromEntries(definitions.flatMap((d) => Object.entries(d.events).map(([t, e]) => [`${d.type}.${t}`, e.schema])));
  return {
    openapi: '3.1.0',
    info: { title: '工会工作者队伍建设工作流系统 API / Union-worker workflow API', version: '1.0.0' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object', required: ['type', 'title', 'status', 'detail'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, errors: { type: 'array', items: { type: 'object', properties: { pointer: { type: 'string' }, message: { type: 'string' } } } } },
        },
        ...Object.fromEntries(Object.entries(events).map(([k, v]) => [`event.${k}`, v])),
      },
    },
    paths,
  };
}

const esc = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

/** A readable reference page from the same document (no external assets: the network may be closed). */
export function docsHtml(): string {
  const doc = openapi();
  const rows = Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([m, op]: [string, any]) => `<tr><td><code>${m.toUpperCase()}</code></td><td><code>${esc(p)}</code></td><td>${esc(op.summary)}</td><td>${op.requestBody ? `<details><summary>schema</summary><pre>${esc(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2))}</pre></details>` : ''}</td></tr>`));
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>API 参考 / API reference</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2em;max-width:1100px}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;vertical-align:top}table{border-collapse:collapse;width:100%}pre{font-size:12px;background:#f6f6f6;padding:8px;overflow:auto}</style></head>
<body><h1>${esc(doc.info.title)}</h1><p>认证：<code>Authorization: Bearer &lt;令牌&gt;</code>；错误为 RFC 9457 <code>application/problem+json</code>。机器可读文档：<a href="/api/openapi.json">/api/openapi.json</a>。</p>
<table><tr><th>方法</th><th>路径</th><th>说明 / summary</th><th>请求体 / body</th></tr>${rows.join('')}</table></body></html>`;
}
