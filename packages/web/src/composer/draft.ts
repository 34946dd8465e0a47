// Drafts that survive a reload: one per channel (a new thread) or thread (a reply), in localStorage.
import { useCallback, useEffect, useState } from 'react';
import type { AskLevel, ComposerTarget } from './types';

/** Everything the composer holds. */
export interface Draft {
  title: string;
  markdown: string;
  mentions: string[];
  asks: string[];
  askLevel: AskLevel;
  interrupt: boolean;
  reason: string;
}

/** A draft with nothing in it. */
export const emptyDraft: Draft = {
  title: '',
  markdown: '',
  mentions: [],
  asks: [],
  askLevel: 'normal',
  interrupt: false,
  reason: '',
};

/** The localStorage key of a target's draft. */
export function draftKey(target: ComposerTarget): string {
  return target.kind === 'channel'
    ? `meanwhile:draft:channel:${target.channelId}`
    : `meanwhile:draft:thread:${target.threadId}`;
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The stored draft of a target, or null; anything malformed is ignored. */
export function readDraft(target: ComposerTarget): Draft | null {
  try {
    const text = globalThis.localStorage?.getItem(draftKey(target));
    if (!text) return null;
    const raw = JSON.parse(text) as Partial<Record<keyof Draft, unknown>>;
    const levels: unknown[] = ['today', 'soon', 'normal', 'fyi'];
    return {
      title: typeof raw.title === 'string' ? raw.title : '',
      markdown: typeof raw.markdown === 'string' ? raw.markdown : '',
      mentions: isStrings(raw.mentions) ? raw.mentions : [],
      asks: isStrings(raw.asks) ? raw.asks : [],
      askLevel: levels.includes(raw.askLevel) ? (raw.askLevel as AskLevel) : 'normal',
      interrupt: raw.interrupt === true,
      reason: typeof raw.reason === 'string' ? raw.reason : '',
    };
  } catch {
    return null;
  }
}

function isEmpty(draft: Draft): boolean {
  return (
    !draft.title.trim() &&
    !draft.markdown.trim() &&
    draft.mentions.length === 0 &&
    draft.asks.length === 0 &&
    !draft.interrupt
  );
}

function writeDraft(target: ComposerTarget, draft: Draft): void {
  try {
    if (isEmpty(draft)) globalThis.localStorage?.removeItem(draftKey(target));
    else globalThis.localStorage?.setItem(draftKey(target), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the draft lives in memory only.
  }
}

/** The draft of `target`, saved on every change; `clear` empties it (after sending). */
export function useDraft(target: ComposerTarget) {
  const key = draftKey(target);
  const [state, setState] = useState(() => ({ key, draft: readDraft(target) ?? emptyDraft }));
  // Another thread or channel: its own draft.
  const current = state.key === key ? state.draft : (readDraft(target) ?? emptyDraft);
  if (state.key !== key) setState({ key, draft: current });
  useEffect(() => {
    writeDraft(target, current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key names the target
  }, [key, current]);
  const update = useCallback(
    (change: Partial<Draft>) =>
      setState((previous) => ({ ...previous, draft: { ...previous.draft, ...change } })),
    [],
  );
  // Removed at once, not by the effect: after sending, the screen may leave before it runs.
  const clear = useCallback(() => {
    try {
      globalThis.localStorage?.removeItem(key);
    } catch {
      // Storage disabled: nothing was kept.
    }
    setState((previous) => ({ ...previous, draft: emptyDraft }));
  }, [key]);
  return { draft: current, update, clear };
}
