// What I have seen of each thread (its last activity when I last opened it), for "new for me" in the
// channel's thread list. Kept in localStorage: it is this browser's memory, not the server's.

const key = (threadId: string) => `meanwhile:seen:thread:${threadId}`;

/** Remembers that I saw the thread as of `lastPostAt`. */
export function markSeen(threadId: string, lastPostAt: string): void {
  try {
    globalThis.localStorage?.setItem(key(threadId), lastPostAt);
  } catch {
    // Storage disabled: nothing is remembered.
  }
}

/** The last activity I saw in the thread, or null when I never opened it here. */
export function seenAt(threadId: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key(threadId)) ?? null;
  } catch {
    return null;
  }
}
