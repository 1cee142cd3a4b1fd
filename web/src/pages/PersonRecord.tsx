// One person's record (R-realname §3.4): every field, the ID number as the API gives it (masked, or
// whole for hr and admin of the person's union or above), the pre-job hours (R-prejob §3.2.3), and
// the timeline of dated entries with forms to add training, certificates, contracts, talks, commendations.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Result, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api.ts';
import { useOrgNames } from '../data.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { placeErrors } from './PersonForm.tsx';
import { LinkButton, useLabel, type Entry, type Person } from './People.tsx';
import type { PageProps } from './registry.ts';

const ENTRY_KINDS = ['training', 'certificate', 'contract', 'talk', 'commendation'] as const;
type EntryKind = (typeof ENTRY_KINDS)[number];

/** The fields of each entry form: [name, label key, kind of input, required]. */
const ENTRY_FIELDS: Record<EntryKind, [string, Key, 'text' | 'hours' | 'check' | 'contractKind' | 'date', boolean][]> = {
  training: [['course', 'regCourse', 'text', true], ['hours', 'regHours', 'hours', true], ['provider', 'regProvider', 'text', false], ['ethics', 'regEthics', 'check', false]],
  certificate: [['name', 'regCertName', 'text', true], ['number', 'regCertNumber', 'text', false]],
  contract: [['contractKind', 'regContractKind', 'contractKind', true], ['number', 'regContractNumber', 'text', false], ['from', 'regContractFrom', 'date', true], ['to', 'regContractTo', 'date', false]],
  talk: [['with', 'regTalkWith', 'text', true], ['topic', 'regTalkTopic', 'text', true]],
  commendation: [['title', 'regCommendTitle', 'text', true], ['by', 'regCommendBy', 'text', false]],
};

function usePrejobHours() {
  return useQuery({
    queryKey: ['setting', 'prejobHours'], staleTime: 300_000,
    queryFn: () => api<{ items: { key: string; value: unknown }[] }>('/api/settings?limit=200').then((r) => Number(r.items.find((s) => s.key === 'prejobHours')?.value ?? 16)),
  });
}

export default function PersonRecord({ params }: PageProps) {
  const { t } = useI18n();
  const label = useLabel();
  const orgs = useOrgNames();
  const session = useSession();
  const need = usePrejobHours();
  const [adding, setAdding] = useState<EntryKind>();
  const q = useQuery({ queryKey: ['person', params.id], queryFn: () => api<Person>(`/api/people/${encodeURIComponent(params.id)}`) });
  if (q.isPending) return <Spin />;
  if (q.isError) {
    const s = q.error instanceof ApiError ? q.error.status : 0;
    return <Result status={s === 403 || s === 404 ? '403' : 'error'} title={s === 403 || s === 404 ? t('noAccess') : t('error')} subTitle={q.error.message} extra={<Link to="/people">{t('back')}</Link>} />;
  }
  const p = q.data;
  const d = (p.details ?? {}) as Record<string, any>;
  const writer = !!session.data?.user.roles.some((r) => r === 'hr' || r === 'admin');
  const entries = p.entries ?? [];
  const hours = entries.filter((e) => e.kind === 'training' && (!p.startDate || e.onDate >= p.startDate)).reduce((n, e) => n + Number(e.data.hours ?? 0), 0);
  const c = d.contract as Record<string, string> | undefined;
  return (
    <section aria-labelledby="person-title">
      <Link to="/people">← {t('register')}</Link>
      <Space align="center" wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={2} id="person-title" style={{ fontSize: 20 }}>{p.name}</Typography.Title>
        {writer && <LinkButton to={`/people/${p.id}/edit`}>{t('regEdit')}</LinkButton>}
      </Space>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={[
        { key: 'id', label: t('pplId'), children: <span className="uw-mono">{p.idNumber ?? '—'}</span> },
        { key: 'kind', label: t('pplKind'), children: label('personKind', p.kind) },
        { key: 'org', label: t('union'), children: orgs.data?.get(p.orgId) ?? p.orgId },
        { key: 'status', label: t('status'), children: <span data-testid="person-status">{label('personStatus', p.status)}</span> },
        { key: 'post', label: t('regPost'), children: p.post ?? '—' },
        { key: 'start', label: t('regStart'), children: p.startDate ?? '—' },
        { key: 'end', label: t('regEnd'), children: p.endDate ?? '—' },
        { key: 'contract', label: t('regContract'), children: c ? `${label('contractKind', c.kind)} ${c.number ?? ''} ${c.from ?? ''} – ${c.to ?? ''}` : '—' },
        { key: 'pay', label: t('regPayBand'), children: d.payBand ?? '—' },
        { key: 'phone', label: t('regPhone'), children: d.phone ?? '—' },
        { key: 'email', label: t('regEmail'), children: d.email ?? '—' },
        { key: 'certs', label: t('regCertificates'), children: Array.isArray(d.certificates) && d.certificates.length ? d.certificates.join('、') : '—' },
        { key: 'prejob', label: t('entry_training'), children: t('regPrejob', { hours, need: need.data ?? 16 }) },
        { key: 'case', label: t('pplSource'), children: p.sourceInstanceId ? <Link to={`/cases/${p.sourceInstanceId}`}>{t('open')}</Link> : '—' },
      ]} />
      <Typography.Title level={3} style={{ fontSize: 17, marginTop: 24 }}>{t('regTimeline')}</Typography.Title>
      {writer && <Space wrap style={{ marginBottom: 16 }}>
        {ENTRY_KINDS.map((k) => <Button key={k} onClick={() => setAdding(k)}>{t(`regAdd_${k}` as Key)}</Button>)}
      </Space>}
      {entries.length ? <Timeline items={[...entries].reverse().map((e) => ({ key: e.id, content: <EntryLine e={e} /> }))} /> : <Typography.Paragraph>{t('regNoEntries')}</Typography.Paragraph>}
      {adding && <EntryModal person={p} kind={adding} onClose={() => setAdding(undefined)} />}
    </section>
  );
}

function EntryLine({ e }: { e: Entry }) {
  const { t } = useI18n();
  const label = useLabel();
  const x = e.data as Record<string, any>;
  const what = e.kind === 'status' ? (x.from ? `${label('personStatus', x.from)} → ${label('personStatus', x.to)}` : `${t('regEntered')}：${label('personStatus', x.to)}`)
    : e.kind === 'training' ? `${x.course}，${x.hours} ${t('regHours').toLowerCase()}${x.provider ? `，${x.provider}` : ''}${x.ethics ? `，${t('regEthics')}` : ''}`
      : e.kind === 'contract' ? `${label('contractKind', x.kind)} ${x.number ?? ''} ${x.from ?? ''} – ${x.to ?? ''}`
        : e.kind === 'talk' ? `${x.with}：${x.topic}` : e.kind === 'commendation' ? `${x.title}${x.by ? `（${x.by}）` : ''}` : e.kind === 'certificate' ? `${x.name} ${x.number ?? ''}`
          : Object.entries(x).filter(([, v]) => typeof v !== 'object').map(([k, v]) => `${k}: ${v}`).join('，');
  return (
    <div>
      <Typography.Text strong>{e.onDate}</Typography.Text> <Tag>{label('entry', e.kind)}</Tag> {what}
      {e.kind === 'status' && x.reason && <div><Typography.Text type="secondary">{x.reason}</Typography.Text></div>}
      {e.sourceInstanceId && <div><Link to={`/cases/${e.sourceInstanceId}`}>{t('open')}</Link></div>}
    </div>
  );
}

function EntryModal({ person, kind, onClose }: { person: Person; kind: EntryKind; onClose(): void }) {
  const { t } = useI18n();
  const label = useLabel();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = ENTRY_FIELDS[kind];
  const submit = async (v: Record<string, unknown>) => {
    setBusy(true); setError(null);
    const body = Object.fromEntries(Object.entries({ kind, ...v } as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== ''));
    try {
      const saved = await api<Person>(`/api/people/${person.id}/records`, { method: 'POST', body });
      qc.setQueryData(['person', String(person.id)], saved);
      await qc.invalidateQueries({ queryKey: ['people'] });
      onClose();
    } catch (e) { setError(placeErrors(form, e, ['onDate', ...fields.map((f) => f[0])])); } finally { setBusy(false); }
  };
  const title = t(`regAdd_${kind}` as Key);
  return (
    <Modal open title={title} onCancel={onClose} okText={t('save')} cancelText={t('cancel')} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name={`entry-${kind}`} aria-label={title} onFinish={submit} initialValues={kind === 'training' ? { ethics: false } : {}}>
        <Form.Item name="onDate" label={t('regOnDate')} rules={[{ required: true, message: t('required') }]}><Input type="date" /></Form.Item>
        {fields.map(([name, key, input, required]) => (
          <Form.Item key={name} name={name} label={input === 'check' ? undefined : t(key)} valuePropName={input === 'check' ? 'checked' : 'value'} rules={required ? [{ required: true, message: t('required') }] : []}>
            {input === 'hours' ? <InputNumber min={0.5} step={0.5} style={{ width: '100%' }} />
              : input === 'check' ? <Checkbox>{t(key)}</Checkbox>
                : input === 'date' ? <Input type="date" />
                  : input === 'contractKind' ? <Select options={['labour_contract', 'service_agreement', 'appointment'].map((k) => ({ value: k, label: label('contractKind', k) }))} />
                    : <Input maxLength={name === 'topic' ? 500 : 200} />}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
