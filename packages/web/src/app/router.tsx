// A small client router over the History API: a route table (routes.tsx), `navigate`, `<Link>` and
// `useLocation`. No dependency: the app needs paths with `:params`, lazy screens and redirects, no more.
import { useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';

/** The path parameters of a matched route, e.g. `{ channelId: '…' }` for `/channels/:channelId`. */
export type RouteParams = Record<string, string>;

/** What the router knows of the address. */
export interface AppLocation {
  pathname: string;
  search: string;
}

const changeEvent = 'meanwhile:navigate';

let current: AppLocation = { pathname: '', search: '' };

// The same object until the address changes, as useSyncExternalStore requires.
function readLocation(): AppLocation {
  const { pathname, search } = globalThis.location;
  if (pathname !== current.pathname || search !== current.search) current = { pathname, search };
  return current;
}

function subscribe(onChange: () => void): () => void {
  globalThis.addEventListener('popstate', onChange);
  globalThis.addEventListener(changeEvent, onChange);
  return () => {
    globalThis.removeEventListener('popstate', onChange);
    globalThis.removeEventListener(changeEvent, onChange);
  };
}

/** The current path and query; re-renders on every navigation (links, `navigate`, back and forward). */
export function useLocation(): AppLocation {
  return useSyncExternalStore(subscribe, readLocation);
}

/** Goes to `to` (a path with an optional query) without reloading; `replace` keeps history unchanged. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) globalThis.history.replaceState(null, '', to);
  else globalThis.history.pushState(null, '', to);
  globalThis.dispatchEvent(new Event(changeEvent));
}

/**
 * The parameters of `pathname` under `pattern` (`/channels/:channelId`), or null when it does not match.
 * Parameters are decoded; a trailing slash is ignored.
 */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const split = (path: string) => path.split('/').filter(Boolean);
  const want = split(pattern);
  const got = split(pathname);
  if (want.length !== got.length) return null;
  const params: RouteParams = {};
  for (const [i, segment] of want.entries()) {
    const value = got[i]!;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (segment !== value) return null;
  }
  return params;
}

/** A `?next=` value that is safe to follow: a path on this origin, never `//elsewhere` or a URL. */
export function safeNextPath(search: string, fallback: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;
}

/** An in-app link: a real `<a href>` (open in a new tab works) that navigates without a reload. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return (
    <a
      {...rest}
      href={to}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || !isPlainLeftClick(event) || rest.target) return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}
