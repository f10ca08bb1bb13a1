// The app: config.json → sign-in (local or OIDC) → the shell with the screen the path names.
import { Suspense, lazy, useEffect } from 'react';
import { App as AntApp, ConfigProvider, Result } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enLocale from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { loadConfig, type AppConfig } from '../auth/config';
import { AuthProvider, completeOidcSignIn, useAuth } from '../auth/AuthProvider';
import { theme } from './theme';
import { Loading } from './Loading';
import { useWarmUp } from './warm-up';
import { navigate, usePath } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 10_000 },
  },
});

// The sign-in page and the shell (menu, layout, screens) load on demand: the entry chunk holds only
// what decides which of them to show, so the first paint does not wait for every antd component.
const SignIn = lazy(() => import('../auth/SignIn').then((m) => ({ default: m.SignIn })));
const Screens = lazy(() => import('./Screens'));

const OidcCallback = ({ config }: { config: Extract<AppConfig, { mode: 'oidc' }> }) => {
  useEffect(() => {
    completeOidcSignIn(config).then(
      () => navigate('/', { replace: true }),
      () => navigate('/', { replace: true }),
    );
  }, [config]);
  return <Loading />;
};

const Gate = () => {
  const { config, session, me, meError } = useAuth();
  useWarmUp(session);
  const path = usePath();
  if (config.mode === 'oidc' && path === '/auth/callback') return <OidcCallback config={config} />;
  if (!me && session && !meError) return <Loading />;
  return <Suspense fallback={<Loading />}>{!session || meError ? <SignIn /> : <Screens />}</Suspense>;
};

const Configured = () => {
  const { language, t } = useI18n();
  const config = useQuery({ queryKey: ['config'], queryFn: loadConfig, staleTime: Infinity, retry: 2 });
  return (
    <ConfigProvider
      locale={language === 'en' ? enLocale : zhCNLocale}
      theme={theme}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        {config.data ? (
          <AuthProvider config={config.data}>
            <Gate />
          </AuthProvider>
        ) : config.error ? (
          <Result status="error" title={t('app.error')} subTitle={String(config.error)} />
        ) : (
          <Loading />
        )}
      </AntApp>
    </ConfigProvider>
  );
};

export const App = () => (
  <QueryClientProvider client={queryClient}>
    <I18nProvider>
      <Configured />
    </I18nProvider>
  </QueryClientProvider>
);
