// Every query key in one place, so that a screen's mutation can invalidate what another screen shows.

/** Query keys of the server state the app caches. */
export const queryKeys = {
  me: ['me'] as const,
  channels: ['channels'] as const,
  channel: (id: string) => ['channels', id] as const,
  inbox: ['inbox'] as const,
  myRhythm: ['my-rhythm'] as const,
  myTimeOff: ['my-time-off'] as const,
  agreement: ['agreement'] as const,
  agreementVersions: ['agreement', 'versions'] as const,
  people: ['people'] as const,
  availability: (channelId: string | null, from: string, hours: number) =>
    ['availability', channelId ?? 'all', from, hours] as const,
  /** Every item of my inbox (all pages); under `inbox`, so invalidating `inbox` refreshes it. */
  inboxItems: ['inbox', 'items'] as const,
  /** The sidebar's inbox count. */
  inboxCount: ['inbox', 'count'] as const,
  /** My open asks of others (waiting on others). */
  waiting: ['waiting'] as const,
  /** Display names by person id. */
  personNames: ['people', 'names'] as const,
  /** My rhythm's time zone. */
  myTimeZone: ['me', 'time-zone'] as const,
  /** A thread's title; under `['threads', id]`, so invalidating a thread refreshes it. */
  threadTitle: (id: string) => ['threads', id, 'title'] as const,
  // Channel, thread and composer screens (issue 5).
  /** The workspace's members (one page of 200), for names and the mention and ask pickers. */
  workspacePeople: ['people', 'members'] as const,
  channelThreads: (channelId: string) => ['channels', channelId, 'threads'] as const,
  thread: (id: string) => ['threads', id] as const,
  threadPosts: (id: string) => ['threads', id, 'posts'] as const,
  postLanding: (postId: string) => ['posts', postId, 'landing'] as const,
  postVersions: (postId: string) => ['posts', postId, 'versions'] as const,
  /** My inbox's first page, for "new for me" and interrupt reasons (under `inbox`: invalidated with it). */
  inboxFirstPage: ['inbox', 'first-page'] as const,
  landingPreview: (targetId: string, draft: string) => ['landing-preview', targetId, draft] as const,
  // Search and settings (issue 5).
  search: (query: Record<string, string | undefined>) => ['search', query] as const,
  mySessions: ['me', 'sessions'] as const,
  myTokens: ['me', 'tokens'] as const,
  myDigest: ['me', 'digest'] as const,
  // Decisions, ideation rounds and check-ins (issue 6).
  /** A thread's decisions; under `['threads', id]`, so live events of the thread refresh them. */
  threadDecisions: (threadId: string) => ['threads', threadId, 'decisions'] as const,
  /** The decision log with its filters (all under `decision-log`). */
  decisionLog: (q: string, from: string, to: string) => ['decision-log', q, from, to] as const,
  decisionLogAll: ['decision-log'] as const,
  /** An ideation round and its ideas (under `['ideation', id]`). */
  ideationRound: (id: string) => ['ideation', id] as const,
  ideationIdeas: (id: string) => ['ideation', id, 'ideas'] as const,
  /** My pending check-in asks, and one check-in with its team figures. */
  checkinAsks: ['checkins', 'asks'] as const,
  checkin: (id: string) => ['checkins', id] as const,
  // Sync windows, meetings and calendar feeds (issue 7).
  /** My meetings (organised or invited); under `meetings`, with the notice answers. */
  meetings: ['meetings'] as const,
  /** Each invitee's earliest allowed start, by the sorted, comma-joined invitee ids. */
  meetingNotice: (invitees: string) => ['meetings', 'notice', invitees] as const,
  /** Every member's name and time zone by id (from the team's availability). */
  peopleZones: ['people', 'zones'] as const,
  /** Candidate sync windows for a channel's members or everyone, with patterns in a zone. */
  syncCandidates: (channelId: string | null, timeZone: string) =>
    ['sync', 'candidates', channelId ?? 'all', timeZone] as const,
  /** Whom the agreement's fixed sync windows miss. */
  syncCoverage: ['sync', 'coverage'] as const,
  myCalendarFeed: ['me', 'calendar-feed'] as const,
  myBusyCalendar: ['me', 'busy-calendar'] as const,
  personBusy: (personId: string) => ['people', personId, 'busy'] as const,
};
