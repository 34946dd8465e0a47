// The composer: a new thread (title + first post) or a reply. Markdown with a plain-text preview (the
// server renders and sanitises markdown; the client never does), mention and ask pickers, the ask level,
// the interrupt switch with its reason and weekly budget, and the landing preview for every recipient.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent, KeyboardEvent, Ref } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { ErrorMessage } from '../ui/error-message';
import { wallClock, viewerTimeZone } from '../ui/time-format';
import { useDraft } from './draft';
import type { Draft } from './draft';
import { LandingPreviewList, useLandingPreview } from './landing-preview';
import { usePeople } from './people';
import { PersonPicker } from './person-picker';
import { askLevels } from './types';
import type { AskLevel, ComposerTarget, LandingPreviewBody, Post, Thread } from './types';

const levelText: Record<AskLevel, string> = {
  today: 'Today',
  soon: 'Soon',
  normal: 'Normal',
  fyi: 'FYI (no reply needed)',
};

/** The reason the preview is asked with: the budget and landing do not depend on its words. */
const previewReason = 'Preview';

/** A whole-channel mention in the text adds the channel's members: only then is the text sent. */
const channelMention = /@(channel|all)\b/i;

/** The draft as the landing-preview endpoint takes it. */
export function previewBody(draft: Draft): LandingPreviewBody {
  return {
    ...(draft.mentions.length > 0 ? { mentions: draft.mentions } : {}),
    ...(draft.asks.length > 0
      ? { asks: draft.asks.map((personId) => ({ personId, level: draft.askLevel })) }
      : {}),
    ...(draft.interrupt ? { interrupt: { reason: previewReason } } : {}),
    ...(channelMention.test(draft.markdown) ? { markdown: draft.markdown } : {}),
  };
}

/** What was sent: the new thread (with its first post), or the reply. */
export type Sent = { thread: Thread; post: Post } | { thread?: undefined; post: Post };

/** A post I build on, with words for its chip ("Ana’s post at 14:02"). */
export interface BuildsOnChoice {
  id: string;
  label: string;
}

/** The composer for `target`; `withTitle` for a new thread. */
export function Composer({
  target,
  meId,
  withTitle,
  submitLabel,
  buildsOn = [],
  onRemoveBuildsOn,
  onSent,
  textareaRef,
}: {
  target: ComposerTarget;
  meId: string | undefined;
  withTitle: boolean;
  submitLabel: string;
  buildsOn?: BuildsOnChoice[];
  onRemoveBuildsOn?: (id: string) => void;
  onSent: (sent: Sent) => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
}) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const { draft, update, clear } = useDraft(target);
  const [showPreview, setShowPreview] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // A scratch thread (issue 6): only the author and the people mentioned see it, until it expires.
  const [scratch, setScratch] = useState<{ on: boolean; days: number }>({ on: false, days: 7 });
  const isScratch = withTitle && target.kind === 'channel' && scratch.on;
  const people = usePeople();
  const preview = useLandingPreview(target, previewBody(draft));

  const send = useMutation({
    mutationFn: async (): Promise<Sent> => {
      const common = {
        markdown: draft.markdown,
        ...(draft.mentions.length > 0 ? { mentions: draft.mentions } : {}),
        ...(draft.asks.length > 0
          ? { asks: draft.asks.map((personId) => ({ personId, level: draft.askLevel })) }
          : {}),
        ...(draft.interrupt ? { interrupt: { reason: draft.reason.trim() } } : {}),
      };
      if (target.kind === 'channel' && isScratch) {
        const mentions = draft.mentions;
        return expectData(
          await client.POST('/api/v1/channels/{id}/scratch-threads', {
            params: { path: { id: target.channelId } },
            body: {
              title: draft.title.trim(),
              markdown: draft.markdown,
              ...(mentions.length > 0 ? { mentions } : {}),
              participantIds: mentions,
              days: scratch.days,
            },
          }),
        );
      }
      if (target.kind === 'channel') {
        return expectData(
          await client.POST('/api/v1/channels/{id}/threads', {
            params: { path: { id: target.channelId } },
            body: { ...common, title: draft.title.trim() },
          }),
        );
      }
      const post = expectData(
        await client.POST('/api/v1/threads/{id}/posts', {
          params: { path: { id: target.threadId } },
          body: { ...common, ...(buildsOn.length > 0 ? { buildsOn: buildsOn.map((b) => b.id) } : {}) },
        }),
      );
      return { post };
    },
    onSuccess: async (sent) => {
      clear();
      setShowPreview(false);
      onSent(sent);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['landing-preview'] }),
        queryClient.invalidateQueries({ queryKey: queryKeys.threadPosts(sent.post.threadId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.channelThreads(sent.post.channelId) }),
      ]);
    },
  });

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (withTitle && !draft.title.trim()) return setProblem('Give the thread a title.');
    if (!draft.markdown.trim()) return setProblem('Write something first.');
    if (draft.interrupt && !draft.reason.trim())
      return setProblem('Say why it cannot wait: the people you interrupt see the reason.');
    setProblem(null);
    send.mutate();
  };
  const onTextKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  const everyone = people.data ?? [];
  const excluded = meId ? [meId] : [];
  const budget = preview.data?.interruptBudget;
  const textId = `${id}-text`;
  const hintId = `${id}-hint`;
  return (
    <form className="composer" onSubmit={submit} aria-label={withTitle ? 'New thread' : 'Reply'}>
      {withTitle ? (
        <div className="field">
          <label htmlFor={`${id}-title`}>Title</label>
          <input
            id={`${id}-title`}
            value={draft.title}
            maxLength={200}
            onChange={(event) => update({ title: event.target.value })}
          />
        </div>
      ) : null}
      {buildsOn.length > 0 ? (
        <ul className="chips" aria-label="Builds on">
          {buildsOn.map((choice) => (
            <li key={choice.id} className="chip">
              <span>Builds on {choice.label}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Stop building on ${choice.label}`}
                onClick={() => onRemoveBuildsOn?.(choice.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="field">
        <div className="composer-text-head">
          <label htmlFor={textId}>{withTitle ? 'First post' : 'Your reply'}</label>
          <button type="button" aria-pressed={showPreview} onClick={() => setShowPreview(!showPreview)}>
            Preview
          </button>
        </div>
        <span id={hintId} className="hint">
          Markdown. Ctrl+Enter sends.
        </span>
        <textarea
          id={textId}
          ref={textareaRef}
          className="composer-text"
          rows={5}
          maxLength={40_000}
          aria-describedby={hintId}
          value={draft.markdown}
          hidden={showPreview}
          onChange={(event) => update({ markdown: event.target.value })}
          onKeyDown={onTextKey}
        />
        {showPreview ? (
          <div className="markdown-preview">
            <p className="hint">Shown as written; the formatting is applied when it is posted.</p>
            <div className="markdown-preview-text">{draft.markdown || 'Nothing written yet.'}</div>
          </div>
        ) : null}
      </div>
      <div className="composer-pickers">
        <PersonPicker
          label="Mention"
          people={everyone}
          picked={draft.mentions}
          excluded={excluded}
          onPick={(personId) => update({ mentions: [...draft.mentions, personId] })}
          onRemove={(personId) => update({ mentions: draft.mentions.filter((m) => m !== personId) })}
        />
        <PersonPicker
          label="Ask for a reply"
          people={everyone}
          picked={draft.asks}
          excluded={excluded}
          onPick={(personId) => update({ asks: [...draft.asks, personId] })}
          onRemove={(personId) => update({ asks: draft.asks.filter((a) => a !== personId) })}
        />
        <div className="field">
          <label htmlFor={`${id}-level`}>Ask level</label>
          <select
            id={`${id}-level`}
            value={draft.askLevel}
            onChange={(event) => update({ askLevel: event.target.value as AskLevel })}
          >
            {askLevels.map((level) => (
              <option key={level} value={level}>
                {levelText[level]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {withTitle && target.kind === 'channel' ? (
        <div className="composer-scratch">
          <label className="choice">
            <input
              type="checkbox"
              checked={scratch.on}
              onChange={(event) => setScratch({ ...scratch, on: event.target.checked })}
            />
            Scratch thread: only you and the people you mention see it
          </label>
          {scratch.on ? (
            <div className="field">
              <label htmlFor={`${id}-days`}>Deleted after (days)</label>
              <input
                id={`${id}-days`}
                type="number"
                min={1}
                max={90}
                value={scratch.days}
                onChange={(event) =>
                  setScratch({
                    ...scratch,
                    days: Math.min(90, Math.max(1, Math.round(Number(event.target.value) || 1))),
                  })
                }
              />
            </div>
          ) : null}
        </div>
      ) : null}
      {isScratch ? null : (
        <div className="composer-interrupt">
          <label className="choice">
            <input
              type="checkbox"
              role="switch"
              checked={draft.interrupt}
              onChange={(event) => update({ interrupt: event.target.checked })}
            />
            Interrupt: deliver at once to the people mentioned and asked
          </label>
          {draft.interrupt ? (
            <>
              <p className="hint" role="status">
                {budget
                  ? `${budget.remaining} of ${budget.limit} interrupts left this week (resets ${wallClock(budget.resetsAt, viewerTimeZone())}).`
                  : 'Checking how many interrupts you have left this week…'}
              </p>
              <div className="field">
                <label htmlFor={`${id}-reason`}>Why it cannot wait</label>
                <input
                  id={`${id}-reason`}
                  value={draft.reason}
                  maxLength={500}
                  aria-required="true"
                  onChange={(event) => update({ reason: event.target.value })}
                />
              </div>
            </>
          ) : null}
        </div>
      )}
      <LandingPreviewList
        preview={preview.data}
        people={people.data}
        isFetching={preview.isFetching}
        error={preview.error}
      />
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorMessage error={send.error} />
      <button type="submit" className="primary" disabled={send.isPending}>
        {send.isPending ? 'Sending…' : submitLabel}
      </button>
    </form>
  );
}
