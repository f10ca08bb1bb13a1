// The signed-in shell: the screen the path names, among those the caller's role may see, inside the
// layout (menu, who is signed in). Loaded lazily by App once someone is signed in.
import { Suspense, useEffect } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { ErrorBoundary } from './ErrorBoundary';
import { Loading } from './Loading';
import { Shell } from './Layout';
import { screensFor } from './nav';
import { matchPath, navigate, usePath } from './router';

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

export default Screens;
