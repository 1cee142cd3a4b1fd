// 新增人员 / 编辑人员: the register's form (R-realname §3.4), for hr and admin of the person's union
// or above. The server checks the ID number (GB 11643) and the dates; its errors[] land on the fields.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Spin, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api.ts';
import { useOrgNames } from '../data.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link, useRouter } from '../router.tsx';
import { useLabel, KINDS, type Person } from './People.tsx';
import type { PageProps } from './registry.ts';

const CONTRACT_KINDS = ['labour_contract', 'service_agreement', 'appointment'];
const STATUSES = ['onboarding', 'in_post', 'exit_review', 'exited'];
/** The body's fields the form shows; the rest of an error goes to the alert. */
const FIELDS = ['name', 'idNumber', 'kind', 'orgId', 'post', 'startDate', 'endDate', 'status', 'reason', 'contract', 'payBand', 'phone', 'email', 'certificates'];

/** Each errors[] entry on its field (a pointer such as /contract/to names a nested one); the rest as one message. */
export function placeErrors(form: FormInstance, e: unknown, fields: string[]): string | null {
  if (!(e instanceof ApiError)) return (e as Error).message;
  const placed: { name: string[]; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const x of e.errors) {
    const name = x.pointer.split('/').filter(Boolean);
    if (name.length && fields.includes(name[0])) placed.push({ name, errors: [x.message] });
    else rest.push(x.message);
  }
  form.setFields(placed);
  return placed.length && !rest.length ? null : [e.message, ...rest].filter(Boolean).join('；');
}

/** Empty strings are not sent (the server takes a field left out as "not given"). */
function bodyOf(v: Record<string, any>, edit: boolean) {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== '' && x !== null && k !== 'contract' && k !== 'certificates') out[k] = typeof x === 'string' ? x.trim() : x;
  const c = v.contract ?? {};
  if (c.kind || c.from) out.contract = Object.fromEntries(Object.entries(c).filter(([, x]) => x));
  if (typeof v.certificates === 'string' && (v.certificates.trim() || edit)) out.certificates = v.certificates.split(/[,，、;；]/).map((s: string) => s.trim()).filter(Boolean);
  return out;
}

export default function NewPerson() {
  return <PersonForm />;
}

export function EditPerson({ params }: PageProps) {
  const q = useQuery({ queryKey: ['person', params.id], queryFn: () => api<Person>(`/api/people/${encodeURIComponent(params.id)}`) });
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon title={q.error.message} />;
  return <PersonForm person={q.data} />;
}

function PersonForm({ person }: { person?: Person }) {
  const { t } = useI18n();
  const label = useLabel();
  const orgs = useOrgNames();
  const qc = useQueryClient();
  const { navigate } = useRouter();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const d = (person?.details ?? {}) as Record<string, any>;
  const initial = person
    ? { name: person.name, idNumber: person.idNumber, kind: person.kind, orgId: person.orgId, post: person.post, startDate: person.startDate, endDate: person.endDate, status: person.status,
      contract: d.contract, payBand: d.payBand, phone: d.phone, email: d.email, certificates: Array.isArray(d.certificates) ? d.certificates.join('、') : undefined }
    : {};
  const submit = async (v: Record<string, any>) => {
    setBusy(true); setError(null);
    const body = bodyOf(v, !!person);
    if (person && body.idNumber === person.idNumber) delete body.idNumber; // unchanged (or as masked for a non-hr: never sent back)
    if (person && body.status === person.status) delete body.status;
    try {
      const saved = await api<Person>(person ? `/api/people/${person.id}` : '/api/people', { method: person ? 'PATCH' : 'POST', body });
      qc.setQueryData(['person', String(saved.id)], saved);
      await qc.invalidateQueries({ queryKey: ['people'] });
      navigate(`/people/${saved.id}`);
    } catch (e) { setError(placeErrors(form, e, FIELDS)); } finally { setBusy(false); }
  };
  const title = person ? t('regEditTitle') : t('regAdd');
  const req = [{ required: !person, whitespace: true, message: t('required') }];
  return (
    <section aria-labelledby="person-form-title">
      <Link to={person ? `/people/${person.id}` : '/people'}>← {person ? person.name : t('register')}</Link>
      <Typography.Title level={2} id="person-form-title" style={{ fontSize: 20 }}>{title}</Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name={person ? 'personEdit' : 'personAdd'} aria-label={title} initialValues={initial} onFinish={submit} style={{ maxWidth: 880 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}><Form.Item name="name" label={t('pplName')} rules={req}><Input maxLength={50} /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="idNumber" label={t('pplId')} rules={req}><Input maxLength={18} className="uw-mono" autoComplete="off" /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="kind" label={t('pplKind')} rules={[{ required: !person, message: t('required') }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: label('personKind', k) }))} />
          </Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="orgId" label={t('union')} rules={[{ required: !person, message: t('required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={[...(orgs.data ?? new Map<number, string>())].map(([id, n]) => ({ value: id, label: n }))} />
          </Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="post" label={t('regPost')}><Input maxLength={200} /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="startDate" label={t('regStart')} rules={[{ required: !person, message: t('required') }]}><Input type="date" /></Form.Item></Col>
          {person && <>
            <Col xs={24} md={12}><Form.Item name="status" label={t('status')}><Select options={STATUSES.map((s) => ({ value: s, label: label('personStatus', s) }))} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="endDate" label={t('regEnd')}><Input type="date" /></Form.Item></Col>
            <Col xs={24}><Form.Item name="reason" label={t('regReason')}><Input maxLength={500} /></Form.Item></Col>
          </>}
        </Row>
        <Card size="small" title={t('regContract')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={6}><Form.Item name={['contract', 'kind']} label={t('regContractKind')}>
              <Select allowClear options={CONTRACT_KINDS.map((k) => ({ value: k, label: label('contractKind', k) }))} />
            </Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name={['contract', 'number']} label={t('regContractNumber')}><Input maxLength={60} /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name={['contract', 'from']} label={t('regContractFrom')}><Input type="date" /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name={['contract', 'to']} label={t('regContractTo')}><Input type="date" /></Form.Item></Col>
          </Row>
        </Card>
        <Row gutter={16}>
          <Col xs={24} md={8}><Form.Item name="payBand" label={t('regPayBand')}><Input maxLength={40} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="phone" label={t('regPhone')}><Input maxLength={30} /></Form.Item></Col>
          <Col xs={24} md={8}><Form.Item name="email" label={t('regEmail')}><Input maxLength={200} type="email" /></Form.Item></Col>
          <Col xs={24}><Form.Item name="certificates" label={t('regCertificates')} extra={t('regCertificatesHint')}><Input /></Form.Item></Col>
        </Row>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>{t('save')}</Button>
          <Link to={person ? `/people/${person.id}` : '/people'}>{t('cancel')}</Link>
        </Space>
      </Form>
    </section>
  );
}
