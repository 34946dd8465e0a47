// The landing preview: for every recipient of a draft, when it lands and when a reply is due, in their
// time and mine. Asked again (debounced) whenever the recipients, asks or interrupt change.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { ErrorMessage } from '../ui/error-message';
import { wallClock } from '../ui/time-format';
import { nameOf } from './people';
import type { ComposerTarget, LandingPreview, LandingPreviewBody, Person, RecipientLanding } from './types';

/** How long the draft must stay still before the preview is asked again. */
export const previewDebounceMs = 400;

/** `value`, once it has not changed for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The landing preview of `body` (debounced by the caller's key), keeping the last answer while asking. */
export function useLandingPreview(target: ComposerTarget, body: LandingPreviewBody) {
  const { client } = useApi();
  const settled = useDebounced(JSON.stringify(body), previewDebounceMs);
  return useQuery({
    queryKey: queryKeys.landingPreview(
      target.kind === 'channel' ? target.channelId : target.threadId,
      settled,
    ),
    queryFn: async (): Promise<LandingPreview> => {
      const draft = JSON.parse(settled) as LandingPreviewBody;
      return target.kind === 'channel'
        ? expectData(
            await client.POST('/api/v1/channels/{id}/landing-preview', {
              params: { path: { id: target.channelId } },
              body: draft,
            }),
          )
        : expectData(
            await client.POST('/api/v1/threads/{id}/landing-preview', {
              params: { path: { id: target.threadId } },
              body: draft,
            }),
          );
    },
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

type Instant = NonNullable<RecipientLanding['landsAt']>;

/** "09:00 Tue their time · 18:00 Mon yours", or one time when we share a zone. */
export function bothClocks(instant: Instant): string {
  const theirs = wallClock(instant.at, instant.theirs.timeZone);
  const mine = wallClock(instant.at, instant.mine.timeZone);
  if (instant.theirs.timeZone === instant.mine.timeZone) return `${mine} (your time too)`;
  return `${theirs} their time · ${mine} yours`;
}

const levelLabel: Record<string, string> = {
  today: 'today',
  soon: 'soon',
  normal: 'normal',
  fyi: 'FYI',
};

function landsText(landing: RecipientLanding): string {
  if (landing.interrupt) return `lands at once (${landing.interrupt})`;
  if (landing.landsAt) return `lands ${bothClocks(landing.landsAt)}`;
  return landing.heldReason ? `held: ${landing.heldReason}` : 'no delivery time in sight';
}

function dueText(landing: RecipientLanding): string | null {
  if (!landing.ask) return null;
  const level = levelLabel[landing.ask.level] ?? landing.ask.level;
  if (!landing.ask.dueAt) return `asked (${level}), no reply due`;
  return `reply due ${bothClocks(landing.ask.dueAt)} (${level})`;
}

/** One row per recipient; a note when nobody gets the post. */
export function LandingPreviewList({
  preview,
  people,
  isFetching,
  error,
}: {
  preview: LandingPreview | undefined;
  people: Person[] | undefined;
  isFetching: boolean;
  error: Error | null;
}) {
  return (
    <section className="landing-preview" aria-labelledby="landing-preview-heading" aria-busy={isFetching}>
      <h2 id="landing-preview-heading" className="landing-preview-heading">
        When it lands
      </h2>
      <ErrorMessage error={error} />
      {preview === undefined ? (
        <p className="muted">Working out who gets it…</p>
      ) : preview.recipients.length === 0 ? (
        <p className="muted">Nobody else gets this yet: mention or ask someone.</p>
      ) : (
        <ul className="landing-list" aria-live="polite">
          {preview.recipients.map((landing) => {
            const due = dueText(landing);
            return (
              <li key={landing.personId} className="landing-row">
                <span className="landing-name">{nameOf(people, landing.personId)}</span>{' '}
                <span className="landing-when">{landsText(landing)}</span>
                {due ? (
                  <>
                    {' · '}
                    <span className="landing-due">{due}</span>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
