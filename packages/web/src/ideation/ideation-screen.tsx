// The ideation board (route `/ideation/:roundId`). While ideas are collected, each person sees only their
// own (the server sends nothing else) and when the reveal comes, in their time, and why; after the reveal,
// every idea, most dots first, named unless the round is anonymous, with my dots left to place.
import { useMemo, useRef, useState } from 'react';
import type { FormEvent, RefObject } from 'react';
import { navigate } from '../app/router';
import type { ScreenProps } from '../app/routes';
import { useMyTimeZone } from '../inbox/inbox-data';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';
import { viewerTimeZone, wallClock } from '../ui/time-format';
import { useIdeaAction, useIdeas, useRound, useRoundLiveUpdates } from './ideation-api';
import { IdeaItem } from './idea-item';
import type { IdeaHandlers } from './idea-item';
import type { Idea, Round } from './types';

function NewIdea({
  round,
  buildsOn,
  onClearBuildsOn,
  textRef,
}: {
  round: Round;
  buildsOn: Idea | null;
  onClearBuildsOn: () => void;
  textRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const action = useIdeaAction(round.id);
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    action.mutate(
      { kind: 'add', text: text.trim(), ...(buildsOn ? { buildsOn: buildsOn.id } : {}) },
      {
        onSuccess: () => {
          setText('');
          onClearBuildsOn();
        },
      },
    );
  };
  return (
    <form className="form idea-form" aria-label="Add an idea" onSubmit={submit}>
      {buildsOn ? (
        <p className="hint">
          Building on “{buildsOn.text}”{' '}
          <button type="button" className="link-button" onClick={onClearBuildsOn}>
            (not this one)
          </button>
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="new-idea">Your idea</label>
        <textarea
          id="new-idea"
          ref={textRef}
          value={text}
          required
          maxLength={4000}
          rows={3}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <button type="submit" className="primary" disabled={action.isPending}>
        Add idea
      </button>
      <ErrorMessage error={action.error} />
    </form>
  );
}

function Phase({ round, zone }: { round: Round; zone: string }) {
  if (round.phase === 'collecting')
    return (
      <>
        <p className="ideation-phase">
          Collecting ideas until the reveal at{' '}
          <time dateTime={round.revealAt.at}>{wallClock(round.revealAt.at, zone)}</time> (your time). Until
          then nobody sees anyone else’s ideas, yours included.
        </p>
        <p className="hint">{round.revealReason}</p>
      </>
    );
  return (
    <p className="ideation-phase" role="status">
      Revealed: place your dots.{' '}
      <strong>
        {round.myDotsLeft} of {round.dotsPerPerson} {round.dotsPerPerson === 1 ? 'dot' : 'dots'} left
      </strong>
      {round.allowsStacking ? ' (several on one idea allowed)' : ' (one per idea)'}.
    </p>
  );
}

/** The ideation board screen. */
export function IdeationScreen({ params }: ScreenProps) {
  const roundId = params.roundId ?? '';
  const round = useRound(roundId);
  const ideas = useIdeas(roundId);
  useRoundLiveUpdates(roundId);
  const action = useIdeaAction(roundId);
  const zone = useMyTimeZone() ?? viewerTimeZone();
  const [buildsOn, setBuildsOn] = useState<Idea | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const items = useMemo(() => ideas.data?.items ?? [], [ideas.data]);
  const byId = useMemo(() => new Map(items.map((idea) => [idea.id, idea])), [items]);
  if (round.isPending) return <Loading />;
  if (round.isError) return <ErrorMessage error={round.error} />;
  const handlers: IdeaHandlers = {
    onDots: (idea, dots) => action.mutate({ kind: 'dots', ideaId: idea.id, dots }),
    onEdit: (idea, text) => action.mutate({ kind: 'edit', ideaId: idea.id, text }),
    onBuildOn: (idea) => {
      setBuildsOn(idea);
      textRef.current?.focus();
    },
    onPromote: (idea, to) =>
      action.mutate(
        { kind: 'promote', ideaId: idea.id, to },
        {
          onSuccess: (promotion) =>
            promotion?.threadId && navigate(`/threads/${encodeURIComponent(promotion.threadId)}`),
        },
      ),
    isPending: action.isPending,
  };
  const data = round.data;
  return (
    <section className="screen ideation">
      <ScreenHeading title="Ideation round">Ideation round</ScreenHeading>
      <p className="ideation-prompt">{data.prompt}</p>
      <p className="muted">
        {data.participantCount} {data.participantCount === 1 ? 'participant' : 'participants'}
        {data.isAnonymous ? ' · anonymous: no idea is shown with its author' : ''}
      </p>
      <Phase round={data} zone={zone} />
      <ErrorMessage error={action.error} />
      <h2>{data.phase === 'collecting' ? 'Your ideas' : 'All ideas, most dots first'}</h2>
      {ideas.isPending ? <Loading what="Loading the ideas…" /> : null}
      <ErrorMessage error={ideas.error} />
      {ideas.isSuccess && items.length === 0 ? <p className="muted">No ideas yet.</p> : null}
      <ol className="idea-list" aria-label="Ideas">
        {items.map((idea) => (
          <IdeaItem key={idea.id} idea={idea} round={data} byId={byId} handlers={handlers} />
        ))}
      </ol>
      {data.isParticipant ? (
        <NewIdea
          round={data}
          buildsOn={buildsOn}
          onClearBuildsOn={() => setBuildsOn(null)}
          textRef={textRef}
        />
      ) : null}
    </section>
  );
}
