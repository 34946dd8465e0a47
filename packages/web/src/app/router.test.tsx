// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { redirectFor } from './route-view';
import { Link, matchPath, safeNextPath, useLocation } from './router';
import { appRoutes } from './routes';

afterEach(cleanup);

function Where() {
  const { pathname, search } = useLocation();
  return <output>{pathname + search}</output>;
}

describe('the router', () => {
  it('matches path patterns and decodes their parameters', () => {
    expect(matchPath('/channels/:channelId', '/channels/a%20b')).toEqual({ channelId: 'a b' });
    expect(matchPath('/channels/:channelId', '/channels/x/')).toEqual({ channelId: 'x' });
    expect(matchPath('/channels/:channelId', '/channels')).toBeNull();
    expect(matchPath('/channels/new', '/channels/other')).toBeNull();
    expect(matchPath('/threads/:id', '/threads/%E0%A4%A')).toBeNull();
  });

  it('follows ?next= only to a path on this origin', () => {
    expect(safeNextPath('?next=%2Fchannels%2F1', '/inbox')).toBe('/channels/1');
    expect(safeNextPath('?next=%2F%2Fevil.example', '/inbox')).toBe('/inbox');
    expect(safeNextPath('?next=https%3A%2F%2Fevil.example', '/inbox')).toBe('/inbox');
    expect(safeNextPath('?next=%2F%5Cevil.example', '/inbox')).toBe('/inbox');
    expect(safeNextPath('', '/inbox')).toBe('/inbox');
  });

  it('navigates on a plain click without a reload, and leaves a modified click to the browser', () => {
    globalThis.history.replaceState(null, '', '/inbox');
    render(
      <>
        <Link to="/search?q=x">Search</Link>
        <Link to="/settings">Settings</Link>
        <Where />
      </>,
    );
    const link = screen.getByRole('link', { name: 'Search' });
    expect(link.getAttribute('href')).toBe('/search?q=x');
    fireEvent.click(link);
    expect(screen.getByRole('status').textContent).toBe('/search?q=x');
    // Ctrl+click opens a new tab in a browser: the router must not take it.
    const settings = screen.getByRole('link', { name: 'Settings' });
    expect(fireEvent.click(settings, { ctrlKey: true })).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('/search?q=x');
  });

  it('sends the signed-out to sign in with where they were going, and the signed-in home', () => {
    const inbox = appRoutes.find((route) => route.path === '/inbox')!;
    const signIn = appRoutes.find((route) => route.path === '/sign-in')!;
    const setup = appRoutes.find((route) => route.path === '/setup/:token')!;
    expect(redirectFor(inbox, { pathname: '/inbox', search: '?a=1' }, false)).toBe(
      '/sign-in?next=%2Finbox%3Fa%3D1',
    );
    expect(redirectFor(inbox, { pathname: '/inbox', search: '' }, true)).toBeNull();
    expect(redirectFor(signIn, { pathname: '/sign-in', search: '' }, true)).toBe('/inbox');
    expect(redirectFor(setup, { pathname: '/setup/t', search: '' }, false)).toBeNull();
    expect(redirectFor(null, { pathname: '/', search: '' }, false)).toBe('/sign-in');
    expect(redirectFor(null, { pathname: '/', search: '' }, true)).toBe('/inbox');
  });

  it('loads every screen as its own chunk (a lazy component per route)', () => {
    for (const route of appRoutes) {
      expect(route.screen.$$typeof, route.path).toBe(Symbol.for('react.lazy'));
    }
  });
});
