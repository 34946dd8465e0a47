import { useState } from 'react';
import type { ReactNode } from 'react';
import { ShortcutHelp } from './shortcut-help';
import { navigate } from './router';
import type { Me } from './session';
import { useSignOut } from './session';
import { useShortcut } from './shortcuts';
import { Sidebar } from './sidebar';

/**
 * The shell around every signed-in screen: a skip link, the banner (workspace, me, sign out), the sidebar
 * (a drawer behind "Menu" on narrow screens) and the main landmark the screen renders into.
 */
export function Layout({ me, children }: { me: Me; children: ReactNode }) {
  const [isMenuOpen, setMenuOpen] = useState(false);
  const signOut = useSignOut();
  useShortcut('/', 'Search', () => navigate('/search'));
  return (
    <div className="shell" data-menu-open={isMenuOpen}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="banner">
        <button
          type="button"
          className="menu-button"
          aria-expanded={isMenuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen(!isMenuOpen)}
        >
          Menu
        </button>
        <span className="workspace-name">{me.workspace.name}</span>
        <span className="me" aria-label="Signed in as">
          {me.person.displayName}
        </span>
        <button
          type="button"
          onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/sign-in') })}
          disabled={signOut.isPending}
        >
          Sign out
        </button>
      </header>
      <Sidebar id="sidebar" onNavigate={() => setMenuOpen(false)} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <ShortcutHelp />
    </div>
  );
}
