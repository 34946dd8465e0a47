// My response to an open decision: consent, or a block with a reason (withdrawable), or a vote that I may
// change until the close.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message';
import { useDecisionAction } from './decision-api';
import type { Decision } from './types';

function VoteForm({ decision }: { decision: Decision }) {
  const action = useDecisionAction(decision.id);
  const name = useId();
  const mine = decision.myResponse?.option ?? null;
  const [choice, setChoice] = useState<number | null>(mine);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice !== null) action.mutate({ kind: 'respond', body: { kind: 'vote', option: choice } });
  };
  return (
    <form className="decision-response" onSubmit={submit}>
      <fieldset>
        <legend>Your vote</legend>
        {decision.options.map((option) => (
          <label key={option.index} className="choice">
            <input
              type="radio"
              name={name}
              value={option.index}
              checked={choice === option.index}
              onChange={() => setChoice(option.index)}
            />
            {option.text}
            {mine === option.index ? (
              <>
                {' '}
                <span className="muted">(your vote)</span>
              </>
            ) : null}
          </label>
        ))}
      </fieldset>
      <button
        type="submit"
        className="primary"
        disabled={choice === null || choice === mine || action.isPending}
      >
        {mine === null ? 'Vote' : 'Change vote'}
      </button>
      <p className="hint">You may change your vote until the close.</p>
      <ErrorMessage error={action.error} />
    </form>
  );
}

function ConsentForm({ decision }: { decision: Decision }) {
  const action = useDecisionAction(decision.id);
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const mine = decision.myResponse;
  if (mine?.kind === 'block') {
    return (
      <div className="decision-response">
        <p>
          You block: <span className="decision-reason-text">{mine.reason}</span>
        </p>
        <button
          type="button"
          onClick={() => action.mutate({ kind: 'withdraw-block' })}
          disabled={action.isPending}
        >
          Withdraw my block
        </button>
        <ErrorMessage error={action.error} />
      </div>
    );
  }
  const block = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    setMissing(trimmed === '');
    if (trimmed !== '') action.mutate({ kind: 'respond', body: { kind: 'block', reason: trimmed } });
  };
  return (
    <div className="decision-response">
      {mine?.kind === 'consent' ? (
        <p>You consent.</p>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => action.mutate({ kind: 'respond', body: { kind: 'consent' } })}
          disabled={action.isPending}
        >
          Consent
        </button>
      )}
      <form className="field" onSubmit={block} noValidate>
        <label htmlFor={reasonId}>Why you block</label>
        <textarea
          id={reasonId}
          value={reason}
          maxLength={500}
          rows={2}
          aria-invalid={missing}
          aria-describedby={missing ? `${reasonId}-error` : undefined}
          onChange={(event) => setReason(event.target.value)}
        />
        {missing ? (
          <p id={`${reasonId}-error`} className="error" role="alert">
            A block needs a reason, so that others can answer it.
          </p>
        ) : null}
        <button type="submit" disabled={action.isPending}>
          Block
        </button>
      </form>
      <ErrorMessage error={action.error} />
    </div>
  );
}

/** My response controls for an open decision I take part in. */
export function DecisionResponse({ decision }: { decision: Decision }) {
  return decision.mode === 'vote' ? <VoteForm decision={decision} /> : <ConsentForm decision={decision} />;
}
