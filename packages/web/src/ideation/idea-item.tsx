// One idea on the board: its text, its author (or none, when the round is anonymous or before the
// reveal), what it builds on, its dots and mine; my own can be edited; after the reveal it can be dotted,
// built on and promoted into a thread or a decision.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from '../app/router';
import type { Idea, Round } from './types';

/** What the board lets one do with an idea. */
export interface IdeaHandlers {
  onDots: (idea: Idea, dots: number) => void;
  onBuildOn: (idea: Idea) => void;
  /** A decision opens in the round's thread (or a new one): the screen goes to that thread. */
  onPromote: (idea: Idea, to: 'thread' | 'decision') => void;
  onEdit: (idea: Idea, text: string) => void;
  isPending: boolean;
}

/** The element id of an idea, for "builds on" links. */
export const ideaAnchor = (id: string) => `idea-${id}`;

// Each button names its action; the idea's text describes it (axe: the visible label stays the name).
const ideaTextId = (id: string) => `idea-text-${id}`;

function DotButtons({ idea, round, handlers }: { idea: Idea; round: Round; handlers: IdeaHandlers }) {
  const canAdd = round.myDotsLeft > 0 && (round.allowsStacking || idea.myDots === 0);
  return (
    <div className="idea-actions">
      <button
        type="button"
        onClick={() => handlers.onDots(idea, idea.myDots + 1)}
        disabled={!canAdd || handlers.isPending}
        aria-describedby={ideaTextId(idea.id)}
      >
        Give a dot
      </button>
      {idea.myDots > 0 ? (
        <button
          type="button"
          onClick={() => handlers.onDots(idea, 0)}
          disabled={handlers.isPending}
          aria-describedby={ideaTextId(idea.id)}
        >
          Take my dots back
        </button>
      ) : null}
      <button type="button" onClick={() => handlers.onBuildOn(idea)} aria-describedby={ideaTextId(idea.id)}>
        Build on this
      </button>
      {idea.promotedThreadId ? (
        <Link to={`/threads/${encodeURIComponent(idea.promotedThreadId)}`}>Its thread</Link>
      ) : (
        <button
          type="button"
          onClick={() => handlers.onPromote(idea, 'thread')}
          disabled={handlers.isPending}
          aria-describedby={ideaTextId(idea.id)}
        >
          Promote to a thread
        </button>
      )}
      <button
        type="button"
        onClick={() => handlers.onPromote(idea, 'decision')}
        disabled={handlers.isPending}
        aria-describedby={ideaTextId(idea.id)}
      >
        Promote to a decision
      </button>
    </div>
  );
}

function EditIdea({
  idea,
  onSave,
  onDone,
}: {
  idea: Idea;
  onSave: (text: string) => void;
  onDone: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(idea.text);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) onSave(text.trim());
    onDone();
  };
  return (
    <form className="field" onSubmit={submit}>
      <label htmlFor={id}>Edit your idea</label>
      <textarea
        id={id}
        value={text}
        required
        maxLength={4000}
        rows={3}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="idea-actions">
        <button type="submit" className="primary">
          Save
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** An idea, with what I may do with it. */
export function IdeaItem({
  idea,
  round,
  byId,
  handlers,
}: {
  idea: Idea;
  round: Round;
  byId: Map<string, Idea>;
  handlers: IdeaHandlers;
}) {
  const [isEditing, setIsEditing] = useState(false);
  const isVoting = round.phase === 'voting';
  const parent = idea.buildsOn ? byId.get(idea.buildsOn) : undefined;
  const who = idea.mine ? 'You' : (idea.author?.displayName ?? (round.isAnonymous ? 'Anonymous' : 'Someone'));
  return (
    <li className="idea" id={ideaAnchor(idea.id)}>
      {isEditing ? (
        <EditIdea
          idea={idea}
          onSave={(text) => handlers.onEdit(idea, text)}
          onDone={() => setIsEditing(false)}
        />
      ) : (
        <p className="idea-text" id={ideaTextId(idea.id)}>
          {idea.text}
        </p>
      )}
      <p className="muted idea-meta">
        {who}
        {isVoting && idea.dots !== null ? ` · ${idea.dots} ${idea.dots === 1 ? 'dot' : 'dots'}` : ''}
        {idea.myDots > 0 ? ` (${idea.myDots} mine)` : ''}
        {idea.editedAt ? ' · edited' : ''}
      </p>
      {idea.buildsOn ? (
        <p className="hint">
          Builds on{' '}
          {parent ? <a href={`#${ideaAnchor(parent.id)}`}>{parent.text}</a> : 'an idea you cannot see yet'}
        </p>
      ) : null}
      {idea.mine && !isEditing ? (
        <button type="button" onClick={() => setIsEditing(true)} aria-describedby={ideaTextId(idea.id)}>
          Edit
        </button>
      ) : null}
      {isVoting && round.isParticipant ? <DotButtons idea={idea} round={round} handlers={handlers} /> : null}
    </li>
  );
}
