// 期限: open deadlines across the caller's subtree, soonest first (the server's order): the coming
// ones within a window, or only the overdue, days left or days late (in red), the clause, the case.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, qs, type ApiError } from '../api.ts';
import { leftText, useOrgNames, useWorkflows, type Deadline, type Page } from '../data.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';

type Row = Deadline & { instanceId: string; type: string; orgId: number; subject: string };

export function DaysLeft({ d }: { d: Pick<Deadline, 'daysLeft' | 'workingDaysLeft' | 'overdue'> }) {
  const { t } = useI18n();
  return <span className={d.overdue ? 'uw-overdue' : undefined}>{leftText(d, t)}</span>;
}

export default function Deadlines() {
  const { t, pick } = useI18n();
  const workflows = useWorkflows();
  const orgs = useOrgNames();
  const [show, setShow] = useState<'within' | 'overdue'>('within');
  const [within, setWithin] = useState('30d');
  const query = show === 'overdue' ? qs({ overdue: 'true' }) : qs({ within });
  const q = useInfiniteQuery({
    queryKey: ['deadlines', query],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<Page<Row>>(`/api/deadlines${query}&limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.next,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const wfTitle = (ty: string) => pick(workflows.data?.find((w) => w.type === ty)?.title) || ty;
  return (
    <section aria-labelledby="dl-title">
      <Typography.Title level={2} id="dl-title" style={{ fontSize: 20 }}>{t('deadlines')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group aria-label={t('dlShow')} optionType="button" value={show} onChange={(e) => setShow(e.target.value)}
          options={[{ value: 'within', label: t('dlUpcoming') }, { value: 'overdue', label: t('dlOverdue') }]} />
        {show === 'within' && (
          <Select aria-label={t('dlWithin')} value={within} onChange={setWithin} style={{ minWidth: 140 }}
            options={['7d', '30d', '90d', '365d'].map((v) => ({ value: v, label: t('dlWithinN', { n: v.slice(0, -1) }) }))} />
        )}
      </Space>
      {q.isError && <Alert type="error" showIcon title={(q.error as ApiError).message} />}
      <Table<Row> rowKey="id" size="middle" loading={q.isPending} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('empty') }}
        rowClassName={(d) => (d.overdue ? 'uw-row-overdue' : '')}
        columns={[
          { title: t('subject'), key: 'case', render: (_, d) => <Link to={`/cases/${d.instanceId}`}>{d.subject || d.instanceId.slice(0, 8)}</Link> },
          { title: t('dlWhat'), key: 'title', render: (_, d) => <>{pick(d.title) || d.kind}{d.provisional && <Tag color="#92400e" style={{ marginInlineStart: 6 }} title={d.note}>{t('dlProvisional')}</Tag>}</> },
          { title: t('dlDue'), key: 'due', render: (_, d) => d.dueAt.slice(0, 10) },
          { title: t('dlLeft'), key: 'left', render: (_, d) => <DaysLeft d={d} /> },
          { title: t('dlClause'), key: 'clause', render: (_, d) => <span>{d.clause} <Typography.Text type="secondary">{d.rule}</Typography.Text></span> },
          { title: t('process'), key: 'type', render: (_, d) => wfTitle(d.type), responsive: ['md'] },
          { title: t('union'), key: 'org', render: (_, d) => orgs.data?.get(d.orgId) ?? d.orgId, responsive: ['lg'] },
        ]} />
      {q.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>{t('more')}</Button>}
    </section>
  );
}
