// The frame around every page: the title, the menu for the user's roles, the language switch, sign-out.
import { Button, Layout as AntLayout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from './i18n/index.tsx';
import { menuFor } from './pages/registry.ts';
import { useRouter } from './router.tsx';
import { useSignOut, type Session } from './session.tsx';

export function Layout({ session, children }: { session: Session; children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { path, navigate } = useRouter();
  const signOut = useSignOut();
  const items = menuFor(session.user.roles);
  const selected = items.filter((p) => p.path === '/' ? path === '/' : path.startsWith(p.path)).map((p) => p.path);
  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      <a className="uw-skip" href="#main">{lang === 'zh' ? '跳到正文' : 'Skip to content'}</a>
      <AntLayout.Header className="uw-header">
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{t('appName')}</Typography.Text>
        <nav aria-label={lang === 'zh' ? '主菜单' : 'Main menu'} className="uw-nav">
          <Menu mode="horizontal" disabledOverflow selectedKeys={selected} style={{ borderBottom: 'none' }}
            items={items.map((p) => ({ key: p.path, label: <a href={p.path} onClick={(e) => { e.preventDefault(); navigate(p.path); }}>{t(p.menu!)}</a> }))} />
        </nav>
        <Space size="small" style={{ marginLeft: 'auto' }}>
          <Typography.Text type="secondary" className="uw-user" style={{ whiteSpace: 'nowrap' }}>{session.user.name}</Typography.Text>
          <Button size="small" lang={lang === 'zh' ? 'en' : 'zh-CN'} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={`${t('language')}: ${t('switchTo')}`}>{t('switchTo')}</Button>
          <Button size="small" onClick={signOut}>{t('signOut')}</Button>
        </Space>
      </AntLayout.Header>
      <AntLayout.Content id="main" tabIndex={-1}>
        <main className="uw-page">{children}</main>
      </AntLayout.Content>
    </AntLayout>
  );
}
