// The banner of a scratch thread (issue 6): who sees it, when it is deleted, and the way to keep it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { ErrorMessage } from '../ui/error-message';

const dayMs = 24 * 60 * 60 * 1000;

/** Whole days left until `expiresAt` (at least 1 while it has not expired; the server deletes it then). */
export function daysLeft(expiresAt: string, now: number): number {
  return Math.max(1, Math.ceil((Date.parse(expiresAt) - now) / dayMs));
}

/**
 * "Scratch · expires in N days · only participants see this", with "Promote to thread", which makes it an
 * ordinary thread of its channel (kept, visible by the channel's rules).
 */
export function ScratchBanner({
  threadId,
  expiresAt,
  now = Date.now(),
}: {
  threadId: string;
  expiresAt: string;
  now?: number;
}) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const promote = useMutation({
    mutationFn: async () =>
      expectData(
        await client.POST('/api/v1/scratch-threads/{id}/promote', { params: { path: { id: threadId } } }),
      ),
    onSuccess: (thread) => queryClient.setQueryData(queryKeys.thread(threadId), thread),
  });
  const days = daysLeft(expiresAt, now);
  const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(expiresAt),
  );
  return (
    <div className="scratch-banner" role="note" aria-label="Scratch thread">
      <p>
        <strong>Scratch</strong> ·{' '}
        <span title={when}>expires in {days === 1 ? '1 day' : `${days} days`}</span> · only participants see
        this
      </p>
      <button type="button" onClick={() => promote.mutate()} disabled={promote.isPending}>
        Promote to thread
      </button>
      <ErrorMessage error={promote.error} />
    </div>
  );
}
