// The mail outbox of the admin's subtree, newest first: failures with their last error, and a
// retry once the cause (address, SMTP settings) is fixed.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../api.ts';
import type { Page } from '../../data.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { useLabel } from '../People.tsx';

type Mail = { id: number; instanceId: string | null; template: string; to: string | null; subject: string; status: string; attempts: number; nextAttemptAt: string; lastError: string | null; createdAt: string; sentAt: string | null };
const COLOUR: Record<string, string> = { failed: '#b91c1c', no_recipient: '#9a3412', sent: '#166534', pending: '#1d4ed8', sending: '#1d4ed8' };

export function Outbox() {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [status, setStatus] = useState<string | undefined>('failed');
  const query = qs({ status });
  const q = useInfiniteQuery({
    queryKey: ['outbox', query],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<Page<Mail>>(`/api/notifications${query || '?'}${query ? '&' : ''}limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.next,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const retry = (m: Mail) => api(`/api/notifications/${m.id}/retry`, { method: 'POST' }).then(() => { message.success(t('mailRequeued')); return q.refetch(); }, (e) => message.error(e.message));
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear aria-label={t('status')} placeholder={`${t('status')}: ${t('all')}`} style={{ minWidth: 160 }} value={status} onChange={setStatus}
          options={['failed', 'no_recipient', 'pending', 'sending', 'sent'].map((s) => ({ value: s, label: label('mail', s) }))} />
      </Space>
      {q.isError && <Alert type="error" showIcon title={q.error.message} />}
      <Table<Mail> rowKey="id" size="middle" loading={q.isPending} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('mailSubject'), key: 'subject', render: (_, m) => <>{m.subject}{m.instanceId && <> · <Link to={`/cases/${m.instanceId}`}>{t('open')}</Link></>}</> },
          { title: t('mailTo'), key: 'to', render: (_, m) => m.to ?? '—' },
          { title: t('status'), key: 'status', render: (_, m) => <Tag color={COLOUR[m.status]}>{label('mail', m.status)}</Tag> },
          { title: t('mailAttempts'), key: 'attempts', render: (_, m) => m.attempts, responsive: ['md'] },
          { title: t('mailError'), key: 'error', render: (_, m) => m.lastError && <Typography.Text type="danger">{m.lastError}</Typography.Text> },
          { title: t('actions'), key: 'retry', render: (_, m) => m.status === 'failed' && m.to && <Button size="small" onClick={() => retry(m)} aria-label={`${t('mailRetry')} ${m.subject}`}>{t('mailRetry')}</Button> },
        ]} />
      {q.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>{t('more')}</Button>}
    </>
  );
}
