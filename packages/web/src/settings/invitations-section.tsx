// Inviting people (owners and admins): an optional e-mail and a role make an invitation link, shown with a
// copy button to send by whatever channel the team uses; the invitee opens it and creates their account.
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { paths } from '@meanwhile/api-client';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { useSession } from '../app/session';
import { ErrorMessage } from '../ui/error-message';
import { SecretOnce } from '../ui/secret-once';
import { TextField } from '../ui/text-field';
import { formatDateTime, isoOf } from './when';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** A new invitation as `POST /api/v1/invitations` answers it, with its link path. */
type CreatedInvitation = Json<paths['/api/v1/invitations']['post']['responses'][201]>;

type Role = CreatedInvitation['role'];

const roles: { value: Role; label: string; hint: string }[] = [
  { value: 'member', label: 'Member', hint: 'the usual' },
  { value: 'admin', label: 'Admin', hint: 'also invites people and runs the workspace' },
  { value: 'guest', label: 'Guest', hint: 'someone from outside the team' },
];

/** The link of a new invitation, with a copy button. */
function NewLink({ created, onDone }: { created: CreatedInvitation; onDone: () => void }) {
  return (
    <SecretOnce
      title={
        <>
          Invitation created{created.email ? ` for ${created.email}` : ''}. Send this link; it works once,
          until <time dateTime={isoOf(created.expiresAt)}>{formatDateTime(created.expiresAt)}</time>.
        </>
      }
      label="Invitation link"
      value={new URL(created.linkPath, globalThis.location.origin).href}
      what="the link"
      copyLabel="Copy link"
      onDone={onDone}
    />
  );
}

/** The "Invite people" section: shown to owners and admins only (the server refuses others anyway). */
export function InvitationsSection() {
  const { me } = useSession();
  const { client } = useApi();
  const headingId = useId();
  const roleName = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const invite = useMutation({
    mutationFn: async (body: { email?: string; role: Role }) =>
      expectData(await client.POST('/api/v1/invitations', { body })),
    onSuccess: (invitation) => {
      setCreated(invitation);
      setEmail('');
    },
  });
  if (me?.role !== 'owner' && me?.role !== 'admin') return null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ role, ...(email.trim() ? { email: email.trim() } : {}) });
  };
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Invite people</h2>
      <p className="hint">An invitation is a link: whoever opens it first creates their account with it.</p>
      {created ? <NewLink created={created} onDone={() => setCreated(null)} /> : null}
      <form className="form" onSubmit={onSubmit} aria-label="Invite someone">
        <TextField
          label="Their e-mail (optional)"
          hint="Only this address can accept, when given."
          type="email"
          value={email}
          maxLength={254}
          autoComplete="off"
          onChange={(event) => setEmail(event.target.value)}
        />
        <fieldset>
          <legend>Role</legend>
          {roles.map((option) => (
            <div className="choice" key={option.value}>
              <input
                id={`${roleName}-${option.value}`}
                type="radio"
                name={roleName}
                value={option.value}
                checked={role === option.value}
                onChange={() => setRole(option.value)}
              />
              <label htmlFor={`${roleName}-${option.value}`}>
                {option.label} <span className="muted">({option.hint})</span>
              </label>
            </div>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="primary" disabled={invite.isPending}>
            Create invitation link
          </button>
        </div>
        <ErrorMessage error={invite.error} />
      </form>
    </section>
  );
}
