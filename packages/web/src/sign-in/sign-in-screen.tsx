import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { navigate, safeNextPath, useLocation } from '../app/router';
import { homePath } from '../app/routes';
import { useAcceptSignedIn } from '../app/session';
import { ErrorMessage } from '../ui/error-message';
import { ScreenHeading } from '../ui/screen-heading';
import { TextField } from '../ui/text-field';

/** Sign in with e-mail and password, then go where the person was headed. */
export function SignInScreen() {
  const { client } = useApi();
  const { search } = useLocation();
  const acceptSignedIn = useAcceptSignedIn();
  const signIn = useMutation({
    mutationFn: async (body: { email: string; password: string }) =>
      expectData(await client.POST('/api/v1/auth/login', { body })),
    onSuccess: (signedIn) => {
      acceptSignedIn(signedIn);
      navigate(safeNextPath(search, homePath), { replace: true });
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate({ email: String(form.get('email')), password: String(form.get('password')) });
  };
  return (
    <section className="card">
      <ScreenHeading title="Sign in">Sign in to Meanwhile</ScreenHeading>
      <form onSubmit={onSubmit} className="form">
        <TextField label="E-mail" name="email" type="email" autoComplete="email" required />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <ErrorMessage error={signIn.error} />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
    </section>
  );
}
