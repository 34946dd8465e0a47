// Settings: who I am, inviting people (owners and admins), my sessions, my API tokens and my e-mail digests.
import { useId } from 'react';
import { useSession } from '../app/session';
import { Link } from '../app/router';
import { ScreenHeading } from '../ui/screen-heading';
import { CalendarSection } from './calendar-section';
import { DigestSection } from './digest-section';
import { InvitationsSection } from './invitations-section';
import { SessionsSection } from './sessions-section';
import { TokensSection } from './tokens-section';

function ProfileSection() {
  const { me } = useSession();
  const headingId = useId();
  if (!me) return null;
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Profile</h2>
      <dl className="settings-profile">
        <dt>Name</dt>
        <dd>{me.person.displayName}</dd>
        <dt>E-mail</dt>
        <dd>{me.person.email}</dd>
        <dt>Workspace</dt>
        <dd>
          {me.workspace.name} <span className="muted">({me.role})</span>
        </dd>
      </dl>
      <p className="hint">
        Your time zone, working hours and time off are in <Link to="/rhythm">My rhythm</Link>.
      </p>
    </section>
  );
}

/** The settings screen. */
export function SettingsScreen() {
  return (
    <section className="screen settings-screen">
      <ScreenHeading title="Settings">Settings</ScreenHeading>
      <ProfileSection />
      <InvitationsSection />
      <SessionsSection />
      <TokensSection />
      <DigestSection />
      <CalendarSection />
    </section>
  );
}
