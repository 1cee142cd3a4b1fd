// The funnel as a plain SVG bar chart (no chart package): one bar per column, its length the
// number who reached it, with the number there now and the days spent (median / max); a table
// beside it says the same for screen readers.
import { useQuery } from '@tanstack/react-query';
import { Spin, Table } from 'antd';
import { api, qs } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import type { Filters, Funnel } from './types.ts';

export function FunnelChart({ id, filters }: { id: string; filters: Filters }) {
  const { t, pick } = useI18n();
  const q = useQuery({ queryKey: ['funnel', id, filters], queryFn: () => api<Funnel>(`/api/instances/${id}/pipeline/funnel${qs(filters)}`) });
  if (!q.data) return <Spin />;
  const rows = q.data.stages;
  const top = Math.max(1, ...rows.map((r) => r.reached));
  const W = 640; const H = 26; const LABEL = 130;
  const days = (r: Funnel['stages'][number]) => (r.days ? t('bdDays', { median: r.days.median, max: r.days.max }) : '—');
  return (
    <div>
      <svg role="img" aria-label={t('bdFunnel')} viewBox={`0 0 ${W} ${rows.length * H + 4}`} style={{ width: '100%', maxWidth: W }} data-testid="funnel">
        {rows.map((r, i) => {
          const w = ((W - LABEL - 280) * r.reached) / top; // room for the numbers after the longest bar
          return (
            <g key={r.id} transform={`translate(0 ${i * H})`}>
              <text x={LABEL - 6} y={17} textAnchor="end" fontSize={12} fill="#1f2937">{pick(r.title)}</text>
              <rect x={LABEL} y={4} width={Math.max(w, 1)} height={H - 8} fill={r.days ? '#1d4ed8' : '#64748b'} rx={2} />
              <text x={LABEL + w + 6} y={17} fontSize={12} fill="#1f2937">{`${r.reached}（${t('bdNow')} ${r.now}）${r.days ? ` ${days(r)}` : ''}`}</text>
            </g>
          );
        })}
      </svg>
      <Table size="small" rowKey="id" pagination={false} dataSource={rows} style={{ marginTop: 12 }} columns={[
        { title: t('bdColumn'), key: 'c', render: (_, r) => pick(r.title) },
        { title: t('bdReached'), dataIndex: 'reached' },
        { title: t('bdNow'), dataIndex: 'now' },
        { title: t('bdTimeIn'), key: 'd', render: (_, r) => days(r) },
      ]} />
    </div>
  );
}
