import { useQuery } from '@tanstack/react-query';
import { expectData } from './api-client';
import { useApi } from './api-context';
import { useLiveEvents } from './live-events';
import { queryKeys } from './query-keys';
import { Link, useLocation } from './router';
import type { ReactNode } from 'react';

/** How many channels the sidebar lists (the API's largest page); "Browse channels" shows them all. */
const channelLimit = 200;

/** The channels I can see (public ones and private ones I am in), not archived, by name. */
export function useChannels() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.channels,
    queryFn: async () => {
      const page = expectData(
        await client.GET('/api/v1/channels', { params: { query: { limit: channelLimit } } }),
      );
      return page.items
        .filter((channel) => channel.archivedAt === null)
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  });
}

/** How many items wait in my inbox, as "12" or "200+" past one page; live events refresh it. */
export function useInboxCount() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.inboxCount,
    queryFn: async () => {
      const page = expectData(await client.GET('/api/v1/inbox', { params: { query: { limit: 200 } } }));
      return page.nextCursor ? `${page.items.length}+` : String(page.items.length);
    },
  });
}

function NavLink({ to, children, onNavigate }: { to: string; children: ReactNode; onNavigate: () => void }) {
  const { pathname } = useLocation();
  return (
    <Link to={to} aria-current={pathname === to ? 'page' : undefined} onClick={onNavigate}>
      {children}
    </Link>
  );
}

/** The sidebar: my inbox with its count, the channels, and the workspace's other screens. */
export function Sidebar({ id, onNavigate }: { id: string; onNavigate: () => void }) {
  const channels = useChannels();
  const inboxCount = useInboxCount();
  // The shell's one live stream: the sidebar is mounted once per signed-in app, whatever the screen.
  useLiveEvents();
  const link = (to: string, label: ReactNode) => (
    <li>
      <NavLink to={to} onNavigate={onNavigate}>
        {label}
      </NavLink>
    </li>
  );
  return (
    <nav id={id} className="sidebar" aria-label="Workspace">
      <ul className="nav-list">
        {link(
          '/inbox',
          <>
            Inbox{' '}
            {inboxCount.data !== undefined ? (
              <span className="count" aria-label={`${inboxCount.data} items`}>
                {inboxCount.data}
              </span>
            ) : null}
          </>,
        )}
        {link('/search', 'Search')}
        {link('/decisions', 'Decision log')}
        {link('/checkins', 'Check-ins')}
      </ul>
      <h2 className="nav-heading" id="channels-heading">
        Channels
      </h2>
      <ul className="nav-list" aria-labelledby="channels-heading">
        {channels.data?.map((channel) => (
          <li key={channel.id}>
            <NavLink to={`/channels/${encodeURIComponent(channel.id)}`} onNavigate={onNavigate}>
              <span aria-hidden="true">{channel.visibility === 'private' ? '🔒 ' : '# '}</span>
              {channel.name}
              {channel.visibility === 'private' ? <span className="visually-hidden"> (private)</span> : null}
            </NavLink>
          </li>
        ))}
        {channels.isError ? <li className="error">The channels could not be loaded.</li> : null}
        {link('/channels/new', 'Create channel')}
        {link('/channels', 'Browse channels')}
      </ul>
      <h2 className="nav-heading" id="team-heading">
        Team
      </h2>
      <ul className="nav-list" aria-labelledby="team-heading">
        {link('/rhythm', 'My rhythm')}
        {link('/agreement', 'Agreement')}
        {link('/time-map', 'Team time map')}
        {link('/meetings', 'Meetings')}
        {link('/settings', 'Settings')}
      </ul>
    </nav>
  );
}
