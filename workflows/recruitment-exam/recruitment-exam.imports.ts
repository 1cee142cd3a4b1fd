// P2's spreadsheet imports (issue 10 item 4), each into one campaign named at the upload and
// committed as that campaign's bulk event: registrations (REGISTER) and written or interview
// scores (RECORD_WRITTEN / RECORD_INTERVIEW), the score rows found by resident ID number or by
// registration number (the roster's seq). The preview names every bad row with the same checks
// the machine's guard runs (recruitment-exam.checks.ts); ID numbers reach the register's
// identities only through the engine (encrypted, masked in the campaign and its history).
import type { Knex } from 'knex';
import { knownIdentities } from '../engine/identities.ts';
import type { Column, ImportContext, ImportKind, Row, RowError } from '../imports.ts';
import type { Problem } from '../types.ts';
import { checks } from './recruitment-exam.checks.ts';
import { applicantKey, type Context, type Registration } from './recruitment-exam.machine.ts';
import { CERTIFICATES, type Certificate, type Entry } from './recruitment-exam.rules.ts';

type Db = Knex | Knex.Transaction;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });
const CAMPAIGN = { type: 'recruitment-exam' } as const;
const idColumn: Column = { field: 'idNumber', zh: '公民身份号码', en: 'resident ID number', aliases: ['身份证号', '身份证号码', 'id number'], type: 'resident-id' };
/** The labels a clerk writes for each certificate (RULES.md "certificate bonus"). */
export const CERTIFICATE_LABELS: Record<Certificate, string[]> = {
  social_worker: ['社会工作师', '中级社会工作师', 'social worker'], social_worker_assistant: ['助理社会工作师', '初级社会工作师', 'assistant social worker'],
  counsellor_2: ['心理咨询师二级', '二级心理咨询师'], counsellor_3: ['心理咨询师三级', '三级心理咨询师'],
  labour_relations: ['劳动关系协调师'], labour_relations_assistant: ['助理劳动关系协调师'],
};
const certificateOf = (label: string) => (Object.keys(CERTIFICATES) as Certificate[]).find((c) => c === label || CERTIFICATE_LABELS[c].includes(label));

const campaignOf = (ctx: ImportContext) => ctx.target!.context as Context;
/** A row error at a field's column (its letter when the file is at hand). */
const at = (ctx: ImportContext, row: number, field: string | null, header: string | null, message: string): RowError =>
  ({ row, column: field ? ctx.places?.[field]?.column ?? null : null, header: (field && ctx.places?.[field]?.header) || header, field, message });
/** The machine's own problems for the event (pointers /<list>/<i>/<field>) as row errors of the rows it was built from. */
const asRowErrors = (ctx: ImportContext, rows: Row[], problems: Problem[], fallback: { field: string; header: string }) => problems.flatMap((p) => {
  const [, , i, field] = p.pointer.split('/');
  const row = rows[Number(i)];
  return row ? [at(ctx, row.row, field ?? fallback.field, field ? null : fallback.header, p.message)] : [];
});
/** Which roster entry each identity belongs to: the applicant's key is the campaign's code and the identity row. */
async function entriesByNumber(db: Db, ctx: ImportContext, numbers: string[]): Promise<Map<string, Entry>> {
  const c = campaignOf(ctx);
  const byKey = new Map(c.roster.map((e) => [e.key, e]));
  const ids = await knownIdentities(db, ctx.personal, numbers);
  return new Map([...ids].flatMap(([n, id]) => {
    const e = byKey.get(applicantKey(c.code, { idNumberRef: id } as Registration, 0));
    return e ? [[n, e] as const] : [];
  }));
}

// ── registrations ──────────────────────────────────────────────────────────────────────────────
async function registrations(db: Db, rows: Row[], ctx: ImportContext): Promise<{ applicants: Registration[]; errors: RowError[] }> {
  const c = campaignOf(ctx);
  const errors: RowError[] = [];
  const held = await entriesByNumber(db, ctx, rows.map((r) => String(r.values.idNumber ?? '')).filter(Boolean));
  const applicants = rows.map((r): Registration => {
    const v = r.values as Record<string, string>;
    const post = c.posts.find((p) => p.id === v.post) ?? c.posts.find((p) => p.title === v.post && c.posts.filter((q) => q.title === v.post).length === 1);
    if (v.post && !post) errors.push(at(ctx, r.row, 'post', '报考岗位', `本次招录无岗位「${v.post.slice(0, 40)}」，请填写岗位代码（${c.posts.map((p) => p.id).join('、')}）/ no post ${v.post.slice(0, 40)} in this campaign: write its code`));
    const earlier = v.idNumber ? held.get(v.idNumber) : undefined;
    if (earlier) errors.push(at(ctx, r.row, 'idNumber', '公民身份号码', `此人已报名本次招录（报名序号 ${earlier.seq}，${earlier.name}）/ already registered in this campaign (no. ${earlier.seq})`));
    const labels = v.certificates ? v.certificates.split(/[、,，;；/\s]+/).filter(Boolean) : [];
    const certificates = [...new Set(labels.map((l) => certificateOf(l) ?? (errors.push(at(ctx, r.row, 'certificates', '职业资格证书',
      `不认识的证书「${l.slice(0, 30)}」，应为：${Object.values(CERTIFICATE_LABELS).map((x) => x[0]).join('、')} / unknown certificate`)), '')).filter(Boolean))];
    return { name: v.name, idNumber: v.idNumber, post: post?.id ?? v.post, ...(v.phone ? { phone: v.phone } : {}), ...(v.email ? { email: v.email } : {}), ...(certificates.length ? { certificates } : {}) };
  });
  // The guard's own checks (post, a second registration by name and masked number), where the rows above found nothing.
  const named = new Set(errors.map((e) => `${e.row}/${e.field}`));
  const whole = rows.map((r, i) => [r, applicants[i]] as const).filter(([, a]) => a.name && a.idNumber && a.post); // a missing cell is named already
  const own = asRowErrors(ctx, whole.map(([r]) => r), checks.REGISTER(c, { applicants: whole.map(([, a]) => a) }), { field: 'idNumber', header: '公民身份号码' })
    .filter((e) => !named.has(`${e.row}/${e.field}`));
  return { applicants, errors: [...errors, ...own] };
}

export const registrationsImport: ImportKind = {
  kind: 'recruitment-registrations',
  title: { zh: '招录报名', en: 'Recruitment registrations' },
  roles: ['hr'],
  target: { ...CAMPAIGN, event: 'REGISTER' },
  maxRows: 5000,
  columns: [
    { field: 'name', zh: '姓名', en: 'name', type: 'text', required: true },
    { ...idColumn, required: true },
    { field: 'post', zh: '报考岗位', en: 'post', aliases: ['岗位代码', '报考岗位代码', '岗位', 'post code'], type: 'text', required: true },
    { field: 'phone', zh: '联系电话', en: 'phone', aliases: ['电话', '手机', '手机号码'], type: 'text' },
    { field: 'email', zh: '电子邮箱', en: 'email', aliases: ['邮箱', 'e-mail'], type: 'text' },
    { field: 'certificates', zh: '职业资格证书', en: 'certificates', aliases: ['证书', '资格证书'], type: 'text' },
  ],
  schema: {
    type: 'object', additionalProperties: false, required: ['name', 'idNumber', 'post'],
    properties: {
      name: text(100), idNumber: { type: 'string', format: 'cn-resident-id' }, post: text(200),
      phone: { type: 'string', pattern: '^[0-9+\\- ]{5,20}$' }, email: { type: 'string', format: 'email', maxLength: 200 }, certificates: text(200),
    },
  },
  check: async (db, rows, ctx) => (await registrations(db, rows, ctx)).errors,
  async commit(trx, rows, ctx) {
    const { applicants } = await registrations(trx, rows, ctx);
    await ctx.target!.send(trx, { type: 'REGISTER', applicants });
    return { registered: applicants.length };
  },
};

// ── scores ─────────────────────────────────────────────────────────────────────────────────────
type ScoreRow = { applicant: string; score?: number; absent?: true };
async function scoreRows(db: Db, rows: Row[], ctx: ImportContext, event: 'RECORD_WRITTEN' | 'RECORD_INTERVIEW'): Promise<{ rows: ScoreRow[]; errors: RowError[] }> {
  const c = campaignOf(ctx);
  const bySeq = new Map(c.roster.map((e) => [e.seq, e]));
  const byNumber = await entriesByNumber(db, ctx, rows.map((r) => String(r.values.idNumber ?? '')).filter(Boolean));
  const errors: RowError[] = [];
  const out: ScoreRow[] = [];
  const used: Row[] = [];
  for (const r of rows) {
    const v = r.values;
    const e1 = v.applicationNo !== undefined ? bySeq.get(Number(v.applicationNo)) : undefined;
    const e2 = v.idNumber !== undefined ? byNumber.get(String(v.idNumber)) : undefined;
    const before = errors.length;
    if (v.applicationNo === undefined && v.idNumber === undefined) errors.push(at(ctx, r.row, 'idNumber', '公民身份号码', '须填写公民身份号码或报名序号 / give the resident ID number or the registration number'));
    else if (v.applicationNo !== undefined && !e1) errors.push(at(ctx, r.row, 'applicationNo', '报名序号', `本次招录无报名序号 ${v.applicationNo} / no registration number ${v.applicationNo} in this campaign`));
    else if (v.idNumber !== undefined && !e2) errors.push(at(ctx, r.row, 'idNumber', '公民身份号码', '此人未报名本次招录 / this person is not registered in this campaign'));
    else if (e1 && e2 && e1 !== e2) errors.push(at(ctx, r.row, 'applicationNo', '报名序号', `报名序号 ${v.applicationNo} 与公民身份号码不是同一人 / the registration number and the ID number name different applicants`));
    const entry = e1 ?? e2;
    if (entry && v.name !== undefined && v.name !== entry.name) errors.push(at(ctx, r.row, 'name', '姓名', `姓名与报名信息（${entry.name}）不符 / the name differs from the registration (${entry.name})`));
    if ((v.score === undefined) === (v.absent === undefined)) errors.push(at(ctx, r.row, 'score', '成绩', v.score === undefined ? '须填写成绩或标明缺考 / give a score or mark the applicant absent' : '有成绩的不能同时标明缺考 / a score and absent both given'));
    if (errors.length > before || !entry) continue;
    out.push({ applicant: entry.key, ...(v.absent !== undefined ? { absent: true } : { score: Number(v.score) }) });
    used.push(r);
  }
  // Stage and repetition: the guard's own checks, named on the rows they came from, at the column that found the applicant.
  for (const p of checks[event](c, { rows: out })) {
    const r = used[Number(p.pointer.split('/')[2])];
    if (r) errors.push(r.values.applicationNo !== undefined ? at(ctx, r.row, 'applicationNo', '报名序号', p.message) : at(ctx, r.row, 'idNumber', '公民身份号码', p.message));
  }
  return { rows: out, errors: errors.sort((a, b) => a.row - b.row) };
}

const scoresImport = (kind: string, event: 'RECORD_WRITTEN' | 'RECORD_INTERVIEW', title: { zh: string; en: string }, label: string): ImportKind => ({
  kind, title, roles: ['hr'], target: { ...CAMPAIGN, event }, maxRows: 5000,
  columns: [
    { field: 'applicationNo', zh: '报名序号', en: 'registration number', aliases: ['报名号', '序号', 'application number'], type: 'integer' },
    idColumn,
    { field: 'name', zh: '姓名', en: 'name', type: 'text' },
    { field: 'score', zh: label, en: 'score', aliases: ['成绩', '分数'], type: 'decimal' },
    { field: 'absent', zh: '缺考', en: 'absent', type: 'text', choices: { yes: ['是', '缺考', 'Y', 'yes', 'absent', '√'] } },
  ],
  schema: {
    type: 'object', additionalProperties: false,
    properties: { applicationNo: { type: 'integer', minimum: 1 }, idNumber: { type: 'string', format: 'cn-resident-id' }, name: text(100), score: { type: 'number', minimum: 0, maximum: 100 }, absent: { enum: ['yes'] } },
  },
  check: async (db, rows, ctx) => (await scoreRows(db, rows, ctx, event)).errors,
  async commit(trx, rows, ctx) {
    const { rows: list } = await scoreRows(trx, rows, ctx, event);
    await ctx.target!.send(trx, { type: event, rows: list });
    return { scored: list.filter((r) => !r.absent).length, absent: list.filter((r) => r.absent).length };
  },
});

export const imports: ImportKind[] = [
  registrationsImport,
  scoresImport('recruitment-written-scores', 'RECORD_WRITTEN', { zh: '招录笔试成绩', en: 'Written-exam scores' }, '笔试成绩'),
  scoresImport('recruitment-interview-scores', 'RECORD_INTERVIEW', { zh: '招录面试成绩', en: 'Interview scores' }, '面试成绩'),
];
