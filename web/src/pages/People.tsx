// 人员: the real-name register of the caller's subtree, filtered by kind, union, status and a part
// of the name (the API's filters); one person's record, the ID number as the API
// gives it (masked, or in full for hr and admin on one record), and the case that entered them.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Input, Result, Select, Space, Spin, Table, Typography } from 'antd';
import { useDeferredValue, useState } from 'react';
import { api, ApiError, qs } from '../api.ts';
import { useOrgNames, type Page } from '../data.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import './pages.css';
import type { PageProps } from './registry.ts';

type Person = { id: number; name: string; kind: string; orgId: number; status: string; startDate: string | null; endDate: string | null; idNumber: string | null; details?: Record<string, unknown>; sourceInstanceId: string | null };
const KINDS = ['purchased_service_staff', 'cadre', 'social_worker', 'community_officer', 'wage_instructor', 'lawyer', 'labor_supervisor'];

/** A code's label from the dictionary (`<prefix>_<code>`), the code itself when there is none. */
export function useLabel() {
  const { t } = useI18n();
  return (prefix: string, code: string | null | undefined) => {
    if (!code) return '—';
    const k = `${prefix}_${code}` as Key;
    try { return t(k) || code; } catch { return code; }
  };
}

export default function People() {
  const { t } = useI18n();
  const label = useLabel();
  const orgs = useOrgNames();
  const [kind, setKind] = useState<string>();
  const [org, setOrg] = useState<number>();
  const [status, setStatus] = useState<string>();
  const [name, setName] = useState('');
  const typed = useDeferredValue(name.trim()); // asked of the server, not once per keystroke under load
  const query = qs({ kind, org: org ? String(org) : undefined, status: status || undefined, name: typed || undefined });
  const q = useInfiniteQuery({
    queryKey: ['people', query],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<Page<Person>>(`/api/people${query || '?'}${query ? '&' : ''}limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.next,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="people-title">
      <Typography.Title level={2} id="people-title" style={{ fontSize: 20 }}>{t('register')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }} role="search" aria-label={t('pplSearch')}>
        <Input allowClear aria-label={t('pplName')} placeholder={t('pplName')} value={name} onChange={(e) => setName(e.target.value)} style={{ width: 180 }} />
        <Select allowClear aria-label={t('pplKind')} placeholder={`${t('pplKind')}: ${t('all')}`} style={{ minWidth: 200 }} value={kind} onChange={setKind}
          options={KINDS.map((k) => ({ value: k, label: label('personKind', k) }))} />
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} aria-label={t('union')} placeholder={`${t('union')}: ${t('all')}`} style={{ minWidth: 200 }} value={org} onChange={setOrg}
          options={[...(orgs.data ?? new Map<number, string>())].map(([id, n]) => ({ value: id, label: n }))} />
        <Select allowClear aria-label={t('status')} placeholder={`${t('status')}: ${t('all')}`} style={{ minWidth: 140 }} value={status} onChange={setStatus}
          options={['in_post', 'exited'].map((s) => ({ value: s, label: label('personStatus', s) }))} />
      </Space>
      {q.isError && <Alert type="error" showIcon title={(q.error as ApiError).message} />}
      <Table<Person> rowKey="id" size="middle" loading={q.isPending} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('pplName'), key: 'name', render: (_, p) => <Link to={`/people/${p.id}`}>{p.name}</Link> },
          { title: t('pplId'), key: 'id', render: (_, p) => <span className="uw-mono">{p.idNumber ?? '—'}</span> },
          { title: t('pplKind'), key: 'kind', render: (_, p) => label('personKind', p.kind) },
          { title: t('union'), key: 'org', render: (_, p) => orgs.data?.get(p.orgId) ?? p.orgId, responsive: ['md'] },
          { title: t('status'), key: 'status', render: (_, p) => label('personStatus', p.status) },
          { title: t('pplStart'), key: 'start', render: (_, p) => p.startDate ?? '—', responsive: ['md'] },
        ]} />
      {q.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>{t('more')}</Button>}
    </section>
  );
}

export function PersonRecord({ params }: PageProps) {
  const { t } = useI18n();
  const label = useLabel();
  const orgs = useOrgNames();
  const q = useQuery({ queryKey: ['person', params.id], queryFn: () => api<Person>(`/api/people/${encodeURIComponent(params.id)}`) });
  if (q.isPending) return <Spin />;
  if (q.isError) {
    const s = q.error instanceof ApiError ? q.error.status : 0;
    return <Result status={s === 403 || s === 404 ? '403' : 'error'} title={s === 403 || s === 404 ? t('noAccess') : t('error')} subTitle={q.error.message} extra={<Link to="/people">{t('back')}</Link>} />;
  }
  const p = q.data;
  const details = Object.entries(p.details ?? {}).filter(([, v]) => v !== null && typeof v !== 'object');
  return (
    <section aria-labelledby="person-title">
      <Link to="/people">← {t('register')}</Link>
      <Typography.Title level={2} id="person-title" style={{ fontSize: 20 }}>{p.name}</Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={[
        { key: 'id', label: t('pplId'), children: <span className="uw-mono">{p.idNumber ?? '—'}</span> },
        { key: 'kind', label: t('pplKind'), children: label('personKind', p.kind) },
        { key: 'org', label: t('union'), children: orgs.data?.get(p.orgId) ?? p.orgId },
        { key: 'status', label: t('status'), children: label('personStatus', p.status) },
        { key: 'start', label: t('pplStart'), children: p.startDate ?? '—' },
        { key: 'end', label: t('pplEnd'), children: p.endDate ?? '—' },
        { key: 'case', label: t('pplSource'), children: p.sourceInstanceId ? <Link to={`/cases/${p.sourceInstanceId}`}>{t('open')}</Link> : '—' },
        ...details.map(([k, v]) => ({ key: `d-${k}`, label: k, children: String(v) })),
      ]} />
    </section>
  );
}
