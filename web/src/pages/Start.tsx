// 发起: choose a process the user may start, then its form, generated from the published start schema.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, List, Spin, Typography } from 'antd';
import { api } from '../api.ts';
import { ruleText, useWorkflow, useWorkflows, type Instance } from '../data.ts';
import { SchemaForm } from '../forms/SchemaForm.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Link, useRouter } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { PageProps } from './registry.ts';

export default function Start({ params }: PageProps) {
  return params.type ? <StartForm type={params.type} /> : <Choose />;
}

function Choose() {
  const { t, pick } = useI18n();
  const roles = useSession().data?.user.roles ?? [];
  const wfs = useWorkflows();
  const mine = (wfs.data ?? []).filter((w) => w.start.by.some((b) => b.roles.some((r) => roles.includes(r))));
  return (
    <section aria-labelledby="start-title">
      <Typography.Title level={2} id="start-title" style={{ fontSize: 20 }}>{t('chooseProcess')}</Typography.Title>
      <List loading={wfs.isPending} dataSource={mine} grid={{ gutter: 12, xs: 1, md: 2 }} locale={{ emptyText: t('empty') }}
        renderItem={(w) => (
          <List.Item>
            <Card title={<Link to={`/start/${w.type}`}>{pick(w.title)}</Link>} size="small">
              <div>{pick(w.start.title)}</div>
              {w.start.onlyFor && <Typography.Text type="secondary">{t('onlyFor')}: {pick(w.start.onlyFor.title)}（{ruleText(w.start.onlyFor.rule)}）</Typography.Text>}
            </Card>
          </List.Item>
        )} />
    </section>
  );
}

function StartForm({ type }: { type: string }) {
  const { t, pick } = useI18n();
  const wf = useWorkflow(type);
  const { navigate } = useRouter();
  const qc = useQueryClient();
  if (wf.isPending) return <Spin />;
  if (wf.isError) return <Alert type="error" showIcon title={wf.error.message} />;
  const schema = wf.data.start.schema ?? { type: 'object' };
  // A link may open the form for a union below the caller's (?org=) with fields filled in (e.g. the renew-or-exit list's "start an exit").
  const search = new URLSearchParams(location.search);
  const org = search.get('org');
  const initial = prefilled(schema, search);
  const start = async (body: Record<string, unknown>) => {
    const created = await api<Instance>(`/api/workflows/${encodeURIComponent(type)}/instances${org ? `?org=${encodeURIComponent(org)}` : ''}`, { method: 'POST', body });
    await qc.invalidateQueries({ queryKey: ['cases'] });
    navigate(`/cases/${created.id}`);
  };
  return (
    <section aria-labelledby="start-title">
      <Typography.Title level={2} id="start-title" style={{ fontSize: 20 }}>{pick(wf.data.title)} · {pick(wf.data.start.title)}</Typography.Title>
      <Card><SchemaForm schema={schema} submitLabel={t('startRequest')} onSubmit={start} idPrefix="start" initial={initial} /></Card>
    </section>
  );
}

/** The start schema's top-level fields given in the query, integers as numbers. */
function prefilled(schema: Record<string, unknown>, search: URLSearchParams): Record<string, unknown> | undefined {
  const props = (schema.properties ?? {}) as Record<string, { type?: string }>;
  const out = Object.fromEntries([...search].filter(([k]) => k in props).map(([k, v]) => [k, props[k].type === 'integer' ? Number(v) : v]));
  return Object.keys(out).length ? out : undefined;
}
