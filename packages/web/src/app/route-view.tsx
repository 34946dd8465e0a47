import { Suspense, useEffect } from 'react';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { Layout } from './layout';
import { matchPath, navigate, safeNextPath, useLocation } from './router';
import type { AppLocation } from './router';
import type { AppRoute } from './routes';
import { homePath, notFoundRoute, signInPath } from './routes';
import { useSession } from './session';

/** The route for `pathname` and its parameters; `/` and unknown paths have none. */
export function findRoute(routes: AppRoute[], pathname: string) {
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** Where a person must go instead of `location`, or null to stay. */
export function redirectFor(
  route: AppRoute | null,
  location: AppLocation,
  isSignedIn: boolean,
): string | null {
  if (location.pathname === '/') return isSignedIn ? homePath : signInPath;
  if (!route) return null;
  if (route.access === 'signed-in' && !isSignedIn) {
    return `${signInPath}?next=${encodeURIComponent(location.pathname + location.search)}`;
  }
  if (route.access === 'signed-out' && isSignedIn) return safeNextPath(location.search, homePath);
  return null;
}

/** Renders the screen for the address, in the shell or alone, after the session is known. */
export function RouteView({ routes }: { routes: AppRoute[] }) {
  const location = useLocation();
  const session = useSession();
  const found = findRoute(routes, location.pathname);
  const isSignedIn = Boolean(session.me);
  const redirect = session.isLoading ? null : redirectFor(found?.route ?? null, location, isSignedIn);
  useEffect(() => {
    if (redirect) navigate(redirect, { replace: true });
  }, [redirect]);

  if (session.isLoading || redirect) return <Loading />;
  if (session.error) return <ErrorMessage error={session.error} />;
  const { route, params } = found ?? { route: notFoundRoute, params: {} };
  const Screen = route.screen;
  const screen = (
    <Suspense fallback={<Loading />}>
      <Screen key={location.pathname} params={params} />
    </Suspense>
  );
  if (route.inShell && session.me) return <Layout me={session.me}>{screen}</Layout>;
  return (
    <main id="main" className="standalone">
      {screen}
    </main>
  );
}
