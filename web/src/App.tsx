// Providers (language, antd locale, data, router) and the shell: sign-in, password change, or the page.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { Suspense } from 'react';
import { ApiError } from './api.ts';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { Layout } from './Layout.tsx';
import { pages } from './pages/registry.ts';
import { ChangePassword, SignIn } from './SignIn.tsx';
import { match, RouterProvider, useRouter } from './router.tsx';
import { useSession } from './session.tsx';

const client = new QueryClient({
  defaultOptions: { queries: { retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2, refetchOnWindowFocus: false } },
});

export function App() {
  return (
    <I18nProvider>
      <Localised />
    </I18nProvider>
  );
}

function Localised() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={client}>
          <RouterProvider>
            <Shell />
          </RouterProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

// Text colours dark enough for WCAG AA contrast (antd's grey placeholders and secondary text are not).
const THEME = { token: { colorPrimary: '#1d4ed8', colorLink: '#1d4ed8', colorTextSecondary: '#4b5563', colorTextTertiary: '#4b5563', colorTextPlaceholder: '#5f6672', colorTextDescription: '#4b5563', colorError: '#c81e1e', colorSuccess: '#2f7d12', colorWarning: '#9a5b00' } };

const Loading = () => <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;

function Shell() {
  const { t } = useI18n();
  const session = useSession();
  const { path } = useRouter();
  if (session.isPending) return <Loading />;
  if (session.isError) return <Result status="error" title={t('error')} subTitle={String(session.error.message)} />;
  if (!session.data) return <SignIn />;
  if (session.data.mustChangePassword) return <ChangePassword first />;
  let found: { page: (typeof pages)[number]; params: Record<string, string> } | undefined;
  for (const page of pages) {
    const params = match(page.path, path);
    if (params) { found = { page, params }; break; }
  }
  return (
    <Layout session={session.data}>
      <Suspense fallback={<Loading />}>
        {found ? <found.page.component params={found.params} /> : <Result status="404" title={t('notFound')} />}
      </Suspense>
    </Layout>
  );
}
