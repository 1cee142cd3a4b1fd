// The city-wide working-day calendar: the holidays and make-up workdays of the coming year as the
// State Council announces them (entered by the root union's admin), then the year marked complete
// so the deadlines computed in it become firm. Each change moves the pending deadlines it touches.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useLabel } from '../People.tsx';
import { fetchAll, showOnFields } from './forms.ts';

type Override = { date: string; kind: 'workday' | 'holiday'; note?: string };
type Years = { knownThrough: string; package: { from: number; to: number }; completeYears: number[] };
type Recomputed = { recomputed?: { cases: number; deadlines: number } };

export function Calendar() {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const overrides = useQuery({ queryKey: ['overrides'], queryFn: () => fetchAll<Override>('/api/calendar/overrides') });
  const years = useQuery({ queryKey: ['calendar-years'], queryFn: () => api<Years>('/api/calendar/years') });
  const next = new Date().getFullYear() + 1;
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['overrides'] }), qc.invalidateQueries({ queryKey: ['calendar-years'] })]);
  const moved = (r: Recomputed) => t('calMoved', { cases: r.recomputed?.cases ?? 0, deadlines: r.recomputed?.deadlines ?? 0 });

  async function add(v: { date: Dayjs; kind: string; note?: string }) {
    setError(null);
    try {
      const r = await api<Recomputed>(`/api/calendar/overrides/${v.date.format('YYYY-MM-DD')}`, { method: 'PUT', body: { kind: v.kind, ...(v.note ? { note: v.note } : {}) } });
      message.success(`${t('saved')}：${moved(r)}`);
      form.resetFields();
      await refresh();
    } catch (e) { setError(showOnFields(form, e, ['date', 'kind', 'note'])); }
  }
  const remove = (o: Override) => api(`/api/calendar/overrides/${o.date}`, { method: 'DELETE' }).then(refresh, (e) => message.error(e.message));
  const markYear = (year: number, complete: boolean) =>
    api<Recomputed>(`/api/calendar/years/${year}`, { method: 'PUT', body: { complete } }).then((r) => { message.success(moved(r)); return refresh(); }, (e) => message.error(e.message, 8));

  const y = years.data;
  return (
    <>
      {y && (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} items={[
          { key: 'known', label: t('calKnownThrough'), children: y.knownThrough },
          { key: 'pkg', label: t('calPackage'), children: `${y.package.from}–${y.package.to}` },
          { key: 'done', label: t('calComplete'), children: y.completeYears.length ? y.completeYears.join(', ') : '—' },
        ]} />
      )}
      <Card size="small" title={t('calAdd')} style={{ marginBottom: 16 }}>
        <Form name="override" form={form} layout="inline" onFinish={add} style={{ rowGap: 8 }}>
          <Form.Item name="date" label={t('calDate')} rules={[{ required: true, message: t('required') }]}><DatePicker /></Form.Item>
          <Form.Item name="kind" label={t('calKind')} rules={[{ required: true, message: t('required') }]}>
            <Select style={{ minWidth: 140 }} options={['holiday', 'workday'].map((k) => ({ value: k, label: label('dayKind', k) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('calNote')}><Input maxLength={200} placeholder={t('calNoteHint')} /></Form.Item>
          <Button type="primary" htmlType="submit">{t('calAddButton')}</Button>
        </Form>
        {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      </Card>
      <Space wrap style={{ marginBottom: 12 }}>
        {y?.completeYears.includes(next)
          ? <Button onClick={() => markYear(next, false)}>{t('calReopen', { year: next })}</Button>
          : <Popconfirm title={t('calCompleteSure', { year: next })} onConfirm={() => markYear(next, true)} okText={t('save')} cancelText={t('cancel')}>
              <Button>{t('calMarkComplete', { year: next })}</Button>
            </Popconfirm>}
      </Space>
      <Table<Override> rowKey="date" size="small" loading={overrides.isPending} dataSource={overrides.data} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: t('empty') }}
        columns={[
          { title: t('calDate'), key: 'date', render: (_, o) => o.date },
          { title: t('calKind'), key: 'kind', render: (_, o) => <Tag color={o.kind === 'holiday' ? '#b91c1c' : '#1d4ed8'}>{label('dayKind', o.kind)}</Tag> },
          { title: t('calNote'), key: 'note', render: (_, o) => o.note ?? '' },
          {
            title: t('actions'), key: 'del', render: (_, o) => (
              <Popconfirm title={t('calDeleteSure', { date: o.date })} onConfirm={() => remove(o)} okText={t('calDelete')} cancelText={t('cancel')}>
                <Button size="small" danger aria-label={`${t('calDelete')} ${o.date}`}>{t('calDelete')}</Button>
              </Popconfirm>
            ),
          },
        ]} />
    </>
  );
}
