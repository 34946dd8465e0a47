// "Start an ideation round" from a thread: the prompt, who takes part, anonymous or not, and the dots each
// person gets. The reveal is fair (every participant gets the agreement's window of working time); the
// board opens once the round exists.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { navigate } from '../app/router';
import { PersonPicker } from '../composer/person-picker';
import type { Person } from '../composer/types';
import { ErrorMessage } from '../ui/error-message';
import { TextField } from '../ui/text-field';
import { useOpenRound } from './ideation-api';

/** The form; opens the board of the new round. */
export function OpenRoundForm({
  channelId,
  threadId,
  meId,
  people,
  onCancel,
}: {
  channelId: string;
  threadId: string;
  meId: string | undefined;
  people: Person[];
  onCancel: () => void;
}) {
  const id = useId();
  const open = useOpenRound();
  const [prompt, setPrompt] = useState('');
  const [participants, setParticipants] = useState<string[]>([]);
  const [anonymous, setAnonymous] = useState(true);
  const [dots, setDots] = useState('3');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate(
      {
        channelId,
        threadId,
        prompt: prompt.trim(),
        participantIds: participants,
        anonymous,
        ...(dots ? { dotsPerPerson: Number(dots) } : {}),
      },
      { onSuccess: (round) => navigate(`/ideation/${encodeURIComponent(round.id)}`) },
    );
  };
  return (
    <form className="form open-decision" aria-label="Start an ideation round" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-prompt`}>What ideas are you asking for?</label>
        <textarea
          id={`${id}-prompt`}
          value={prompt}
          required
          maxLength={2000}
          rows={2}
          onChange={(event) => setPrompt(event.target.value)}
        />
      </div>
      <PersonPicker
        label="Participants (you take part too)"
        people={people}
        picked={participants}
        excluded={meId ? [meId] : []}
        onPick={(personId) => setParticipants((current) => [...current, personId])}
        onRemove={(personId) => setParticipants((current) => current.filter((p) => p !== personId))}
      />
      <label className="choice">
        <input
          type="checkbox"
          className="checkbox"
          checked={anonymous}
          onChange={(event) => setAnonymous(event.target.checked)}
        />
        Anonymous: after the reveal, ideas are shown without their authors
      </label>
      <TextField
        label="Dots each"
        type="number"
        min={1}
        max={20}
        inputMode="numeric"
        value={dots}
        onChange={(event) => setDots(event.target.value)}
      />
      <ErrorMessage error={open.error} />
      <div className="decision-form-buttons">
        <button type="submit" className="primary" disabled={open.isPending || participants.length === 0}>
          Start the round
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
