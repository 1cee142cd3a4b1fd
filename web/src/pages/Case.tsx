// The case page: header, diagram, actions allowed now (a generated form each), open deadlines,
// history with the chain check, linked cases and documents. Nothing here names a process.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, List, Modal, Result, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api.ts';
import { Diagram } from '../case/Diagram.tsx';
import { leftText, ruleText, useOrgNames, useWorkflow, type AllowedEvent, type Instance } from '../data.ts';
import { SchemaForm } from '../forms/SchemaForm.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import type { PageProps } from './registry.ts';

type History = { items: { seq: number; type: string; actorName: string | null; from: string | null; to: string; at: string; payload: Record<string, unknown> }[]; chain: { valid: boolean } };

export default function Case({ params }: PageProps) {
  const { t, pick } = useI18n();
  const id = params.id;
  const c = useQuery({ queryKey: ['case', id], queryFn: () => api<Instance>(`/api/instances/${encodeURIComponent(id)}`) });
  const h = useQuery({ queryKey: ['history', id], queryFn: () => api<History>(`/api/instances/${encodeURIComponent(id)}/history`), enabled: c.isSuccess });
  const wf = useWorkflow(c.data?.type);
  const orgs = useOrgNames();
  if (c.isPending) return <Spin />;
  if (c.isError) {
    const denied = c.error instanceof ApiError && [403, 404].includes(c.error.status);
    return <Result status={denied ? '403' : 'error'} title={denied ? `${t('noAccess')}` : t('error')} subTitle={denied ? t('noAccessDetail') : c.error.message}
      extra={<Link to="/">{t('back')}</Link>} />;
  }
  const x = c.data;
  const none = <span style={{ color: '#4b5563' }}>{t('empty')}</span>;
  const evTitle = (type: string) => pick(wf.data?.events.find((e) => e.type === type)?.title) || type;
  const passed = x.path ?? (h.data?.items.flatMap((i) => [i.from, i.to]).filter((s): s is string => !!s) ?? []);
  return (
    <article aria-labelledby="case-title">
      <Typography.Title level={2} id="case-title" style={{ fontSize: 20 }}>{x.subject || x.id}</Typography.Title>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }} items={[
        { key: 'type', label: t('process'), children: pick(wf.data?.title) || x.type },
        { key: 'state', label: t('state'), children: <Tag color="blue" data-testid="state">{pick(x.stateTitle) || x.state}</Tag> },
        { key: 'status', label: t('status'), children: t(x.status) },
        { key: 'org', label: t('union'), children: orgs.data?.get(x.orgId) ?? x.orgId },
      ]} />
      {wf.data?.pipeline && <div style={{ marginTop: 12 }}><Link to={`/cases/${x.id}/board`} data-testid="board-link">{t('bdOpenBoard')}</Link></div>}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          <Actions c={x} />
          <Card title={t('diagram')} size="small" style={{ marginTop: 16 }}>{wf.data ? <Diagram wf={wf.data} state={x.state} passed={passed} /> : <Spin />}</Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('openDeadlines')} size="small">
            <List size="small" dataSource={x.deadlines} locale={{ emptyText: none }} renderItem={(d) => (
              <List.Item>
                <div>
                  <div>{pick(d.title) || d.kind} · {d.dueAt.slice(0, 10)}</div>
                  <div className={d.overdue ? 'uw-overdue' : undefined}>{leftText(d, t)}</div>
                  <Typography.Text type="secondary">{d.rule} {d.clause}</Typography.Text>
                </div>
              </List.Item>
            )} />
          </Card>
          <Card title={t('documents')} size="small" style={{ marginTop: 16 }}>
            <List size="small" dataSource={x.documents ?? []} locale={{ emptyText: none }} renderItem={(d) => (
              <List.Item>
                <div>
                  <div>{d.title} <Typography.Text strong>{d.number}</Typography.Text></div>
                  <Space><a href={d.href} target="_blank" rel="noopener">{t('printable')}</a><PdfLink href={d.href} name={d.number} /></Space>
                </div>
              </List.Item>
            )} />
          </Card>
          <Card title={t('linked')} size="small" style={{ marginTop: 16 }}>
            {/* Underlined: a link inside a line of text must not rely on colour alone (axe link-in-text-block). */}
            {x.parentId && <div>{t('parentCase')}: <Link to={`/cases/${x.parentId}`} style={{ textDecoration: 'underline' }}>{x.parentId.slice(0, 8)}</Link></div>}
            <List size="small" dataSource={x.children ?? []} locale={{ emptyText: x.parentId ? ' ' : none }}
              renderItem={(k) => <List.Item><Link to={`/cases/${k.id}`}>{k.subject || k.id.slice(0, 8)}</Link> <Tag>{k.state}</Tag></List.Item>} />
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginTop: 16 }} title={<Space>{t('history')}{h.data && (h.data.chain.valid || x.chain?.verified
        ? <Tag color="#166534" data-testid="chain">✓ {t('chainVerified')}</Tag> : <Tag color="#b91c1c" data-testid="chain">{t('chainBroken')}</Tag>)}</Space>}>
        <Timeline items={(h.data?.items ?? []).map((i) => ({
          key: i.seq,
          content: (
            <div>
              <Typography.Text strong>{evTitle(i.type)}</Typography.Text> · {i.actorName ?? '—'} · <time dateTime={i.at}>{new Date(i.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</time>
              <Summary payload={i.payload} />
            </div>
          ),
        }))} />
      </Card>
    </article>
  );
}

/** A payload in a line or two: the comment-like fields first, then a few others. */
function Summary({ payload }: { payload: Record<string, unknown> }) {
  const entries = Object.entries(payload ?? {}).filter(([k]) => k !== 'type');
  if (!entries.length) return null;
  const first = ['comment', 'reason', 'note', 'conditions'];
  entries.sort(([a], [b]) => Number(!first.includes(a)) - Number(!first.includes(b)));
  const text = entries.slice(0, 4).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v).slice(0, 60) : String(v)}`).join('；');
  return <div style={{ color: '#334155' }}>{text}</div>;
}

function PdfLink({ href, name }: { href: string; name: string }) {
  const { t } = useI18n();
  const [err, setErr] = useState<string>();
  async function download() {
    setErr(undefined);
    const res = await fetch(href, { headers: { accept: 'application/pdf' }, credentials: 'same-origin' });
    if (!res.ok) return setErr(`HTTP ${res.status}`);
    const url = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: `${name}.pdf` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return <><Button type="link" size="small" onClick={download}>{t('pdf')}</Button>{err && <Typography.Text type="danger">{err}</Typography.Text>}</>;
}

function Actions({ c }: { c: Instance }) {
  const { t, pick } = useI18n();
  const qc = useQueryClient();
  const [open, setOpen] = useState<AllowedEvent>();
  const events = c.allowedEvents ?? [];
  const send = async (ev: AllowedEvent, body: Record<string, unknown>) => {
    const next = await api<Instance>(`/api/instances/${c.id}/events`, { method: 'POST', body: { ...body, type: ev.type }, headers: { 'if-match': `"${c.version}"` } });
    qc.setQueryData(['case', c.id], next);
    setOpen(undefined);
    await Promise.all([qc.invalidateQueries({ queryKey: ['history', c.id] }), qc.invalidateQueries({ queryKey: ['cases'] })]);
  };
  return (
    <Card title={t('actions')} size="small">
      {events.length === 0 ? <Typography.Text type="secondary">{t('noActions')}</Typography.Text> : (
        <Space wrap>
          {events.map((e) => <Button key={e.type} data-event={e.type} type={/APPROVE/.test(e.type) ? 'primary' : 'default'} danger={/REJECT|CANCEL|WITHDRAW/.test(e.type)} onClick={() => setOpen(e)}>{pick(e.title)}</Button>)}
        </Space>
      )}
      <Modal open={!!open} title={open && pick(open.title)} onCancel={() => setOpen(undefined)} footer={null} destroyOnHidden width={720}>
        {open && <>
          {open.rules.length > 0 && <Alert type="info" title={open.rules.map(ruleText).join('、')} style={{ marginBottom: 12 }} />}
          <SchemaForm schema={open.schema} submitLabel={pick(open.title)} onSubmit={(b) => send(open, b)} idPrefix={`ev-${open.type}`} />
        </>}
      </Modal>
    </Card>
  );
}
