// A page-by-page list of cases (inbox, mine, handled): soonest deadline and overdue days in red,
// filters by process and union (asked of the server), "load more" for the next page.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, qs, type ApiError } from './api.ts';
import { leftText, useOrgNames, useWorkflows, type Instance, type Page } from './data.ts';
import { useI18n } from './i18n/index.tsx';
import { Link } from './router.tsx';

export function DeadlineCell({ c }: { c: Instance }) {
  const { t } = useI18n();
  const due = soonest(c);
  if (!due) return <span>—</span>;
  const late = due.overdue;
  return (
    <span className={late ? 'uw-overdue' : undefined}>
      {due.dueAt.slice(0, 10)}{' '}
      {leftText(due, t)}
    </span>
  );
}

/** The case's next deadline that is not a mere reminder (a reminder if that is all there is). */
export const soonest = (c: Instance) =>
  [...c.deadlines].sort((a, b) => Number(a.kind === 'reminder') - Number(b.kind === 'reminder') || a.dueAt.localeCompare(b.dueAt))[0];

export function CaseTable({ source, title }: { source: string; title: string }) {
  const { t, pick } = useI18n();
  const workflows = useWorkflows();
  const orgs = useOrgNames();
  const [type, setType] = useState<string>();
  const [org, setOrg] = useState<number>();
  const q = useInfiniteQuery({
    queryKey: ['cases', source, type, org],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<Page<Instance>>(`${source}${source.includes('?') ? '&' : '?'}limit=50${qs({ type, org: org?.toString(), cursor: pageParam ?? undefined }).replace('?', '&')}`),
    getNextPageParam: (last) => last.next,
  });
  const all = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  const wfTitle = (ty: string) => pick(workflows.data?.find((w) => w.type === ty)?.title) || ty;
  return (
    <section aria-labelledby="list-title">
      <Typography.Title level={2} id="list-title" style={{ fontSize: 20 }}>{title}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear aria-label={t('process')} placeholder={`${t('process')}: ${t('all')}`} style={{ minWidth: 200 }} value={type} onChange={setType}
          options={(workflows.data ?? []).map((w) => ({ value: w.type, label: pick(w.title) }))} />
        <Select allowClear aria-label={t('union')} placeholder={`${t('union')}: ${t('all')}`} style={{ minWidth: 200 }} value={org} onChange={setOrg}
          showSearch optionFilterProp="label" options={[...(orgs.data ?? new Map<number, string>())].map(([id, name]) => ({ value: id, label: name }))} />
      </Space>
      {q.isError && <Alert type="error" showIcon title={(q.error as ApiError).message} />}
      {/* A case's `children` are its linked cases, not rows of a tree: no expand button. */}
      <Table<Instance> rowKey="id" size="middle" expandable={{ childrenColumnName: 'treeRows' }} loading={q.isPending} dataSource={all} pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: <span style={{ color: '#4b5563' }}>{t('empty')}</span> }}
        columns={[
          {
            title: t('subject'), key: 'subject',
            // A supervised case (inbox only) is tagged: the union follows it; the move is another's.
            render: (_, c) => <>{c.watching && <Tag color="purple" title={t('watchingHint')}>{t('watching')}</Tag>}<Link to={`/cases/${c.id}`}>{c.subject || c.id.slice(0, 8)}</Link></>,
          },
          { title: t('process'), key: 'type', render: (_, c) => wfTitle(c.type), responsive: ['md'] },
          { title: t('state'), key: 'state', render: (_, c) => <Tag color={c.status === 'active' ? 'blue' : 'default'}>{pick(c.stateTitle) || c.state}</Tag> },
          { title: t('union'), key: 'org', render: (_, c) => orgs.data?.get(c.orgId) ?? c.orgId, responsive: ['lg'] },
          { title: t('deadline'), key: 'deadline', render: (_, c) => <DeadlineCell c={c} /> },
        ]} />
      {q.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>{t('more')}</Button>}
    </section>
  );
}
