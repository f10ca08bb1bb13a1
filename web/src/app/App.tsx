// The app: config.json → sign-in (local or OIDC) → the shell with the screen the path names.
import { Suspense, useEffect } from 'react';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enLocale from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { loadConfig, type AppConfig } from '../auth/config';
import { AuthProvider, completeOidcSignIn, useAuth } from '../auth/AuthProvider';
import { SignIn } from '../auth/SignIn';
import { ErrorBoundary } from './ErrorBoundary';
import { theme } from './theme';
import { Shell } from './Layout';
import { screensFor } from './nav';
import { matchPath, navigate, usePath } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 10_000 },
  },
});

const Loading = () => {
  const { t } = useI18n();
  return (
    <div className="loading" role="status">
      <Spin description={t('app.loading')} />
    </div>
  );
};

const Screens = () => {
  const path = usePath();
  const { me } = useAuth();
  const allowed = screensFor(me?.role);
  const found = allowed
    .map((screen) => ({ screen, params: matchPath(screen.path, path) }))
    .find((m) => m.params !== undefined);
  useEffect(() => {
    if (!found && allowed[0]) navigate(allowed[0].path, { replace: true });
  }, [found, allowed]);
  if (!found) return <Loading />;
  const Screen = found.screen.component;
  return (
    <Shell current={found.screen.path}>
      <ErrorBoundary resetKey={path}>
        <Suspense fallback={<Loading />}>
          <Screen params={found.params ?? {}} />
        </Suspense>
      </ErrorBoundary>
    </Shell>
  );
};

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
  const path = usePath();
  if (config.mode === 'oidc' && path === '/auth/callback') return <OidcCallback config={config} />;
  if (!session) return <SignIn />;
  if (meError) return <SignIn />;
  if (!me) return <Loading />;
  return <Screens />;
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
