import type { FormEvent } from 'react';
import { ErrorMessage } from './error-message';
import { TextField } from './text-field';

/** What the first-run and invitation forms collect. */
export interface PersonFields {
  workspaceName?: string;
  displayName: string;
  email: string;
  password: string;
  /** The browser's IANA time zone, for the person's first rhythm. */
  timeZone?: string;
}

/** The browser's time zone, e.g. `Europe/Berlin`, when it has one. */
export function browserTimeZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
}

/** The new-account form of the first run and of an invitation. */
export function PersonForm({
  withWorkspace,
  submitLabel,
  isPending,
  error,
  onSubmit,
}: {
  withWorkspace: boolean;
  submitLabel: string;
  isPending: boolean;
  error: Error | null;
  onSubmit: (fields: PersonFields) => void;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '');
    const timeZone = browserTimeZone();
    onSubmit({
      ...(withWorkspace ? { workspaceName: text('workspaceName') } : {}),
      displayName: text('displayName'),
      email: text('email'),
      password: text('password'),
      ...(timeZone ? { timeZone } : {}),
    });
  };
  return (
    <form onSubmit={submit} className="form">
      {withWorkspace ? (
        <TextField label="Workspace name" name="workspaceName" required maxLength={100} />
      ) : null}
      <TextField label="Your name" name="displayName" required maxLength={100} autoComplete="name" />
      <TextField label="E-mail" name="email" type="email" required autoComplete="email" />
      <TextField
        label="Password"
        hint="At least 10 characters."
        name="password"
        type="password"
        required
        minLength={10}
        autoComplete="new-password"
      />
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={isPending}>
        {submitLabel}
      </button>
    </form>
  );
}
