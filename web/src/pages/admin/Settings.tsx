// The settings in force, each with the rule and clause it serves and where its default comes from;
// the root union's admin changes one with a reason (the input drawn from the setting's published
// JSON Schema); every change in the history below.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { fetchAll, showOnFields } from './forms.ts';
import { useOrgs } from './Orgs.tsx';

type Schema = { type?: string | string[]; minimum?: number; maximum?: number; enum?: unknown[]; items?: Schema };
type Setting = { key: string; owner: string; value: unknown; default: unknown; schema: Schema; title: { zh: string; en?: string }; rule: string | null; clause: string | null; source: string; updatedAt: string | null; updatedBy: { id: string; name: string } | null };
type Change = { id: number; key: string; old: unknown; new: unknown; by: { id: string; name: string }; at: string; reason: string };

const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? (v ? '✓' : '✗') : JSON.stringify(v));
const numeric = (s?: Schema) => s?.type === 'integer' || s?.type === 'number';

/** The form's value for a setting's value, and back: number lists as "60, 30, 7", anything unusual as JSON. */
function widget(s: Schema) {
  if (numeric(s)) return { input: <InputNumber min={s.minimum} max={s.maximum} style={{ width: '100%' }} />, to: (v: unknown) => v, from: (v: unknown) => v };
  if (s.type === 'boolean') return { input: <Switch />, checked: true, to: (v: unknown) => v, from: (v: unknown) => !!v };
  if (s.enum) return { input: <Select options={s.enum.map((x) => ({ value: x as string, label: String(x) }))} />, to: (v: unknown) => v, from: (v: unknown) => v };
  if (s.type === 'array' && s.items?.type === 'string') return { input: <Select mode="tags" open={false} />, to: (v: unknown) => v, from: (v: unknown) => v };
  if (s.type === 'array' && numeric(s.items))
    return { input: <Input />, to: (v: unknown) => (v as number[]).join(', '), from: (v: unknown) => String(v).split(/[,，\s]+/).filter(Boolean).map(Number) };
  return { input: <Input.TextArea rows={3} />, to: (v: unknown) => JSON.stringify(v), from: (v: unknown) => JSON.parse(String(v)) };
}

export function Settings() {
  const { t, pick } = useI18n();
  const session = useSession();
  const orgs = useOrgs();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => fetchAll<Setting>('/api/settings') });
  const history = useQuery({ queryKey: ['settings-history'], queryFn: () => api<{ items: Change[] }>('/api/settings/history?limit=50').then((r) => r.items) });
  const [editing, setEditing] = useState<Setting | null>(null);
  const me = orgs.data?.find((o) => o.id === session.data?.user.orgId);
  const root = !!me && me.parentId === null;
  const titleOf = (key: string) => pick(settings.data?.find((s) => s.key === key)?.title) || key;
  return (
    <>
      {!root && <Alert type="info" showIcon title={t('setRootOnly')} style={{ marginBottom: 12 }} />}
      {settings.isError && <Alert type="error" showIcon title={settings.error.message} />}
      <Table<Setting> rowKey="key" size="middle" loading={settings.isPending} dataSource={settings.data} pagination={false} scroll={{ x: 'max-content' }}
        columns={[
          { title: t('setName'), key: 'title', render: (_, s) => <>{pick(s.title)}<br /><Typography.Text type="secondary" className="uw-mono">{s.key}</Typography.Text></> },
          { title: t('setValue'), key: 'value', render: (_, s) => <>{show(s.value)}{JSON.stringify(s.value) !== JSON.stringify(s.default) && <Typography.Text type="secondary"> ({t('setDefault')} {show(s.default)})</Typography.Text>}</> },
          { title: t('dlClause'), key: 'rule', render: (_, s) => (s.rule ? <>{s.clause} <Typography.Text type="secondary">{s.rule}</Typography.Text></> : t('setSystem')) },
          { title: t('setSource'), key: 'source', render: (_, s) => s.source, responsive: ['lg'] },
          { title: t('actions'), key: 'edit', render: (_, s) => root && <Button size="small" onClick={() => setEditing(s)} aria-label={`${t('setChange')} ${pick(s.title)}`}>{t('setChange')}</Button> },
        ]} />
      <Card size="small" title={t('setHistory')} style={{ marginTop: 16 }}>
        {/* A scroll box of its own that the keyboard can reach (the history has no links to tab to). */}
        <div className="uw-scroll" tabIndex={0} role="region" aria-label={t('setHistory')}>
        <Table<Change> rowKey="id" size="small" loading={history.isPending} dataSource={history.data} pagination={false} locale={{ emptyText: t('empty') }}
          columns={[
            { title: t('at'), key: 'at', render: (_, h) => new Date(h.at).toLocaleString() },
            { title: t('setName'), key: 'key', render: (_, h) => titleOf(h.key) },
            { title: t('setChangeCol'), key: 'change', render: (_, h) => `${h.old === null ? '—' : show(h.old)} → ${show(h.new)}` },
            { title: t('by'), key: 'by', render: (_, h) => h.by.name },
            { title: t('setReason'), key: 'reason', render: (_, h) => h.reason },
          ]} />
        </div>
      </Card>
      {editing && <ChangeSetting s={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ChangeSetting({ s, onClose }: { s: Setting; onClose(): void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const w = widget(s.schema);
  async function submit(v: { value: unknown; reason: string }) {
    setError(null);
    let value: unknown;
    try { value = w.from(v.value); } catch { form.setFields([{ name: 'value', errors: [t('setBadJson')] }]); return; }
    try {
      const r = await api<{ changed: boolean; note: { zh: string; en?: string } }>(`/api/settings/${encodeURIComponent(s.key)}`, { method: 'PUT', body: { value, reason: v.reason } });
      message.success(r.changed ? pick(r.note) : t('setUnchanged'), 8);
      await Promise.all([qc.invalidateQueries({ queryKey: ['settings'] }), qc.invalidateQueries({ queryKey: ['settings-history'] })]);
      onClose();
    } catch (e) { setError(showOnFields(form, e, ['value', 'reason'])); }
  }
  return (
    <Modal open title={`${t('setChange')}：${pick(s.title)}`} onCancel={onClose} okText={t('save')} cancelText={t('cancel')} onOk={() => form.submit()} destroyOnHidden>
      <Form name="setting" form={form} layout="vertical" onFinish={submit} initialValues={{ value: w.to(s.value) }}>
        {s.rule && <Typography.Paragraph type="secondary">{s.clause} · {s.rule}</Typography.Paragraph>}
        <Form.Item name="value" label={t('setValue')} valuePropName={w.checked ? 'checked' : 'value'} rules={[{ required: !w.checked, message: t('required') }]}>{w.input}</Form.Item>
        <Form.Item name="reason" label={t('setReason')} rules={[{ required: true, whitespace: true, message: t('setReasonNeeded') }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        {error && <Alert role="alert" type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
