// When a new decision closes: after a window of each required participant's own working hours (the
// agreement's by default), or at an explicit later deadline in my time.
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { TextField } from '../ui/text-field';

/** The agreement's decision window, for the hint. */
function useDefaultWindow() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.agreement,
    queryFn: async () => expectData(await client.GET('/api/v1/agreement')),
    select: (answer) => answer.agreement.decisionWindowHours,
  });
}

/** How the close is chosen. */
export type Timing = 'window' | 'deadline';

/** The "When it closes" fieldset. */
export function TimingFields({
  timing,
  onTiming,
  windowHours,
  onWindowHours,
  deadline,
  onDeadline,
  errors,
}: {
  timing: Timing;
  onTiming: (timing: Timing) => void;
  windowHours: string;
  onWindowHours: (value: string) => void;
  deadline: string;
  onDeadline: (value: string) => void;
  errors: { windowHours?: string; closesAt?: string };
}) {
  const name = useId();
  const defaultWindow = useDefaultWindow().data;
  return (
    <fieldset>
      <legend>When it closes</legend>
      <label className="choice">
        <input type="radio" name={name} checked={timing === 'window'} onChange={() => onTiming('window')} />
        When every required participant has had a window of their own working hours
      </label>
      {timing === 'window' ? (
        <TextField
          label="Working hours each"
          hint={
            defaultWindow === undefined
              ? 'Empty: the agreement’s decision window.'
              : `Empty: the agreement’s ${defaultWindow} working hours.`
          }
          type="number"
          min={1}
          max={1000}
          inputMode="numeric"
          value={windowHours}
          placeholder={defaultWindow === undefined ? undefined : String(defaultWindow)}
          onChange={(event) => onWindowHours(event.target.value)}
        />
      ) : null}
      {errors.windowHours ? <p className="error">{errors.windowHours}</p> : null}
      <label className="choice">
        <input
          type="radio"
          name={name}
          checked={timing === 'deadline'}
          onChange={() => onTiming('deadline')}
        />
        At a later deadline
      </label>
      {timing === 'deadline' ? (
        <TextField
          label="Deadline (your time)"
          hint="Not before the fair close: everyone still gets their window."
          type="datetime-local"
          required
          value={deadline}
          onChange={(event) => onDeadline(event.target.value)}
        />
      ) : null}
      {errors.closesAt ? <p className="error">{errors.closesAt}</p> : null}
    </fieldset>
  );
}
