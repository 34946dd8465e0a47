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

/** The one-time setup link (`/setup/:token`): creates the workspace and its first owner, signed in. */
export function FirstRunScreen({ params }: ScreenProps) {
  const { client } = useApi();
  const acceptSignedIn = useAcceptSignedIn();
  const setup = useMutation({
    mutationFn: async (fields: PersonFields) =>
      expectData(
        await client.POST('/api/v1/setup', {
          body: { ...fields, workspaceName: fields.workspaceName ?? '', token: params.token ?? '' },
        }),
      ),
    onSuccess: (signedIn) => {
      acceptSignedIn(signedIn);
      navigate(homePath, { replace: true });
    },
  });
  return (
    <section className="card">
      <ScreenHeading title="Set up Meanwhile">Set up Meanwhile</ScreenHeading>
      <p>This one-time link creates your team&rsquo;s workspace and you as its owner.</p>
      <PersonForm
        withWorkspace
        submitLabel="Create the workspace"
        isPending={setup.isPending}
        error={setup.error}
        onSubmit={(fields) => setup.mutate(fields)}
      />
    </section>
  );
}
