// The team's working agreement: read as a document by everyone, changed by owners and admins with a
// reason, with every version (author, time, reason, what changed).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { useSession } from '../app/session';
import { ErrorMessage } from '../ui/error-message';
import { fieldErrors } from '../ui/field-errors';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';
import { AgreementTermsList, changedTerms } from './agreement-view';
import type { AgreementTerms } from './agreement-view';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatTime(iso: string | null): string {
  if (!iso) return 'at the start';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : timeFormat.format(ms);
}

function useAgreement() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.agreement,
    queryFn: async () => expectData(await client.GET('/api/v1/agreement')),
  });
}

/** The agreement as `GET /api/v1/agreement` answers it. */
type CurrentAgreement = NonNullable<ReturnType<typeof useAgreement>['data']>;

function useVersions() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.agreementVersions,
    queryFn: async () =>
      expectData(await client.GET('/api/v1/agreement/versions', { params: { query: { limit: 200 } } })),
  });
}

/** Display names by person id, for "changed by"; empty when the list is not visible to me. */
function usePeopleNames() {
  const { client } = useApi();
  return useQuery({
    queryKey: [...queryKeys.people, 'agreement-authors'],
    queryFn: async () => {
      const page = expectData(await client.GET('/api/v1/people', { params: { query: { limit: 200 } } }));
      return new Map(page.items.map((person) => [person.id, person.displayName]));
    },
    retry: false,
  });
}

/** The agreement screen. */
export function AgreementScreen() {
  const { me } = useSession();
  const agreement = useAgreement();
  const versions = useVersions();
  const names = usePeopleNames();
  const [isEditing, setEditing] = useState(false);
  const [changedTo, setChangedTo] = useState<number | null>(null);
  const canEdit = me?.role === 'owner' || me?.role === 'admin';
  const nameOf = (id: string | null) =>
    id ? (names.data?.get(id) ?? 'a member') : 'Meanwhile (the defaults)';

  return (
    <section className="screen agreement-screen">
      <ScreenHeading title="Agreement">How we work: the agreement</ScreenHeading>
      <p className="hint">
        The team’s working agreement, kept by Meanwhile: reply windows, interruptions and meetings follow it.
      </p>
      {agreement.isPending ? <Loading what="Loading the agreement…" /> : null}
      <ErrorMessage error={agreement.error} />
      {agreement.data ? (
        <>
          <article className="agreement-document" aria-labelledby="agreement-terms">
            <h2 id="agreement-terms">The terms</h2>
            <p className="agreement-meta">
              Version {agreement.data.version}, {agreement.data.changedAt ? 'changed' : 'set'}{' '}
              {formatTime(agreement.data.changedAt)} by {nameOf(agreement.data.changedBy)}
              {agreement.data.reason ? <>: “{agreement.data.reason}”</> : null}
            </p>
            <AgreementTermsList terms={agreement.data.agreement as AgreementTerms} />
          </article>
          <p role="status" className="muted">
            {changedTo !== null ? `The agreement is changed: version ${changedTo}.` : ''}
          </p>
          {canEdit && !isEditing ? (
            <button
              type="button"
              onClick={() => {
                setEditing(true);
                setChangedTo(null);
              }}
            >
              Change the agreement
            </button>
          ) : null}
          {canEdit && isEditing ? (
            <AgreementForm
              current={agreement.data}
              onDone={(version) => {
                setEditing(false);
                setChangedTo(version);
              }}
              onCancel={() => setEditing(false)}
            />
          ) : null}
        </>
      ) : null}

      <section aria-labelledby="agreement-history" className="agreement-history">
        <h2 id="agreement-history">History</h2>
        {versions.isPending ? <Loading what="Loading the history…" /> : null}
        <ErrorMessage error={versions.error} />
        {versions.data && versions.data.items.length === 0 ? (
          <p className="muted">No changes yet: these are Meanwhile’s defaults.</p>
        ) : null}
        {versions.data && versions.data.items.length > 0 ? (
          <ol className="agreement-versions" aria-label="Versions, newest first">
            {versions.data.items.map((item, i) => {
              const older = versions.data.items[i + 1];
              const changed = older
                ? changedTerms(older.agreement as AgreementTerms, item.agreement as AgreementTerms)
                : [];
              return (
                <li key={item.version} className="agreement-version">
                  <strong>Version {item.version}</strong> · {formatTime(item.changedAt)} ·{' '}
                  {nameOf(item.changedBy)}
                  {item.reason ? <p>“{item.reason}”</p> : null}
                  {changed.length > 0 ? <p className="muted">Changed: {changed.join(', ')}</p> : null}
                </li>
              );
            })}
          </ol>
        ) : null}
      </section>
    </section>
  );
}

const roles = ['owner', 'admin', 'member', 'guest'] as const;

function AgreementForm({
  current,
  onDone,
  onCancel,
}: {
  current: CurrentAgreement;
  onDone: (version: number) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const { client } = useApi();
  const queryClient = useQueryClient();
  const terms = current.agreement;
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const save = useMutation({
    mutationFn: async (body: { agreement: AgreementTerms; reason: string }) =>
      expectData(
        await client.PUT('/api/v1/agreement', {
          // The terms go back as read, with any this app does not know yet; the server validates them all.
          body: body as never,
          params: { header: { 'If-Match': `"${current.version}"` } },
        }),
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.agreement, saved);
      await queryClient.invalidateQueries({ queryKey: queryKeys.agreementVersions });
      onDone(saved.version);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.agreement }),
  });
  const errors = fieldErrors(save.error, {
    replyWindows: ['body.agreement.replyWindows'],
    interruptionBudget: ['body.agreement.interruptionBudget'],
    emergencyRoles: ['body.agreement.emergencyRoles'],
    digestTimes: ['body.agreement.digestTimes'],
    meetingNoticeHours: ['body.agreement.meetingNoticeHours'],
    decisionWindowHours: ['body.agreement.decisionWindowHours'],
    reason: ['body.reason'],
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setReasonMissing(false);
    const form = new FormData(event.currentTarget);
    const number = (name: string) => Number(form.get(name));
    const agreement = {
      // Every term as read, unknown ones included, then the ones edited here.
      ...terms,
      replyWindows: {
        today: number('today'),
        soon: number('soon'),
        normal: number('normal'),
      },
      interruptionBudget: number('interruptionBudget'),
      emergencyRoles: roles.filter((role) => form.get(`emergency-${role}`) === 'on'),
      allowChannelMentions: form.get('allowChannelMentions') === 'on',
      digestTimes: String(form.get('digestTimes') ?? '')
        .split(',')
        .map((time) => time.trim())
        .filter(Boolean),
      meetingNoticeHours: number('meetingNoticeHours'),
      decisionWindowHours: number('decisionWindowHours'),
    };
    save.mutate({ agreement, reason: reason.trim() });
  };

  const numberField = (
    name: string,
    label: string,
    value: number,
    min: number,
    max: number,
    error?: string,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        name={name}
        type="number"
        inputMode="numeric"
        required
        min={min}
        max={max}
        step={1}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-${name}-error` : undefined}
      />
      {error ? (
        <span id={`${id}-${name}-error`} className="error">
          {error}
        </span>
      ) : null}
    </div>
  );

  return (
    <form className="form agreement-form" onSubmit={submit} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Change the agreement</h2>
      <fieldset>
        <legend>Reply windows, in the recipient’s working hours</legend>
        <div className="inline-fields">
          {numberField('today', 'today', terms.replyWindows.today, 1, 1000)}
          {numberField('soon', 'soon', terms.replyWindows.soon, 1, 1000)}
          {numberField('normal', 'normal', terms.replyWindows.normal, 1, 1000)}
        </div>
        {errors.replyWindows ? <p className="error">{errors.replyWindows}</p> : null}
      </fieldset>
      {numberField(
        'interruptionBudget',
        'Interrupts per person per week',
        terms.interruptionBudget,
        0,
        100,
        errors.interruptionBudget,
      )}
      <fieldset>
        <legend>Who may send emergencies</legend>
        {roles.map((role) => (
          <label key={role} className="choice">
            <input
              type="checkbox"
              name={`emergency-${role}`}
              defaultChecked={terms.emergencyRoles.includes(role)}
            />
            {role}s
          </label>
        ))}
        {errors.emergencyRoles ? <p className="error">{errors.emergencyRoles}</p> : null}
      </fieldset>
      <label className="choice">
        <input type="checkbox" name="allowChannelMentions" defaultChecked={terms.allowChannelMentions} />
        Allow whole-channel mentions (@channel, @all)
      </label>
      <div className="field">
        <label htmlFor={`${id}-digestTimes`}>Digest times</label>
        <span className="hint" id={`${id}-digestTimes-hint`}>
          Local times HH:MM, separated by commas.
        </span>
        <input
          id={`${id}-digestTimes`}
          name="digestTimes"
          defaultValue={terms.digestTimes.join(', ')}
          aria-invalid={errors.digestTimes ? true : undefined}
          aria-describedby={`${id}-digestTimes-hint`}
        />
        {errors.digestTimes ? <span className="error">{errors.digestTimes}</span> : null}
      </div>
      {numberField(
        'meetingNoticeHours',
        'Meeting notice (working hours)',
        terms.meetingNoticeHours,
        0,
        1000,
        errors.meetingNoticeHours,
      )}
      {numberField(
        'decisionWindowHours',
        'Decision window (working hours)',
        terms.decisionWindowHours,
        1,
        1000,
        errors.decisionWindowHours,
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>Why it changes (required)</label>
        <span className="hint" id={`${id}-reason-hint`}>
          Kept with this version in the history, for everyone to read.
        </span>
        <textarea
          id={`${id}-reason`}
          name="reason"
          rows={3}
          maxLength={500}
          aria-required="true"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={reasonMissing || errors.reason ? true : undefined}
          aria-describedby={`${id}-reason-hint${reasonMissing || errors.reason ? ` ${id}-reason-error` : ''}`}
        />
        {reasonMissing || errors.reason ? (
          <span id={`${id}-reason-error`} className="error" role="alert">
            {reasonMissing
              ? 'Say why the agreement changes: the reason is kept with the version.'
              : errors.reason}
          </span>
        ) : null}
      </div>
      {errors.other ? (
        <p className="error" role="alert">
          {save.error instanceof ApiError && save.error.status === 412
            ? 'Someone changed the agreement while you were editing: read the new version and try again.'
            : errors.other}
        </p>
      ) : null}
      <div className="rhythm-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save the new version
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
