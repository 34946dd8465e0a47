// Fixtures of the thread screen's component tests: posts and instant views as the API gives them.

/** An instant view: `theirs` in `theirZone`, `mine` in `myZone` (local parts left empty: formatted by Intl). */
export const instantView = (at: string, theirZone: string, myZone = 'Europe/Berlin') => ({
  at,
  epochMs: Date.parse(at),
  theirs: { date: '', time: '', timeZone: theirZone, utcOffsetMinutes: 0 },
  mine: { date: '', time: '', timeZone: myZone, utcOffsetMinutes: 0 },
});

/** A post of thread `t-1` in channel `c-1`, with nothing on it but what `extra` adds. */
export function postFixture(
  id: string,
  authorId: string,
  createdAt: string,
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    threadId: 't-1',
    channelId: 'c-1',
    authorId,
    markdown: `text of ${id}`,
    html: `<p>html of ${id}</p>`,
    version: 1,
    createdAt,
    editedAt: null,
    deleted: false,
    mentions: [],
    buildsOn: [],
    builtOnBy: [],
    reactions: [],
    asks: [],
    interrupt: null,
    ...extra,
  };
}
