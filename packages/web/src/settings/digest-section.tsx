// E-mail digests: one switch, saved as it changes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';

/** The digests section. */
export function DigestSection() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const headingId = useId();
  const checkboxId = useId();
  const digest = useQuery({
    queryKey: queryKeys.myDigest,
    queryFn: async () => expectData(await client.GET('/api/v1/me/digest')),
  });
  const save = useMutation({
    mutationFn: async (enabled: boolean) =>
      expectData(await client.PUT('/api/v1/me/digest', { body: { enabled } })),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.myDigest, saved),
  });
  const enabled = save.isPending ? save.variables : digest.data?.enabled;
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>E-mail digests</h2>
      {digest.isPending ? <Loading what="Loading your digest setting…" /> : null}
      <ErrorMessage error={digest.error} />
      {digest.isSuccess ? (
        <div className="choice">
          <input
            id={checkboxId}
            type="checkbox"
            className="settings-checkbox"
            checked={enabled ?? false}
            disabled={save.isPending}
            aria-describedby={`${checkboxId}-hint`}
            onChange={(event) => save.mutate(event.target.checked)}
          />
          <label htmlFor={checkboxId}>Send me e-mail digests</label>
        </div>
      ) : null}
      <p id={`${checkboxId}-hint`} className="hint">
        What reaches you in a batch, sent by e-mail too at your batch times (set them in My rhythm).
      </p>
      <p className="visually-hidden" role="status">
        {save.isSuccess ? (save.data.enabled ? 'Digests on.' : 'Digests off.') : ''}
      </p>
      <ErrorMessage error={save.error} />
    </section>
  );
}
