// The shape of the tables as the code sees them: camelCase names (Kysely's CamelCasePlugin maps them to the
// snake_case columns of migrations/), ids as strings and times as epoch milliseconds. Kept free of imports
// so that every layer may use these types; only repositories query with them.

/** A role a person holds in a workspace. */
export type Role = 'owner' | 'admin' | 'member' | 'guest';

/** Table `workspaces`. */
export interface WorkspaceRow {
  id: string;
  name: string;
  createdAt: number;
}

/** Table `people`: accounts, shared by every workspace a person belongs to. */
export interface PersonRow {
  id: string;
  email: string;
  emailNormalized: string;
  displayName: string;
  passwordHash: string | null;
  createdAt: number;
  deactivatedAt: number | null;
}

/** Table `memberships`. */
export interface MembershipRow {
  workspaceId: string;
  personId: string;
  role: Role;
  createdAt: number;
  deactivatedAt: number | null;
}

/** Table `sessions`. */
export interface SessionRow {
  id: string;
  personId: string;
  /** The one workspace this session acts in. */
  workspaceId: string;
  tokenHash: string;
  csrfSecret: string;
  userAgent: string | null;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** Table `api_tokens`. */
export interface ApiTokenRow {
  id: string;
  workspaceId: string;
  personId: string;
  name: string;
  tokenHash: string;
  scope: 'read' | 'read-write';
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** Table `invitations`. */
export interface InvitationRow {
  id: string;
  workspaceId: string;
  email: string | null;
  role: Exclude<Role, 'owner'>;
  tokenHash: string;
  invitedBy: string;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
  acceptedBy: string | null;
  revokedAt: number | null;
}

/** Table `setup_tokens`: the one-time link that creates the first owner. */
export interface SetupTokenRow {
  id: string;
  tokenHash: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** Table `channels`. */
export interface ChannelRow {
  id: string;
  workspaceId: string;
  name: string;
  nameNormalized: string;
  description: string;
  visibility: 'public' | 'private';
  createdBy: string;
  createdAt: number;
  archivedAt: number | null;
  /** 1 for the private channel of one scratch thread (kept out of channel lists), else 0 (the default). */
  isScratch?: number;
}

/** Table `channel_members`. */
export interface ChannelMemberRow {
  channelId: string;
  personId: string;
  addedAt: number;
}

/** Table `threads`. */
export interface ThreadRow {
  id: string;
  workspaceId: string;
  channelId: string;
  title: string;
  authorId: string;
  createdAt: number;
  lastPostAt: number;
  /** A scratch thread's expiry (epoch ms); null (the default) for an ordinary thread. */
  expiresAt?: number | null;
  /** The channel a scratch thread is promoted into; null (the default) for an ordinary thread. */
  homeChannelId?: string | null;
}

/** Table `thread_followers`. */
export interface ThreadFollowerRow {
  threadId: string;
  personId: string;
  createdAt: number;
}

/** Table `posts`. A deleted post keeps its row as a tombstone with empty markdown. */
export interface PostRow {
  id: string;
  workspaceId: string;
  threadId: string;
  authorId: string;
  markdown: string;
  html: string;
  version: number;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  deletedBy: string | null;
}

/** Table `post_versions`: every earlier text of a post. */
export interface PostVersionRow {
  postId: string;
  version: number;
  markdown: string;
  html: string;
  editedBy: string;
  createdAt: number;
}

/** Table `reactions`. */
export interface ReactionRow {
  postId: string;
  personId: string;
  emoji: string;
  createdAt: number;
}

/** Table `post_links`: `postId` builds on `buildsOnPostId`. */
export interface PostLinkRow {
  workspaceId: string;
  postId: string;
  buildsOnPostId: string;
  createdAt: number;
}

/** Table `post_mentions`: the people a post mentions. */
export interface PostMentionRow {
  postId: string;
  personId: string;
}

/** Table `idempotency_keys`. */
export interface IdempotencyKeyRow {
  workspaceId: string;
  callerId: string;
  key: string;
  requestHash: string;
  state: 'pending' | 'done';
  responseStatus: number | null;
  responseBody: string | null;
  /** JSON object of the first response's replayable headers (content-type, location, etag). */
  responseHeaders: string | null;
  createdAt: number;
  expiresAt: number;
}

/** Table `server_secrets`: keys the server generates on first start, shared by all its processes. */
export interface ServerSecretRow {
  name: string;
  /** base64url of the random bytes. */
  value: string;
  createdAt: number;
}

/** Table `rhythms`: a person's rhythm, shared by every workspace of the person. JSON columns are text. */
export interface RhythmRow {
  personId: string;
  timeZone: string;
  /** JSON `{ week, exceptions }` in `@meanwhile/time` form. */
  hours: string;
  /** JSON weekly focus blocks `{ mon: ["09:00-11:00"], … }`. */
  focus: string;
  deliveryMode: 'as-they-come' | 'batched';
  /** JSON array of local `HH:MM` times. */
  batchTimes: string;
  updatedAt: number;
}

/** Table `time_off`: inclusive local date ranges. */
export interface TimeOffRow {
  id: string;
  personId: string;
  fromDate: string;
  toDate: string;
  note: string;
  createdAt: number;
}

/** Table `agreement_versions`: every version of a workspace's agreement; the highest is current. */
export interface AgreementVersionRow {
  workspaceId: string;
  version: number;
  /** JSON of the agreement. */
  body: string;
  authorId: string;
  reason: string;
  createdAt: number;
}

/** Table `channel_agreements`: a channel's reply-window overrides. */
export interface ChannelAgreementRow {
  channelId: string;
  workspaceId: string;
  /** JSON `{ today?, soon?, normal? }` in working hours. */
  replyWindows: string;
  updatedBy: string;
  reason: string;
  updatedAt: number;
}

/** Table `scheduled_jobs`: the durable job queue of platform/scheduler. */
export interface ScheduledJobRow {
  id: string;
  kind: string;
  subjectId: string;
  workspaceId: string | null;
  dueAt: number;
  state: 'pending' | 'claimed' | 'done';
  claimedBy: string | null;
  leaseUntil: number | null;
  /** Grows by one at every claim; completing requires the token of the current claim. */
  fencingToken: number;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  doneAt: number | null;
}

/**
 * Table `events`: live updates for one recipient. `id` is generated by the database (an identity or
 * AUTOINCREMENT); written structurally as Kysely's `Generated<number>` because this file imports nothing.
 */
export interface EventRow {
  id: { readonly __select__: number; readonly __insert__: number | undefined; readonly __update__: number };
  workspaceId: string;
  personId: string;
  type: string;
  /** JSON of the payload object. */
  payload: string;
  createdAt: number;
}

/** Table `deliveries`: one post (or an ask's reminder) reaching one recipient. */
export interface DeliveryRow {
  id: string;
  workspaceId: string;
  personId: string;
  postId: string;
  threadId: string;
  channelId: string;
  authorId: string;
  /** `checkin`: a check-in's question (its ask in `subjectId`), linked to the first post of its thread. */
  kind: 'post' | 'reminder' | 'checkin';
  askId: string | null;
  /** The check-in ask of a `checkin` delivery; '' (the default) for the other kinds. */
  subjectId?: string;
  state: 'held' | 'delivered' | 'done';
  /** When it is released; null while the recipient has no delivery slot within 400 days. */
  releaseAt: number | null;
  heldReason: string | null;
  /** Set when the post interrupted this recipient: the sender's written reason. */
  interruptReason: string | null;
  /** 1 when the interrupt was an emergency, else 0. */
  isEmergency: number;
  deliveredAt: number | null;
  doneAt: number | null;
  snoozedUntil: number | null;
  createdAt: number;
}

/** Table `asks`: a named person's reply requested in a post. */
export interface AskRow {
  id: string;
  workspaceId: string;
  postId: string;
  threadId: string;
  channelId: string;
  askerId: string;
  personId: string;
  level: 'today' | 'soon' | 'normal' | 'fyi';
  /** The reply window in working hours when the ask was made; null for `fyi`. */
  windowHours: number | null;
  state: 'open' | 'answered' | 'declined';
  /** Known once delivered; null before, for `fyi`, or without working time within 400 days. */
  dueAt: number | null;
  answerPostId: string | null;
  declineReason: string | null;
  ackNote: string | null;
  ackedAt: number | null;
  remindedAt: number | null;
  closedAt: number | null;
  createdAt: number;
}

/** Table `interrupt_weeks`: interrupts a person sent in a week (starting Monday 00:00 in their zone). */
export interface InterruptWeekRow {
  workspaceId: string;
  personId: string;
  weekStart: number;
  used: number;
}

/** Table `digest_settings`: a person's digest opt-out (no row: on). */
export interface DigestSettingRow {
  personId: string;
  enabled: number;
  updatedAt: number;
}

/** Table `digest_sends`: the claim and outcome of one digest (unique per workspace, person and slot). */
export interface DigestSendRow {
  id: string;
  workspaceId: string;
  personId: string;
  slotAt: number;
  state: 'sending' | 'sent' | 'failed' | 'skipped';
  itemCount: number;
  messageId: string | null;
  error: string | null;
  unsubscribeTokenHash: string | null;
  claimedAt: number;
  finishedAt: number | null;
}

/** A token bucket shared by the processes of one database (shared/rate-limit.repository.ts). */
export interface RateLimitBucketRow {
  key: string;
  tokens: number;
  at: number;
  allowed: number;
}

/** Table `decisions`: a question in a thread with a fair close; closed rows are the decision log. */
export interface DecisionRow {
  id: string;
  workspaceId: string;
  channelId: string;
  threadId: string;
  /** The post in the thread that opened it (and notified the participants). */
  postId: string;
  openedBy: string;
  deciderId: string;
  question: string;
  mode: 'consent' | 'vote';
  /** JSON array of the vote's option texts; `[]` for consent. */
  options: string;
  hideVotes: number;
  windowHours: number;
  openedAt: number;
  /** The latest own window end over the required participants. */
  fairClosesAt: number;
  /** When it closes: the fair close, or a later explicit deadline. */
  closesAt: number;
  /** The required participant whose rhythm set the fair close. */
  closeSetBy: string | null;
  state: 'open' | 'awaiting_tiebreak' | 'closed';
  outcome: 'adopted' | 'blocked' | 'chosen' | null;
  chosenOption: number | null;
  outcomePostId: string | null;
  closedEarly: number;
  closedAt: number | null;
}

/** Table `decision_participants`. */
export interface DecisionParticipantRow {
  decisionId: string;
  personId: string;
  isRequired: number;
  /** When the participant's own window of working time ends (null: no working time within 400 days). */
  windowEndsAt: number | null;
  /** When 75% of their own window has passed: their one reminder (required participants only). */
  remindAt: number | null;
  remindedAt: number | null;
}

/** Table `decision_responses`: a participant's current consent, block or vote. */
export interface DecisionResponseRow {
  decisionId: string;
  personId: string;
  kind: 'consent' | 'block' | 'vote';
  optionIndex: number | null;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
}

/** Table `ideation_rounds` (modules/ideation). */
export interface IdeationRoundRow {
  id: string;
  workspaceId: string;
  channelId: string;
  threadId: string | null;
  prompt: string;
  createdBy: string;
  isAnonymous: number;
  dotsPerPerson: number;
  allowsStacking: number;
  windowHours: number;
  openedAt: number;
  revealAt: number;
  revealedAt: number | null;
}

/** Table `ideation_participants`. */
export interface IdeationParticipantRow {
  roundId: string;
  personId: string;
  dotsUsed: number;
}

/** Table `ideas`: kept out of `posts` so that nothing generic sees an idea before the reveal. */
export interface IdeaRow {
  id: string;
  workspaceId: string;
  roundId: string;
  authorId: string;
  text: string;
  buildsOnId: string | null;
  promotedThreadId: string | null;
  createdAt: number;
  editedAt: number | null;
}

/** Table `idea_dots`. */
export interface IdeaDotRow {
  ideaId: string;
  personId: string;
  roundId: string;
  dots: number;
}

/** Table `checkins` (modules/checkins). JSON columns are text. */
export interface CheckinRow {
  id: string;
  workspaceId: string;
  channelId: string;
  threadId: string;
  title: string;
  /** JSON `[{ text, isBlocker }]`. */
  questions: string;
  /** JSON `["mon", …]`. */
  weekdays: string;
  /** `HH:MM` in each participant's zone. */
  localTime: string;
  createdBy: string;
  createdAt: number;
}

/** Table `checkin_participants`. */
export interface CheckinParticipantRow {
  checkinId: string;
  personId: string;
}

/** Table `checkin_asks`: one per (check-in, person, local date). */
export interface CheckinAskRow {
  id: string;
  workspaceId: string;
  checkinId: string;
  personId: string;
  localDate: string;
  askedAt: number;
  releaseAt: number | null;
  state: 'held' | 'asked' | 'answered';
  /** JSON `["…"]`, one per question. */
  answers: string | null;
  deliveredAt: number | null;
  answeredAt: number | null;
}

/** Table `checkin_rounds`: a closed round and its team figures. */
export interface CheckinRoundRow {
  checkinId: string;
  localDate: string;
  asked: number;
  answered: number;
  postId: string | null;
  closedAt: number;
}

/** Table `meetings`: a meeting request with its agenda thread (modules/meetings). */
export interface MeetingRow {
  id: string;
  workspaceId: string;
  organiserId: string;
  agendaThreadId: string;
  title: string;
  startsAt: number;
  endsAt: number;
  /** The organiser's written reason for a time outside every sync window; null inside one. */
  outsideWindowReason: string | null;
  state: 'scheduled' | 'cancelled';
  /** Moves and cancellations made inside the notice. */
  lateChanges: number;
  requestedAt: number;
  updatedAt: number;
  notesPromptedAt: number | null;
}

/** Table `meeting_invitees`. */
export interface MeetingInviteeRow {
  meetingId: string;
  personId: string;
  response: 'pending' | 'yes' | 'no' | 'maybe';
  respondedAt: number | null;
}

/** Table `meeting_late_changes`: one row per late move or cancellation (team-level insights only). */
export interface MeetingLateChangeRow {
  id: string;
  workspaceId: string;
  meetingId: string;
  kind: 'moved' | 'cancelled';
  at: number;
}

/** Table `calendar_feeds`: a person's private iCalendar feed in a workspace; only the token's hash. */
export interface CalendarFeedRow {
  workspaceId: string;
  personId: string;
  tokenHash: string;
  createdAt: number;
}

/** Table `busy_imports`: the calendar a person imports busy times from, and what was last read. */
export interface BusyImportRow {
  personId: string;
  url: string;
  /** JSON `[[start, end], …]` in epoch ms. */
  busy: string;
  fetchedAt: number | null;
  error: string | null;
  updatedAt: number;
}

/** Every table, keyed by its name as the code spells it. */
export interface Database {
  workspaces: WorkspaceRow;
  people: PersonRow;
  memberships: MembershipRow;
  sessions: SessionRow;
  apiTokens: ApiTokenRow;
  invitations: InvitationRow;
  setupTokens: SetupTokenRow;
  channels: ChannelRow;
  channelMembers: ChannelMemberRow;
  threads: ThreadRow;
  threadFollowers: ThreadFollowerRow;
  posts: PostRow;
  postVersions: PostVersionRow;
  reactions: ReactionRow;
  postLinks: PostLinkRow;
  postMentions: PostMentionRow;
  idempotencyKeys: IdempotencyKeyRow;
  serverSecrets: ServerSecretRow;
  rhythms: RhythmRow;
  timeOff: TimeOffRow;
  agreementVersions: AgreementVersionRow;
  channelAgreements: ChannelAgreementRow;
  scheduledJobs: ScheduledJobRow;
  events: EventRow;
  deliveries: DeliveryRow;
  asks: AskRow;
  interruptWeeks: InterruptWeekRow;
  digestSettings: DigestSettingRow;
  digestSends: DigestSendRow;
  rateLimitBuckets: RateLimitBucketRow;
  ideationRounds: IdeationRoundRow;
  ideationParticipants: IdeationParticipantRow;
  ideas: IdeaRow;
  ideaDots: IdeaDotRow;
  checkins: CheckinRow;
  checkinParticipants: CheckinParticipantRow;
  checkinAsks: CheckinAskRow;
  checkinRounds: CheckinRoundRow;
  decisions: DecisionRow;
  decisionParticipants: DecisionParticipantRow;
  decisionResponses: DecisionResponseRow;
  meetings: MeetingRow;
  meetingInvitees: MeetingInviteeRow;
  meetingLateChanges: MeetingLateChangeRow;
  calendarFeeds: CalendarFeedRow;
  busyImports: BusyImportRow;
}
