// 年度考核 Annual assessment (P5): the campaigns of the caller's subtree, and one campaign's page —
// progress per union, the 优秀 places used and left, scores entered in bulk from a spreadsheet
// (the import wizard's two steps: upload → preview, commit), grades decided in a table, and each
// person's own case. Other events (comments, reviews, objections) are the generic case page's forms.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Progress, Result, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, ApiError } from '../api.ts';
import { useWorkflow, type Instance, type Page } from '../data.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import './pages.css';
import type { PageProps } from './registry.ts';

const TYPE = 'annual-assessment';
const GRADES = ['excellent', 'competent', 'basic', 'incompetent'] as const;
type Grade = (typeof GRADES)[number];
type Member = { personId: number; name: string; kind: string; orgName: string; stage: string; total?: number; proposed?: Grade; grade?: Grade };
type Campaign = { year: number; deadline: string; referenceDate: string; members: Member[]; graded: number; excellent: number; overdue: number[]; terms: { excellentShare: number } };
type Upload = { id: string; status: string; rows: number; errors: { row: number; header: string | null; message: string }[] };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const done = (m: Member) => m.stage === 'decided' || m.stage === 'commented';

export default function Assessments() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: ['assessments'], queryFn: () => api<Page<Instance>>(`/api/instances?type=${TYPE}&limit=100`) });
  return (
    <section aria-labelledby="as-title">
      <Typography.Title level={2} id="as-title" style={{ fontSize: 20 }}>{t('assessment')}</Typography.Title>
      <Link to={`/start/${TYPE}`}>{t('asStart')}</Link>
      <Table<Instance> rowKey="id" size="middle" loading={q.isPending} dataSource={q.data?.items ?? []} pagination={false} style={{ marginTop: 12 }} locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('asCampaign'), key: 's', render: (_, c) => <Link to={`/assessments/${c.id}`}>{c.subject}</Link> },
          { title: t('status'), key: 'st', render: (_, c) => c.status },
        ]} />
    </section>
  );
}

export function AssessmentCampaign({ params }: PageProps) {
  const { t, pick } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['case', params.id], queryFn: () => api<Instance>(`/api/instances/${encodeURIComponent(params.id)}`) });
  const memberDef = useWorkflow('assessment-member');
  const [grades, setGrades] = useState<Record<number, Grade>>({});
  const [problem, setProblem] = useState<ApiError>();
  const [upload, setUpload] = useState<Upload>();
  const [busy, setBusy] = useState(false);
  const c = q.data?.context as Campaign | undefined;
  const byUnion = useMemo(() => {
    const m = new Map<string, { union: string; total: number; scored: number; done: number; excellent: number }>();
    for (const x of c?.members ?? []) {
      const u = m.get(x.orgName) ?? { union: x.orgName, total: 0, scored: 0, done: 0, excellent: 0 };
      u.total++; if (x.stage === 'scored' || done(x)) u.scored++; if (done(x)) u.done++; if (x.grade === 'excellent') u.excellent++;
      m.set(x.orgName, u);
    }
    return [...m.values()];
  }, [c]);
  if (q.isPending) return <Spin />;
  if (q.isError || !c) return <Result status="403" title={t('noAccess')} subTitle={q.error?.message} extra={<Link to="/assessments">{t('back')}</Link>} />;
  const inst = q.data;
  const cap = Math.floor(c.graded * c.terms.excellentShare + 1e-9);
  const toDecide = c.members.filter((m) => m.stage === 'scored');
  const refresh = () => qc.invalidateQueries({ queryKey: ['case', params.id] });
  const run = async (f: () => Promise<unknown>, ok: string) => {
    setBusy(true); setProblem(undefined);
    try { await f(); message.success(ok); await refresh(); } catch (e) { if (e instanceof ApiError) setProblem(e); else throw e; } finally { setBusy(false); }
  };
  const send = (body: Record<string, unknown>) => api(`/api/instances/${inst.id}/events`, { method: 'POST', body });
  const decide = () => run(() => send({ type: 'DECIDE', rows: toDecide.map((m) => ({ person: m.personId, grade: grades[m.personId] ?? m.proposed })) }), t('asDecided'));
  const pickFile = async (file: File) => {
    setProblem(undefined);
    const res = await fetch(`/api/imports?kind=assessment-scores`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': file.name.endsWith('.csv') ? 'text/csv' : XLSX }, body: file });
    setUpload(await res.json());
  };
  /** The roster as a score sheet to fill in (CSV with a BOM, so Excel reads the Chinese): what the import takes back. */
  const template = () => {
    const cell = (v: unknown) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    const rows = [['考核年度', '人员编号', '姓名', '所在工会', '政治素质', '工作业绩', '工作态度', '述职摘要'], ...c.members.filter((m) => m.stage !== 'commentOnly' && m.stage !== 'commented').map((m) => [c.year, m.personId, m.name, m.orgName, '', '', '', ''])];
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob(['\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n')], { type: 'text/csv' }));
    a.download = `${c.year}-考核评分表.csv`;
    a.click();
  };
  const commit = () => run(() => api(`/api/imports/${upload!.id}/commit`, { method: 'POST' }).then(() => setUpload(undefined)), t('asImported'));
  const childOf = (m: Member) => inst.children?.find((k) => k.subject.startsWith(`${m.name}（${m.orgName}）`));
  const gradeLabel = (g?: string) => (g ? t(`grade_${g}` as 'grade_excellent') : '—');
  return (
    <section aria-labelledby="camp-title">
      <Link to="/assessments">← {t('assessment')}</Link>
      <Typography.Title level={2} id="camp-title" style={{ fontSize: 20 }}>{inst.subject}</Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} items={[
        { key: 'state', label: t('state'), children: pick(inst.stateTitle) || inst.state },
        { key: 'ref', label: t('asReference'), children: c.referenceDate },
        { key: 'dl', label: t('asDeadline'), children: c.deadline },
        { key: 'n', label: t('asMembers'), children: `${c.members.length}（${t('asGraded')} ${c.graded}）` },
        { key: 'q', label: t('asQuota'), children: <span>{t('asQuotaText', { used: c.excellent, cap, left: cap - c.excellent })} <Tag>R-assess §3.4.2</Tag></span> },
        { key: 'o', label: t('asOverdue'), children: c.overdue.length },
      ]} />
      <Progress percent={Math.round((c.members.filter(done).length / Math.max(1, c.members.length)) * 100)} aria-label={t('asProgress')} style={{ marginTop: 12 }} />
      <Space style={{ margin: '12px 0' }} wrap>
        {inst.allowedEvents?.some((e) => e.type === 'OPEN') && <Button type="primary" loading={busy} onClick={() => run(() => send({ type: 'OPEN' }), t('asOpened'))}>{t('asOpen')}</Button>}
        <Link to={`/cases/${inst.id}`}>{t('asAllActions')}</Link>
      </Space>
      {problem && <Alert type="error" showIcon title={problem.message} description={problem.errors.map((e) => e.message).join('；')} style={{ marginBottom: 12 }} />}

      <Typography.Title level={3} style={{ fontSize: 16 }}>{t('asByUnion')}</Typography.Title>
      <Table rowKey="union" size="small" pagination={false} dataSource={byUnion} columns={[
        { title: t('union'), dataIndex: 'union' }, { title: t('asMembers'), dataIndex: 'total' }, { title: t('asScored'), dataIndex: 'scored' },
        { title: t('asDone'), dataIndex: 'done' }, { title: t('grade_excellent'), dataIndex: 'excellent' },
      ]} />

      {inst.state === 'open' && (
        <>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>{t('asImport')}</Typography.Title>
          <label>{t('asFile')} <input type="file" accept=".xlsx,.csv" onChange={(e) => e.target.files?.[0] && pickFile(e.target.files[0])} /></label>
          <Typography.Paragraph type="secondary">{t('asColumns')} <Button size="small" onClick={template}>{t('asTemplate')}</Button></Typography.Paragraph>
          {upload && (upload.errors.length
            ? <Alert type="error" showIcon title={t('asFileErrors', { n: upload.errors.length })} description={upload.errors.slice(0, 20).map((e) => `${e.row}: ${e.message}`).join('；')} />
            : <Space><span>{t('asFileOk', { n: upload.rows })}</span><Button type="primary" loading={busy} onClick={commit}>{t('asCommit')}</Button></Space>)}

          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>{t('asDecide')}</Typography.Title>
          <Table<Member> rowKey="personId" size="small" dataSource={toDecide} pagination={{ pageSize: 50 }} locale={{ emptyText: t('empty') }} columns={[
            { title: t('pplName'), dataIndex: 'name' }, { title: t('union'), dataIndex: 'orgName' }, { title: t('asTotal'), dataIndex: 'total' },
            { title: t('asProposed'), key: 'p', render: (_, m) => gradeLabel(m.proposed) },
            { title: t('asGrade'), key: 'g', render: (_, m) => <Select aria-label={`${t('asGrade')} ${m.name}`} style={{ width: 140 }} value={grades[m.personId] ?? m.proposed}
              onChange={(g) => setGrades((x) => ({ ...x, [m.personId]: g }))} options={GRADES.map((g) => ({ value: g, label: gradeLabel(g) }))} /> },
          ]} />
          {toDecide.length > 0 && <Button type="primary" loading={busy} onClick={decide}>{t('asDecideAll', { n: toDecide.length })}</Button>}
        </>
      )}

      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>{t('asPeople')}</Typography.Title>
      <Table<Member> rowKey="personId" size="small" dataSource={c.members} pagination={{ pageSize: 50 }} columns={[
        { title: t('pplName'), key: 'n', render: (_, m) => { const k = childOf(m); return k ? <Link to={`/cases/${k.id}`}>{m.name}</Link> : m.name; } },
        { title: t('union'), dataIndex: 'orgName' },
        { title: t('asStage'), key: 's', render: (_, m) => t(`asStage_${m.stage}` as 'asStage_scored') },
        { title: t('asGrade'), key: 'g', render: (_, m) => gradeLabel(m.grade) },
        { title: t('state'), key: 'c', render: (_, m) => { const st = childOf(m)?.state; return st ? pick(memberDef.data?.states.find((x) => x.name === st)?.title) || st : '—'; } },
      ]} />
    </section>
  );
}
