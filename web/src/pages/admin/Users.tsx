// Users of the admin's subtree and their roles: add one with a one-time initial password, change
// roles or disable, reset the password (shown once, to be changed at first sign-in), revoke or
// rotate the API tokens of scripts (a new token shown once).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useLabel } from '../People.tsx';
import { fetchAll, oneTimePassword, showOnFields } from './forms.ts';
import { useOrgs } from './Orgs.tsx';

type User = { id: number; name: string; login: string; email: string | null; orgId: number; roles: string[]; disabled?: boolean; mustChangePassword?: boolean; lockedUntil?: string | null };
const ROLES = ['requester', 'approver', 'hr', 'admin', 'viewer'];
type Shown = { title: string; lines: [string, string][]; note: string };

export function Users() {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => fetchAll<User>('/api/users') });
  const orgs = useOrgs();
  const orgName = (id: number) => orgs.data?.find((o) => o.id === id)?.name ?? String(id);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });

  async function revoke(u: User) {
    await api(`/api/users/${u.id}/tokens`, { method: 'DELETE' }).then(() => message.success(t('usrRevoked')), (e) => message.error(e.message));
  }
  async function rotate(u: User) {
    try {
      const r = await api<{ token: string }>(`/api/users/${u.id}/tokens`, { method: 'POST' });
      setShown({ title: t('usrNewToken', { name: u.name }), lines: [[t('usrToken'), r.token]], note: t('usrTokenOnce') });
    } catch (e) { message.error((e as Error).message); }
  }

  return (
    <>
      <Space style={{ marginBottom: 12 }}><Button type="primary" onClick={() => setAdding(true)}>{t('usrAdd')}</Button></Space>
      {users.isError && <Alert type="error" showIcon title={users.error.message} />}
      <Table<User> rowKey="id" size="middle" loading={users.isPending} dataSource={users.data} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
        columns={[
          { title: t('usrName'), key: 'name', render: (_, u) => <>{u.name}<br /><Typography.Text type="secondary">{u.login}</Typography.Text></> },
          { title: t('union'), key: 'org', render: (_, u) => orgName(u.orgId), responsive: ['md'] },
          { title: t('usrRoles'), key: 'roles', render: (_, u) => u.roles.map((r) => <Tag key={r}>{label('role', r)}</Tag>) },
          {
            title: t('status'), key: 'status', render: (_, u) => (
              <>
                {u.disabled ? <Tag color="#b91c1c">{t('usrDisabled')}</Tag> : <Tag color="#166534">{t('usrEnabled')}</Tag>}
                {u.mustChangePassword && <Tag color="#92400e">{t('usrMustChange')}</Tag>}
                {u.lockedUntil && new Date(u.lockedUntil) > new Date() && <Tag color="#9a3412">{t('usrLocked')}</Tag>}
              </>
            ),
          },
          {
            title: t('actions'), key: 'actions', render: (_, u) => (
              <Space wrap size="small">
                <Button size="small" onClick={() => setEditing(u)} aria-label={`${t('usrEdit')} ${u.name}`}>{t('usrEdit')}</Button>
                <Button size="small" onClick={() => setResetting(u)} aria-label={`${t('usrReset')} ${u.name}`}>{t('usrReset')}</Button>
                <Popconfirm title={t('usrRevokeSure', { name: u.name })} onConfirm={() => revoke(u)} okText={t('usrRevoke')} cancelText={t('cancel')}>
                  <Button size="small" danger aria-label={`${t('usrRevoke')} ${u.name}`}>{t('usrRevoke')}</Button>
                </Popconfirm>
                <Popconfirm title={t('usrRotateSure', { name: u.name })} onConfirm={() => rotate(u)} okText={t('usrRotate')} cancelText={t('cancel')}>
                  <Button size="small" aria-label={`${t('usrRotate')} ${u.name}`}>{t('usrRotate')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]} />
      {adding && <AddUser onClose={() => setAdding(false)} onDone={(u, password) => {
        setAdding(false); void refresh();
        setShown({ title: t('usrAdded', { name: u.name }), lines: [[t('login'), u.login], [t('usrInitialPassword'), password], ...(u.token ? [[t('usrToken'), u.token] as [string, string]] : [])], note: t('usrPasswordOnce') });
      }} />}
      {editing && <EditUser user={editing} onClose={() => setEditing(null)} onDone={() => { setEditing(null); void refresh(); message.success(t('saved')); }} />}
      {resetting && <ResetPassword user={resetting} onClose={() => setResetting(null)} onDone={(password) => {
        const u = resetting; setResetting(null); void refresh();
        setShown({ title: t('usrResetDone', { name: u.name }), lines: [[t('login'), u.login], [t('usrInitialPassword'), password]], note: t('usrPasswordOnce') });
      }} />}
      {shown && (
        <Modal open title={shown.title} onCancel={() => setShown(null)} footer={<Button type="primary" onClick={() => setShown(null)}>{t('usrNoted')}</Button>}>
          <Alert type="warning" showIcon title={shown.note} style={{ marginBottom: 12 }} />
          <dl className="uw-once">
            {shown.lines.map(([k, v]) => <div key={k}><dt>{k}</dt><dd><Typography.Text code copyable className="uw-secret">{v}</Typography.Text></dd></div>)}
          </dl>
        </Modal>
      )}
    </>
  );
}

function RoleSelect(props: { value?: string[]; onChange?: (v: string[]) => void; id?: string }) {
  const label = useLabel();
  return <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} {...props} options={ROLES.map((r) => ({ value: r, label: label('role', r) }))} />;
}

function AddUser({ onClose, onDone }: { onClose(): void; onDone(u: User & { token?: string }, password: string): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const orgs = useOrgs();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(v: { name: string; login: string; email?: string; orgId: number; roles: string[]; password: string }) {
    setBusy(true); setError(null);
    try {
      const made = await api<User & { token?: string }>('/api/users', { method: 'POST', body: { ...v, email: v.email || undefined } });
      onDone(made, v.password);
    } catch (e) { setError(showOnFields(form, e, ['name', 'login', 'email', 'orgId', 'roles', 'password'])); } finally { setBusy(false); }
  }
  return (
    <Modal open title={t('usrAdd')} onCancel={onClose} okText={t('usrAdd')} cancelText={t('cancel')} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      <Form name="userAdd" form={form} layout="vertical" onFinish={submit} initialValues={{ password: oneTimePassword(), roles: ['requester'] }}>
        <Form.Item name="name" label={t('usrName')} rules={[{ required: true, whitespace: true, message: t('required') }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="login" label={t('login')} extra={t('usrLoginHint')} rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{3,100}$/, message: t('usrLoginHint') }]}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="email" label={t('usrEmail')} rules={[{ type: 'email', message: t('usrEmailBad') }]}><Input type="email" /></Form.Item>
        <Form.Item name="orgId" label={t('union')} rules={[{ required: true, message: t('required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} loading={orgs.isPending} options={(orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="roles" label={t('usrRoles')} rules={[{ required: true, message: t('required') }]}><RoleSelect /></Form.Item>
        <Form.Item name="password" label={t('usrInitialPassword')} extra={t('usrInitialHint')} rules={[{ required: true, min: 8, message: t('usrPasswordShort') }]}><Input autoComplete="off" /></Form.Item>
        {error && <Alert role="alert" type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

function EditUser({ user, onClose, onDone }: { user: User; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  async function submit(v: { roles: string[]; enabled: boolean }) {
    setError(null);
    try {
      await api(`/api/users/${user.id}`, { method: 'PATCH', body: { roles: v.roles, disabled: !v.enabled } });
      onDone();
    } catch (e) { setError(showOnFields(form, e, ['roles'])); }
  }
  return (
    <Modal open title={`${t('usrEdit')}：${user.name}`} onCancel={onClose} okText={t('save')} cancelText={t('cancel')} onOk={() => form.submit()} destroyOnHidden>
      <Form name="userEdit" form={form} layout="vertical" onFinish={submit} initialValues={{ roles: user.roles, enabled: !user.disabled }}>
        <Form.Item name="roles" label={t('usrRoles')} rules={[{ required: true, message: t('required') }]}><RoleSelect /></Form.Item>
        <Form.Item name="enabled" label={t('usrEnabled')} valuePropName="checked" extra={t('usrDisableHint')}><Switch /></Form.Item>
        {error && <Alert role="alert" type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

function ResetPassword({ user, onClose, onDone }: { user: User; onClose(): void; onDone(password: string): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  async function submit(v: { password: string }) {
    setError(null);
    try {
      await api(`/api/users/${user.id}/password`, { method: 'PUT', body: { password: v.password } });
      onDone(v.password);
    } catch (e) { setError(showOnFields(form, e, ['password'])); }
  }
  return (
    <Modal open title={`${t('usrReset')}：${user.name}`} onCancel={onClose} okText={t('usrReset')} cancelText={t('cancel')} onOk={() => form.submit()} destroyOnHidden>
      <Form name="userReset" form={form} layout="vertical" onFinish={submit} initialValues={{ password: oneTimePassword() }}>
        <Form.Item name="password" label={t('usrInitialPassword')} extra={t('usrInitialHint')} rules={[{ required: true, min: 8, message: t('usrPasswordShort') }]}><Input autoComplete="off" /></Form.Item>
        {error && <Alert role="alert" type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
