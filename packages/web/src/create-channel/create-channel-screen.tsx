import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { navigate } from '../app/router';
import { ErrorMessage } from '../ui/error-message';
import { ScreenHeading } from '../ui/screen-heading';
import { TextField } from '../ui/text-field';

/** Creates a channel, public by default, and opens it. */
export function CreateChannelScreen() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: async (body: { name: string; description: string; visibility: 'public' | 'private' }) =>
      expectData(await client.POST('/api/v1/channels', { body })),
    onSuccess: async (channel) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.channels });
      navigate(`/channels/${encodeURIComponent(channel.id)}`);
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      name: String(form.get('name') ?? ''),
      description: String(form.get('description') ?? ''),
      visibility: form.get('visibility') === 'private' ? 'private' : 'public',
    });
  };
  return (
    <section className="screen">
      <ScreenHeading title="Create a channel">Create a channel</ScreenHeading>
      <form onSubmit={onSubmit} className="form">
        <TextField label="Name" name="name" required maxLength={80} />
        <TextField label="Description" name="description" maxLength={500} />
        <fieldset>
          <legend>Who can see it</legend>
          <label className="choice">
            <input type="radio" name="visibility" value="public" defaultChecked /> Everyone in the workspace
          </label>
          <label className="choice">
            <input type="radio" name="visibility" value="private" /> Only its members
          </label>
        </fieldset>
        <ErrorMessage error={create.error} />
        <button type="submit" className="primary" disabled={create.isPending}>
          Create channel
        </button>
      </form>
    </section>
  );
}
