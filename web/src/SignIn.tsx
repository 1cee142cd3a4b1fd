// Sign-in (a locked login says until when) and the password change a first sign-in requires.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from './api.ts';
import { useI18n } from './i18n/index.tsx';
import type { Session } from './session.tsx';

const Centre = ({ children }: { children: React.ReactNode }) => (
  <main style={{ display: 'flex', justifyContent: 'center', padding: '10vh 12px' }}><Card style={{ width: 380, maxWidth: '100%' }}>{children}</Card></main>
);

function LangSwitch() {
  const { t, lang, setLang } = useI18n();
  return <Button type="link" style={{ float: 'right' }} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={`${t('language')}: ${t('switchTo')}`}>{t('switchTo')}</Button>;
}

export function SignIn() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(v: { login: string; password: string }) {
    setBusy(true); setError(null);
    try {
      qc.setQueryData(['session'], await api<Session>('/api/session', { method: 'POST', body: v }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 423) {
        const until = e.body.lockedUntil ? new Date(String(e.body.lockedUntil)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { timeZone: 'Asia/Shanghai' }) : '';
        setError(t('locked', { until }));
      } else setError(e instanceof ApiError && e.status === 401 ? t('signInFailed') : (e as Error).message);
    } finally { setBusy(false); }
  }
  return (
    <Centre>
      <LangSwitch />
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t('appName')}</Typography.Title>
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="login" label={t('login')} rules={[{ required: true, message: t('required') }]}><Input autoComplete="username" autoFocus /></Form.Item>
        <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }]}><Input.Password autoComplete="current-password" /></Form.Item>
        {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={busy}>{t('signIn')}</Button>
      </Form>
    </Centre>
  );
}

export function ChangePassword({ first }: { first?: boolean }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  async function submit(v: { currentPassword: string; newPassword: string }) {
    setError(null);
    try {
      await api('/api/session/password', { method: 'PUT', body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
      await qc.invalidateQueries({ queryKey: ['session'] });
    } catch (e) {
      const err = e as ApiError;
      setError([err.message, ...(err.errors ?? []).map((x) => x.message)].join('；'));
    }
  }
  return (
    <Centre>
      <LangSwitch />
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t('changePassword')}</Typography.Title>
      {first && <Alert type="info" showIcon title={t('changePasswordFirst')} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true, message: t('required') }]}><Input.Password autoComplete="current-password" /></Form.Item>
        <Form.Item name="newPassword" label={t('newPassword')} rules={[{ required: true, message: t('required') }]}><Input.Password autoComplete="new-password" /></Form.Item>
        <Form.Item name="repeat" label={t('repeatPassword')} dependencies={['newPassword']}
          rules={[{ required: true, message: t('required') }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('passwordsDiffer')))) })]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block>{t('save')}</Button>
      </Form>
    </Centre>
  );
}
