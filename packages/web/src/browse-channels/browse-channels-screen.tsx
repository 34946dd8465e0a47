import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { Link } from '../app/router';
import { useChannels } from '../app/sidebar';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';

/** Every channel I can see, with a way to join the public ones I am not in. */
export function BrowseChannelsScreen() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const channels = useChannels();
  const join = useMutation({
    mutationFn: async (id: string) => {
      const { response, error } = await client.POST('/api/v1/channels/{id}/join', {
        params: { path: { id } },
      });
      if (!response.ok) throw new ApiError(response.status, error ?? {});
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.channels }),
  });
  return (
    <section className="screen">
      <ScreenHeading title="Browse channels">Browse channels</ScreenHeading>
      <p>
        <Link to="/channels/new">Create a channel</Link>
      </p>
      {channels.isPending ? <Loading /> : null}
      <ErrorMessage error={channels.error ?? join.error} />
      {channels.data?.length === 0 ? <p className="muted">No channels yet.</p> : null}
      <ul className="item-list">
        {channels.data?.map((channel) => (
          <li key={channel.id}>
            <Link to={`/channels/${encodeURIComponent(channel.id)}`}>{channel.name}</Link>{' '}
            <span className="muted">
              {channel.visibility === 'private' ? 'private' : 'public'}
              {channel.description ? ` · ${channel.description}` : ''}
            </span>{' '}
            {channel.isMember ? (
              <span className="muted">· member</span>
            ) : (
              <button type="button" onClick={() => join.mutate(channel.id)} disabled={join.isPending}>
                Join <span className="visually-hidden">{channel.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
