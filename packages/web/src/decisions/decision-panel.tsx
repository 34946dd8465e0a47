// One decision in its thread: the question, when it closes in my time (and the time of the person whose
// rhythm set it) with the reason, who takes part and who has responded, my response, and the decider's
// early close and tie-break. Responses of others and the counts stay hidden when the decision says so.
import { nameOf } from '../composer/people';
import type { Person } from '../composer/types';
import { ErrorMessage } from '../ui/error-message';
import { useDecisionAction } from './decision-api';
import { forMeAndThem } from './decision-time';
import { DecisionResponse } from './decision-response';
import { TieBreak } from './tie-break';
import type { Decision, DecisionParticipant } from './types';

function stateText(decision: Decision, people: Person[] | undefined): string {
  if (decision.state === 'awaiting_tiebreak')
    return `Tied: waiting for ${nameOf(people, decision.deciderId)} to break the tie`;
  if (decision.state === 'closed') {
    const text = decision.outcome?.text ?? '';
    return `Decided${decision.closedEarly ? ' (closed early)' : ''}: ${text}`;
  }
  return 'Open';
}

function responseText(decision: Decision, participant: DecisionParticipant): string {
  const response = participant.response;
  if (!participant.hasResponded) return 'not responded yet';
  if (!response) return 'responded (hidden until the close)';
  if (response.kind === 'vote') return `voted ${decision.options[response.option ?? -1]?.text ?? ''}`;
  if (response.kind === 'block') return `blocks: ${response.reason ?? ''}`;
  return 'consents';
}

function Participants({ decision, people }: { decision: Decision; people: Person[] | undefined }) {
  return (
    <ul className="decision-people" aria-label="Participants">
      {decision.participants.map((participant) => (
        <li key={participant.personId}>
          <span className="decision-person">{nameOf(people, participant.personId)}</span>{' '}
          <span className="muted">
            ({participant.isRequired ? 'required' : 'optional'}) · {responseText(decision, participant)}
          </span>
          {participant.isRequired && participant.windowEndsAt && decision.state === 'open' ? (
            <span className="hint decision-window">
              {' '}
              · window ends {forMeAndThem(participant.windowEndsAt, nameOf(people, participant.personId))}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Results({ decision }: { decision: Decision }) {
  if (decision.mode !== 'vote') return null;
  if (decision.options.some((option) => option.votes === null))
    return <p className="hint">Votes are hidden until the close, so that nobody anchors on others.</p>;
  return (
    <ol className="decision-results" aria-label="Votes so far">
      {decision.options.map((option) => (
        <li key={option.index}>
          {option.text}: {option.votes} {option.votes === 1 ? 'vote' : 'votes'}
          {decision.outcome?.option === option.index ? <strong> (chosen)</strong> : null}
        </li>
      ))}
    </ol>
  );
}

function CloseEarly({ decision, meId }: { decision: Decision; meId: string | undefined }) {
  const action = useDecisionAction(decision.id);
  if (decision.state !== 'open' || decision.deciderId !== meId) return null;
  const required = decision.participants.filter((p) => p.isRequired);
  const responded = required.filter((p) => p.hasResponded).length;
  return (
    <div className="decision-close">
      {decision.canCloseEarly ? (
        <button type="button" onClick={() => action.mutate({ kind: 'close' })} disabled={action.isPending}>
          Close now
        </button>
      ) : (
        <p className="hint">
          As the decider you may close early once every required participant has responded ({responded} of{' '}
          {required.length} have).
        </p>
      )}
      <ErrorMessage error={action.error} />
    </div>
  );
}

/** A decision, as I see it. */
export function DecisionPanel({
  decision,
  meId,
  people,
}: {
  decision: Decision;
  meId: string | undefined;
  people: Person[] | undefined;
}) {
  const headingId = `decision-${decision.id}`;
  const setter = decision.closeSetBy === null ? 'them' : nameOf(people, decision.closeSetBy);
  const isParticipant = decision.participants.some((p) => p.personId === meId);
  return (
    <article className={`decision decision-${decision.state}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="decision-question">
        {decision.question}
      </h3>
      <p className="decision-meta">
        <span className="decision-state">{stateText(decision, people)}</span> ·{' '}
        {decision.mode === 'consent' ? 'Consent: adopted unless someone blocks' : 'Vote'} · decider{' '}
        {nameOf(people, decision.deciderId)}
      </p>
      {decision.state === 'open' ? (
        <>
          <p className="decision-close-time">
            Closes <time dateTime={decision.closesAt.at}>{forMeAndThem(decision.closesAt, setter)}</time>
          </p>
          <p className="hint decision-reason">{decision.closeReason}</p>
        </>
      ) : decision.closedAt ? (
        <p className="hint">
          Closed{' '}
          <time dateTime={decision.closedAt}>
            {forMeAndThem({ ...decision.closesAt, at: decision.closedAt }, setter)}
          </time>
        </p>
      ) : null}
      <Results decision={decision} />
      <Participants decision={decision} people={people} />
      {decision.state === 'open' && isParticipant ? <DecisionResponse decision={decision} /> : null}
      {decision.state === 'awaiting_tiebreak' && decision.deciderId === meId ? (
        <TieBreak decision={decision} />
      ) : null}
      <CloseEarly decision={decision} meId={meId} />
    </article>
  );
}
