import { Link, useLocation } from '../app/router';

/** Switches between my inbox and waiting on others (my open asks of others). */
export function InboxViewsNav() {
  const { pathname } = useLocation();
  const link = (to: string, label: string) => (
    <li>
      <Link to={to} aria-current={pathname === to ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
  return (
    <nav aria-label="Inbox views" className="inbox-views">
      <ul>
        {link('/inbox', 'Inbox')}
        {link('/waiting', 'Waiting on others')}
      </ul>
    </nav>
  );
}
