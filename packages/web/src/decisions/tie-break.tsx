// The decider's tie-break: one of the tied options.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message';
import { useDecisionAction } from './decision-api';
import type { Decision } from './types';

/** Lets the decider choose among the tied options. */
export function TieBreak({ decision }: { decision: Decision }) {
  const action = useDecisionAction(decision.id);
  const name = useId();
  const tied = decision.tiedOptions ?? [];
  const [choice, setChoice] = useState<number | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (choice !== null) action.mutate({ kind: 'tie-break', option: choice });
  };
  return (
    <form className="decision-response" onSubmit={submit}>
      <fieldset>
        <legend>Break the tie</legend>
        {tied.map((index) => (
          <label key={index} className="choice">
            <input type="radio" name={name} checked={choice === index} onChange={() => setChoice(index)} />
            {decision.options[index]?.text}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={choice === null || action.isPending}>
        Choose this option
      </button>
      <ErrorMessage error={action.error} />
    </form>
  );
}
