// The decisions of a thread, shown on the thread screen: each one's panel, "Open a decision", and
// "Start an ideation round" (its board is a screen of its own).
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { useSession } from '../app/session';
import { usePeople } from '../composer/people';
import { OpenRoundForm } from '../ideation/open-round-form';
import { ErrorMessage } from '../ui/error-message';
import { useThreadDecisions } from './decision-api';
import { DecisionPanel } from './decision-panel';
import { OpenDecisionForm } from './open-decision-form';

/** The thread (the thread screen has it cached already), for its channel. */
function useThread(threadId: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.thread(threadId),
    queryFn: async () =>
      expectData(await client.GET('/api/v1/threads/{id}', { params: { path: { id: threadId } } })),
  });
}

/** The thread's decisions and the ways to open one or start an ideation round (mounted by the thread screen). */
export function ThreadDecisions({ threadId }: { threadId: string }) {
  const { me } = useSession();
  const people = usePeople();
  const thread = useThread(threadId);
  const decisions = useThreadDecisions(threadId);
  const [form, setForm] = useState<'decision' | 'ideation' | null>(null);
  const decisionRef = useRef<HTMLButtonElement>(null);
  const ideationRef = useRef<HTMLButtonElement>(null);
  const meId = me?.person.id;
  const close = () => {
    (form === 'ideation' ? ideationRef : decisionRef).current?.focus();
    setForm(null);
  };
  const toggle = (which: 'decision' | 'ideation') => setForm((current) => (current === which ? null : which));
  const items = decisions.data ?? [];
  return (
    <section className="thread-decisions" aria-labelledby="thread-decisions-heading">
      <div className="thread-decisions-head">
        <h2 id="thread-decisions-heading">Decisions</h2>
        <div className="decision-form-buttons">
          <button
            ref={decisionRef}
            type="button"
            aria-expanded={form === 'decision'}
            aria-controls="thread-decision-form"
            onClick={() => toggle('decision')}
          >
            Open a decision
          </button>
          <button
            ref={ideationRef}
            type="button"
            aria-expanded={form === 'ideation'}
            aria-controls="thread-decision-form"
            onClick={() => toggle('ideation')}
          >
            Start an ideation round
          </button>
        </div>
      </div>
      <div id="thread-decision-form">
        {form === 'decision' ? (
          <OpenDecisionForm
            threadId={threadId}
            meId={meId}
            people={people.data ?? []}
            onOpened={close}
            onCancel={close}
          />
        ) : null}
        {form === 'ideation' && thread.data ? (
          <OpenRoundForm
            channelId={thread.data.channelId}
            threadId={threadId}
            meId={meId}
            people={people.data ?? []}
            onCancel={close}
          />
        ) : null}
      </div>
      <ErrorMessage error={decisions.error} />
      {decisions.isSuccess && items.length === 0 ? (
        <p className="muted">No decisions in this thread yet.</p>
      ) : null}
      <div className="decision-list">
        {items.map((decision) => (
          <DecisionPanel key={decision.id} decision={decision} meId={meId} people={people.data} />
        ))}
      </div>
    </section>
  );
}
