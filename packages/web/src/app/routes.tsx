// The route table: one row per screen, each screen loaded on demand (its own chunk). To add a screen, add
// a folder under src/ (STYLE.md §11: one per screen) exporting `<Name>Screen`, and a row here.
import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { RouteParams } from './router';

/** What every screen receives. */
export interface ScreenProps {
  params: RouteParams;
}

/** Who may open a route: `signed-in` sends others to sign in; `signed-out` sends the signed-in home. */
export type RouteAccess = 'public' | 'signed-in' | 'signed-out';

/** One row of the route table. */
export interface AppRoute {
  /** A path pattern with `:params`, e.g. `/channels/:channelId`. */
  path: string;
  access: RouteAccess;
  /** Inside the shell (header, sidebar), or alone on the page (sign-in, first run). */
  inShell: boolean;
  screen: LazyExoticComponent<ComponentType<ScreenProps>>;
}

/** `React.lazy` over a module's named export (STYLE.md §3: named exports only). */
export function lazyScreen<M extends Record<string, unknown>>(
  load: () => Promise<M>,
  exportName: keyof M & string,
): LazyExoticComponent<ComponentType<ScreenProps>> {
  return lazy(async () => ({ default: (await load())[exportName] as ComponentType<ScreenProps> }));
}

/** Where `/` leads the signed-in. */
export const homePath = '/inbox';

/** Where the signed-out are sent. */
export const signInPath = '/sign-in';

const signedIn = { access: 'signed-in', inShell: true } as const;

/** Every screen of the app, first match wins. */
export const appRoutes: AppRoute[] = [
  {
    path: '/sign-in',
    access: 'signed-out',
    inShell: false,
    screen: lazyScreen(() => import('../sign-in/sign-in-screen'), 'SignInScreen'),
  },
  {
    path: '/setup/:token',
    access: 'public',
    inShell: false,
    screen: lazyScreen(() => import('../first-run/first-run-screen'), 'FirstRunScreen'),
  },
  {
    path: '/invite/:token',
    access: 'public',
    inShell: false,
    screen: lazyScreen(
      () => import('../accept-invitation/accept-invitation-screen'),
      'AcceptInvitationScreen',
    ),
  },
  {
    path: '/inbox',
    ...signedIn,
    screen: lazyScreen(() => import('../inbox/inbox-screen'), 'InboxScreen'),
  },
  {
    path: '/waiting',
    ...signedIn,
    screen: lazyScreen(() => import('../inbox/waiting-screen'), 'WaitingScreen'),
  },
  {
    path: '/channels',
    ...signedIn,
    screen: lazyScreen(() => import('../browse-channels/browse-channels-screen'), 'BrowseChannelsScreen'),
  },
  {
    path: '/channels/new',
    ...signedIn,
    screen: lazyScreen(() => import('../create-channel/create-channel-screen'), 'CreateChannelScreen'),
  },
  {
    path: '/channels/:channelId',
    ...signedIn,
    screen: lazyScreen(() => import('../channel/channel-screen'), 'ChannelScreen'),
  },
  {
    path: '/threads/:threadId',
    ...signedIn,
    screen: lazyScreen(() => import('../thread/thread-screen'), 'ThreadScreen'),
  },
  {
    path: '/rhythm',
    ...signedIn,
    screen: lazyScreen(() => import('../rhythm/rhythm-screen'), 'RhythmScreen'),
  },
  {
    path: '/agreement',
    ...signedIn,
    screen: lazyScreen(() => import('../agreement/agreement-screen'), 'AgreementScreen'),
  },
  {
    path: '/time-map',
    ...signedIn,
    screen: lazyScreen(() => import('../time-map/time-map-screen'), 'TimeMapScreen'),
  },
  {
    path: '/search',
    ...signedIn,
    screen: lazyScreen(() => import('../search/search-screen'), 'SearchScreen'),
  },
  {
    path: '/decisions',
    ...signedIn,
    screen: lazyScreen(() => import('../decisions/decision-log-screen'), 'DecisionLogScreen'),
  },
  {
    path: '/ideation/:roundId',
    ...signedIn,
    screen: lazyScreen(() => import('../ideation/ideation-screen'), 'IdeationScreen'),
  },
  {
    path: '/checkins',
    ...signedIn,
    screen: lazyScreen(() => import('../checkins/checkin-asks-screen'), 'CheckinAsksScreen'),
  },
  {
    path: '/checkins/:checkinId',
    ...signedIn,
    screen: lazyScreen(() => import('../checkins/checkin-screen'), 'CheckinScreen'),
  },
  {
    path: '/meetings',
    ...signedIn,
    screen: lazyScreen(() => import('../meetings/meetings-screen'), 'MeetingsScreen'),
  },
  {
    path: '/settings',
    ...signedIn,
    screen: lazyScreen(() => import('../settings/settings-screen'), 'SettingsScreen'),
  },
];

/** The page shown for an address no route matches. */
export const notFoundRoute: AppRoute = {
  path: '*',
  access: 'public',
  inShell: false,
  screen: lazyScreen(() => import('../not-found/not-found-screen'), 'NotFoundScreen'),
};
