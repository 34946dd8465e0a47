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
}
