// "Open a decision" in a thread: the question, consent or a vote with options, the decider, required and
// optional participants, and either a window of working hours (the agreement's by default) or an explicit
// later deadline. The server computes the fair close; the panel shows it once opened.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { PersonPicker } from '../composer/person-picker';
import type { Person } from '../composer/types';
import { fieldErrors } from '../ui/field-errors';
import { TextField } from '../ui/text-field';
import { useOpenDecision } from './decision-api';
import { localInputToIso } from './decision-time';
import { TimingFields } from './timing-fields';
import type { Timing } from './timing-fields';
import type { Decision, OpenDecisionBody } from './types';

function OptionsField({
  options,
  onChange,
  error,
}: {
  options: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className="decision-options">
      <legend>Options</legend>
      {options.map((option, i) => (
        <div key={i} className="decision-option-row">
          <TextField
            label={`Option ${i + 1}`}
            value={option}
            maxLength={200}
            required
            onChange={(event) => onChange(options.map((o, j) => (j === i ? event.target.value : o)))}
          />
          {options.length > 2 ? (
            <button
              type="button"
              onClick={() => onChange(options.filter((_, j) => j !== i))}
              aria-label={`Remove option ${i + 1}`}
            >
              Remove
            </button>
          ) : null}
        </div>
      ))}
      {options.length < 20 ? (
        <button type="button" onClick={() => onChange([...options, ''])}>
          Add an option
        </button>
      ) : null}
      {error ? <p className="error">{error}</p> : null}
    </fieldset>
  );
}

/** Builds the request from the form's state; `windowHours` empty means the agreement's. */
function toBody(state: {
  question: string;
  mode: 'consent' | 'vote';
  options: string[];
  deciderId: string;
  required: string[];
  optional: string[];
  timing: Timing;
  windowHours: string;
  deadline: string;
  hideVotes: boolean;
}): OpenDecisionBody {
  const closesAt = state.timing === 'deadline' ? localInputToIso(state.deadline) : undefined;
  return {
    question: state.question.trim(),
    mode: state.mode,
    ...(state.mode === 'vote' ? { options: state.options.map((o) => o.trim()) } : {}),
    ...(state.deciderId ? { deciderId: state.deciderId } : {}),
    requiredIds: state.required,
    ...(state.optional.length > 0 ? { optionalIds: state.optional } : {}),
    ...(state.timing === 'window' && state.windowHours ? { windowHours: Number(state.windowHours) } : {}),
    ...(closesAt ? { closesAt } : {}),
    ...(state.hideVotes ? { hideVotesUntilClose: true } : {}),
  };
}

/** The form; `onOpened` gets the new decision. */
export function OpenDecisionForm({
  threadId,
  meId,
  people,
  onOpened,
  onCancel,
}: {
  threadId: string;
  meId: string | undefined;
  people: Person[];
  onOpened: (decision: Decision) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const open = useOpenDecision(threadId);
  const [question, setQuestion] = useState('');
  const [mode, setMode] = useState<'consent' | 'vote'>('consent');
  const [options, setOptions] = useState(['', '']);
  const [deciderId, setDeciderId] = useState(meId ?? '');
  const [required, setRequired] = useState<string[]>(meId ? [meId] : []);
  const [optional, setOptional] = useState<string[]>([]);
  const [timing, setTiming] = useState<Timing>('window');
  const [windowHours, setWindowHours] = useState('');
  const [deadline, setDeadline] = useState('');
  const [hideVotes, setHideVotes] = useState(false);
  const errors = fieldErrors(open.error, {
    question: ['body.question'],
    options: ['body.options'],
    required: ['body.requiredIds'],
    optional: ['body.optionalIds'],
    decider: ['body.deciderId'],
    windowHours: ['body.windowHours'],
    closesAt: ['body.closesAt'],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = toBody({
      question,
      mode,
      options,
      deciderId,
      required,
      optional,
      timing,
      windowHours,
      deadline,
      hideVotes,
    });
    open.mutate(body, { onSuccess: onOpened });
  };
  const active = people.filter((person) => person.deactivatedAt === null);
  return (
    <form className="form open-decision" aria-label="Open a decision" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-question`}>Question</label>
        <textarea
          id={`${id}-question`}
          value={question}
          required
          maxLength={500}
          rows={2}
          onChange={(event) => setQuestion(event.target.value)}
        />
        {errors.question ? <p className="error">{errors.question}</p> : null}
      </div>
      <fieldset>
        <legend>How it is decided</legend>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'consent'}
            onChange={() => setMode('consent')}
          />
          Consent: adopted unless someone blocks, with a reason
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'vote'}
            onChange={() => setMode('vote')}
          />
          Vote between options: most votes wins, the decider breaks ties
        </label>
      </fieldset>
      {mode === 'vote' ? (
        <OptionsField options={options} onChange={setOptions} error={errors.options} />
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-decider`}>Decider</label>
        <span id={`${id}-decider-hint`} className="hint">
          Breaks ties, and may close early once every required participant has responded.
        </span>
        <select
          id={`${id}-decider`}
          aria-describedby={`${id}-decider-hint`}
          value={deciderId}
          onChange={(event) => setDeciderId(event.target.value)}
        >
          {active.map((person) => (
            <option key={person.id} value={person.id}>
              {person.displayName}
              {person.id === meId ? ' (you)' : ''}
            </option>
          ))}
        </select>
        {errors.decider ? <p className="error">{errors.decider}</p> : null}
      </div>
      <PersonPicker
        label="Required participants"
        people={people}
        picked={required}
        excluded={optional}
        onPick={(personId) => setRequired((current) => [...current, personId])}
        onRemove={(personId) => setRequired((current) => current.filter((p) => p !== personId))}
      />
      {errors.required ? <p className="error">{errors.required}</p> : null}
      <PersonPicker
        label="Optional participants"
        people={people}
        picked={optional}
        excluded={required}
        onPick={(personId) => setOptional((current) => [...current, personId])}
        onRemove={(personId) => setOptional((current) => current.filter((p) => p !== personId))}
      />
      {errors.optional ? <p className="error">{errors.optional}</p> : null}
      <TimingFields
        timing={timing}
        onTiming={setTiming}
        windowHours={windowHours}
        onWindowHours={setWindowHours}
        deadline={deadline}
        onDeadline={setDeadline}
        errors={errors}
      />
      <label className="choice">
        <input
          type="checkbox"
          className="checkbox"
          checked={hideVotes}
          onChange={(event) => setHideVotes(event.target.checked)}
        />
        Hide responses until the close (nobody anchors on others)
      </label>
      {open.error ? (
        <p className="error" role="alert">
          {errors.other ?? 'The decision could not be opened: see the notes above.'}
        </p>
      ) : null}
      <div className="decision-form-buttons">
        <button type="submit" className="primary" disabled={open.isPending}>
          Open decision
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
