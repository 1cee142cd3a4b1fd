// 人员: the real-name register of the caller's subtree, filtered by kind, union, status, a part of
// the name or post and a contract ending before a day (the API's filters, in SQL); 新增人员 for hr
// and admin. One person's record is PersonRecord.tsx, the forms PersonForm.tsx.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Select, Space, Table, Typography } from 'antd';
import { useDeferredValue, useState, type ReactNode } from 'react';
import { api, ApiError, qs } from '../api.ts';
import { useOrgNames, type Page } from '../data.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { Link, useRouter } from '../router.tsx';
import './pages.css';
import { useSession } from '../session.tsx';

export type Entry = { id: number; kind: string; onDate: string; data: Record<string, unknown>; sourceInstanceId: string | null; actorId: string; createdAt: string };
export type Person = {
  id: number; name: string; kind: string; orgId: number; status: string; startDate: string | null; endDate: string | null; idNumber: string | null; post: string | null; contractEnd: string | null;
  details?: Record<string, unknown>; sourceInstanceId: string | null; entries?: Entry[];
};
export const KINDS = ['purchased_service_staff', 'cadre', 'social_worker', 'community_officer', 'wage_instructor', 'lawyer', 'labor_supervisor'];

/** A link drawn as a button (antd renders an <a>), followed in the page rather than reloaded. */
export function LinkButton({ to, type, children }: { to: string; type?: 'primary'; children: ReactNode }) {
  const { navigate } = useRouter();
  return <Button href={to} type={type} onClick={(e) => { if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; e.preventDefault(); navigate(to); }}>{children}</Button>;
}

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
  const [post, setPost] = useState('');
  const [endsBefore, setEndsBefore] = useState('');
  const typed = useDeferredValue(name.trim()); // asked of the server, not once per keystroke under load
  const postTyped = useDeferredValue(post.trim());
  const session = useSession();
  const writer = !!session.data?.user.roles.some((r) => r === 'hr' || r === 'admin');
  const query = qs({ kind, org: org ? String(org) : undefined, status: status || undefined, name: typed || undefined, post: postTyped || undefined, contractEndsBefore: endsBefore || undefined });
  const q = useInfiniteQuery({
    queryKey: ['people', query],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<Page<Person>>(`/api/people${query || '?'}${query ? '&' : ''}limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.next,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="people-title">
      <Space align="center" wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={2} id="people-title" style={{ fontSize: 20 }}>{t('register')}</Typography.Title>
        {writer && <LinkButton to="/people/new" type="primary">{t('regAdd')}</LinkButton>}
      </Space>
      <Space wrap style={{ marginBottom: 12 }} role="search" aria-label={t('pplSearch')}>
        <Input allowClear aria-label={t('pplName')} placeholder={t('pplName')} value={name} onChange={(e) => setName(e.target.value)} style={{ width: 180 }} />
        <Select allowClear aria-label={t('pplKind')} placeholder={`${t('pplKind')}: ${t('all')}`} style={{ minWidth: 200 }} value={kind} onChange={setKind}
          options={KINDS.map((k) => ({ value: k, label: label('personKind', k) }))} />
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} aria-label={t('union')} placeholder={`${t('union')}: ${t('all')}`} style={{ minWidth: 200 }} value={org} onChange={setOrg}
          options={[...(orgs.data ?? new Map<number, string>())].map(([id, n]) => ({ value: id, label: n }))} />
        <Select allowClear aria-label={t('status')} placeholder={`${t('status')}: ${t('all')}`} style={{ minWidth: 140 }} value={status} onChange={setStatus}
          options={['onboarding', 'in_post', 'exit_review', 'exited'].map((s) => ({ value: s, label: label('personStatus', s) }))} />
        <Input allowClear aria-label={t('regPost')} placeholder={t('regPost')} value={post} onChange={(e) => setPost(e.target.value)} style={{ width: 160 }} />
        <label className="uw-inline-label">{t('regEndsBefore')} <Input type="date" aria-label={t('regEndsBefore')} value={endsBefore} onChange={(e) => setEndsBefore(e.target.value)} style={{ width: 160 }} /></label>
      </Space>
      {q.isError && <Alert type="error" showIcon title={(q.error as ApiError).message} />}
      <Table<Person> rowKey="id" size="middle" loading={q.isPending} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('pplName'), key: 'name', render: (_, p) => <Link to={`/people/${p.id}`}>{p.name}</Link> },
          { title: t('pplId'), key: 'id', render: (_, p) => <span className="uw-mono">{p.idNumber ?? '—'}</span> },
          { title: t('pplKind'), key: 'kind', render: (_, p) => label('personKind', p.kind) },
          { title: t('regPost'), key: 'post', render: (_, p) => p.post ?? '—', responsive: ['md'] },
          { title: t('union'), key: 'org', render: (_, p) => orgs.data?.get(p.orgId) ?? p.orgId, responsive: ['md'] },
          { title: t('status'), key: 'status', render: (_, p) => label('personStatus', p.status) },
          { title: t('pplStart'), key: 'start', render: (_, p) => p.startDate ?? '—', responsive: ['md'] },
          { title: t('regContractTo'), key: 'contractEnd', render: (_, p) => p.contractEnd ?? '—', responsive: ['lg'] },
        ]} />
      {q.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>{t('more')}</Button>}
    </section>
  );
}
