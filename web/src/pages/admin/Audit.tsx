// The audit-chain check over every case of the admin's subtree: how many were checked, and each
// broken chain with its case and where it breaks.
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, List, Result, Space, Typography } from 'antd';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';

type Report = { checked: number; broken: ({ instanceId: string; seq?: number; reason?: string } & Record<string, unknown>)[] };

export function Audit() {
  const { t } = useI18n();
  const run = useMutation({ mutationFn: () => api<Report>('/api/audit/verify') });
  const r = run.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('audIntro')}</Typography.Paragraph>
      <Button type="primary" onClick={() => run.mutate()} loading={run.isPending}>{t('audRun')}</Button>
      {run.isError && <Alert type="error" showIcon title={run.error.message} />}
      <div aria-live="polite">
        {r && r.broken.length === 0 && <Result status="success" title={t('audOk', { n: r.checked })} />}
        {r && r.broken.length > 0 && (
          <>
            <Alert type="error" showIcon title={t('audBroken', { n: r.broken.length, checked: r.checked })} style={{ marginBottom: 12 }} />
            <List bordered dataSource={r.broken} renderItem={(b) => (
              <List.Item><Link to={`/cases/${b.instanceId}`}>{b.instanceId.slice(0, 8)}</Link>&nbsp;{Object.entries(b).filter(([k]) => k !== 'instanceId').map(([k, v]) => `${k}: ${String(v)}`).join(' · ')}</List.Item>
            )} />
          </>
        )}
      </div>
    </Space>
  );
}
