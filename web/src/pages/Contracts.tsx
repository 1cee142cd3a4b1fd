// 续签或退出: contracts of the caller's subtree ending within a window (default 60 days), soonest
// first, with the register's "not to renew" (P5) and the decision case the daily sweep opened —
// the server's list (GET /api/contracts/ending); an exit may be started from a row.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, qs, type ApiError } from '../api.ts';
import type { Page } from '../data.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';

type Row = {
  personId: number; name: string; kind: string; orgId: number; orgName: string | null; from: string | null; to: string; daysLeft: number; notToRenew: boolean;
  decision: { id: string; state: string; stateTitle: { zh: string; en: string } | null; status: string } | null;
};

export default function Contracts() {
  const { t, pick } = useI18n();
  const [days, setDays] = useState('60');
  const query = qs({ days });
  const q = useInfiniteQuery({
    queryKey: ['contracts', query],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<Page<Row>>(`/api/contracts/ending${query}&limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.next,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const exitLink = (r: Row) => `/start/worker-exit?org=${r.orgId}&personId=${r.personId}&reason=contract_end`;
  return (
    <section aria-labelledby="ct-title">
      <Typography.Title level={2} id="ct-title" style={{ fontSize: 20 }}>{t('contracts')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('ctIntro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label={t('ctWithin')} value={days} onChange={setDays} style={{ minWidth: 160 }}
          options={['30', '60', '90', '180'].map((v) => ({ value: v, label: t('dlWithinN', { n: v }) }))} />
      </Space>
      {q.isError && <Alert type="error" showIcon title={(q.error as ApiError).message} />}
      <Table<Row> rowKey={(r) => `${r.personId}:${r.to}`} size="middle" loading={q.isPending} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('ctName'), key: 'name', render: (_, r) => <Link to={`/people/${r.personId}`}>{r.name}</Link> },
          { title: t('union'), key: 'org', render: (_, r) => r.orgName ?? r.orgId },
          { title: t('ctEnds'), key: 'to', render: (_, r) => r.to },
          { title: t('dlLeft'), key: 'left', render: (_, r) => t('ctDaysLeft', { n: String(r.daysLeft) }) },
          { title: t('ctAssessment'), key: 'ntr', render: (_, r) => (r.notToRenew ? <Tag color="#92400e">{t('ctNotToRenew')}</Tag> : '—') },
          {
            title: t('ctDecision'), key: 'decision',
            render: (_, r) => (r.decision
              ? <Link to={`/cases/${r.decision.id}`}>{pick(r.decision.stateTitle ?? undefined) || r.decision.state}</Link>
              : <Typography.Text type="secondary">{t('ctNoCase')}</Typography.Text>),
          },
          { title: t('ctAction'), key: 'act', render: (_, r) => (r.decision ? '—' : <Link to={exitLink(r)}>{t('ctStartExit')}</Link>) },
        ]} />
      {q.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>{t('more')}</Button>}
    </section>
  );
}
