// 管理 (admins only): the union tree, users and roles, settings, the calendar, the outbox and the
// audit-chain check, one tab each (/admin/<tab>, so a tab has its own URL). Anyone else: no access.
import { Result, Tabs, Typography } from 'antd';
import '../pages.css';
import { useI18n, type Key } from '../../i18n/index.tsx';
import { useRouter } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import type { PageProps } from '../registry.ts';
import { Audit } from './Audit.tsx';
import { Calendar } from './Calendar.tsx';
import { Orgs } from './Orgs.tsx';
import { Outbox } from './Outbox.tsx';
import { Settings } from './Settings.tsx';
import { Users } from './Users.tsx';

const TABS: { key: string; label: Key; Body: () => React.ReactNode }[] = [
  { key: 'orgs', label: 'admOrgs', Body: Orgs },
  { key: 'users', label: 'admUsers', Body: Users },
  { key: 'settings', label: 'admSettings', Body: Settings },
  { key: 'calendar', label: 'admCalendar', Body: Calendar },
  { key: 'outbox', label: 'admOutbox', Body: Outbox },
  { key: 'audit', label: 'admAudit', Body: Audit },
];

export default function Admin({ params }: PageProps) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const session = useSession();
  if (!session.data?.user.roles.includes('admin')) return <Result status="403" title={t('noAccess')} subTitle={t('admOnly')} />;
  const active = TABS.some((x) => x.key === params.tab) ? params.tab : 'orgs';
  return (
    <section aria-labelledby="admin-title">
      <Typography.Title level={2} id="admin-title" style={{ fontSize: 20 }}>{t('admin')}</Typography.Title>
      <Tabs activeKey={active} onChange={(k) => navigate(`/admin/${k}`)} destroyOnHidden
        items={TABS.map(({ key, label, Body }) => ({ key, label: t(label), children: <Body /> }))} />
    </section>
  );
}
