import { useMutation } from '@tanstack/react-query';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { navigate } from '../app/router';
import type { ScreenProps } from '../app/routes';
import { homePath } from '../app/routes';
import { useAcceptSignedIn } from '../app/session';
import { PersonForm } from '../ui/person-form';
import type { PersonFields } from '../ui/person-form';
import { ScreenHeading } from '../ui/screen-heading';

/** An invitation link (`/invite/:token`): creates the person's account in the workspace, signed in. */
export function AcceptInvitationScreen({ params }: ScreenProps) {
  const { client } = useApi();
  const acceptSignedIn = useAcceptSignedIn();
  const accept = useMutation({
    mutationFn: async ({ displayName, email, password, timeZone }: PersonFields) =>
      expectData(
        await client.POST('/api/v1/invitations/accept', {
          body: {
            displayName,
            email,
            password,
            token: params.token ?? '',
            ...(timeZone ? { timeZone } : {}),
          },
        }),
      ),
    onSuccess: (signedIn) => {
      acceptSignedIn(signedIn);
      navigate(homePath, { replace: true });
    },
  });
  return (
    <section className="card">
      <ScreenHeading title="Join your team">Join your team on Meanwhile</ScreenHeading>
      <p>Create your account to accept the invitation.</p>
      <PersonForm
        withWorkspace={false}
        submitLabel="Join"
        isPending={accept.isPending}
        error={accept.error}
        onSubmit={(fields) => accept.mutate(fields)}
      />
    </section>
  );
}
