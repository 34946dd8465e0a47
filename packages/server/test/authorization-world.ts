// The fixture of the authorization matrix and the bad-input tests: one workspace with a public and a private
// channel, threads and posts in both, invitations, sessions and tokens; a second workspace with its own; and
// one caller of every kind the matrix checks. Objects a route would change or use up are made fresh per call
// through `make`, on a second app over the same database. Neither app limits rates (see `rateLimitClock`):
// the flood test checks the limits on an app of its own.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { DatabaseHandle } from '../src/platform/db/open-database.js';
import { createTestClock } from '../src/shared/clock.js';
import type { Clock } from '../src/shared/clock.js';
import { newId } from '../src/shared/new-id.js';
import { longestRateWindowMs } from '../src/shared/rate-limit.repository.js';
import { createPasswordHasher } from '../src/shared/passwords.js';
import { hashSecret, newSecret } from '../src/shared/secrets.js';
import { buildTestApp } from './build-test-app.js';
import { createPerson, createWorkspace, defaultAgreementBody } from './factories.js';
import { insertDecisionRows } from './decision-fixtures.js';
import type { DecisionFixture } from './decision-fixtures.js';
import type { TestPerson } from './factories.js';
import { logIn, testPassword } from './identity.js';

/** Who calls: the rows of the matrix. */
export const callerNames = [
  'owner',
  'admin',
  'member',
  'guest',
  'outsider',
  'foreign',
  'deactivated',
  'revoked',
  'anonymous',
] as const;
/** One caller of the matrix. */
export type CallerName = (typeof callerNames)[number];

/** Words that occur only in hidden data: the private channel's, or the other workspace's. */
export const secretWords = { private: 'quokkaprivate', foreign: 'quokkaforeign', shared: 'quokka' } as const;

/** Ids and texts of one channel's content. */
export interface ChannelContent {
  channelId: string;
  channelName: string;
  threadId: string;
  threadTitle: string;
  postId: string;
  postText: string;
}

/** The fixture; see the file comment. */
export interface World {
  app: FastifyInstance;
  workspaceId: string;
  foreignWorkspaceId: string;
  people: Record<'owner' | 'admin' | 'member' | 'guest' | 'outsider' | 'deactivated' | 'foreign', TestPerson>;
  /** The headers each caller sends: bearer tokens, and a cookie session with its CSRF token for the admin. */
  headers: Record<CallerName, Record<string, string>>;
  public: ChannelContent;
  private: ChannelContent;
  foreign: ChannelContent;
  /** A post of the member in the private channel (only its author may edit it). */
  memberPostId: string;
  /** A private channel with the same members as `private`, which the archive routes toggle. */
  archivableChannelId: string;
  /** A person whose password is known, for login calls. */
  loginEmail: string;
  /** Makers of fresh objects in the first workspace. */
  make: Makers;
  /**
   * The clock the world's apps refill rate-limit buckets by: a day passes at every reading, so every bucket
   * is full at every hit and no test of answers meets a 429 however many requests one caller makes (on
   * PostgreSQL all apps share their buckets). A reading is later than every hit so far.
   */
  rateLimitClock: Clock;
  close(): Promise<void>;
}

/** Makers of fresh objects for routes that change or use them up. */
export interface Makers {
  /** A post in the private channel by `author`; returns its id. */
  post(author: TestPerson): Promise<string>;
  /** A new active guest of the first workspace; returns the person. */
  guest(): Promise<TestPerson>;
  /** A new active guest of the first workspace, added to the private channel; returns the person. */
  channelMember(): Promise<TestPerson>;
  /** A pending invitation of the first workspace; returns its id. */
  invitation(): Promise<string>;
  /** A new API token of `person`; returns its id. */
  token(person: TestPerson): Promise<string>;
  /** A new session of `person`; returns its id. */
  session(person: TestPerson): Promise<string>;
  /** A unique channel name. */
  name(prefix?: string): string;
  /** A stretch of time off of `person`; returns its id. */
  timeOff(person: TestPerson): Promise<string>;
  /** A delivery of the private post in `person`'s inbox; returns its id. */
  delivery(person: TestPerson): Promise<string>;
  /** An open ask of `person` by the owner, delivered, in the private thread; returns its id. */
  ask(person: TestPerson): Promise<string>;
  /**
   * An ideation round in the private channel (owner, admin, member and guest take part) still collecting,
   * with one idea of the member; returns both ids.
   */
  ideationRound(): Promise<{ roundId: string; ideaId: string }>;
  /** A check-in in the private thread asking the member; returns its id. */
  checkin(): Promise<string>;
  /** A decision in the private thread decided by the owner (decision-fixtures.ts); returns its id. */
  decision(fixture: DecisionFixture): Promise<string>;
  /** A meeting the owner requests in the private thread, inviting the member; returns its id. */
  meeting(): Promise<string>;
  /** A calendar feed of `person`; returns its path. */
  calendarFeed(person: TestPerson): Promise<string>;
}

const hasher = createPasswordHasher('fast');

/** The body of a response without its request id, to compare answers byte for byte. */
export function withoutRequestId(response: LightMyRequestResponse): string {
  const requestId = String(response.headers['x-request-id'] ?? '');
  return requestId === '' ? response.body : response.body.split(requestId).join('');
}

/** A random id shaped like ours, which names nothing. */
export function randomId(): string {
  return randomUUID();
}

async function send(
  app: FastifyInstance,
  headers: Record<string, string>,
  method: string,
  url: string,
  payload?: object,
) {
  const response = await app.inject({
    method: method as 'POST',
    url,
    headers,
    ...(payload ? { payload } : {}),
  });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
  return response.statusCode === 204 ? undefined : response.json();
}

async function seedChannel(
  app: FastifyInstance,
  creator: TestPerson,
  name: string,
  visibility: 'public' | 'private',
  word: string,
): Promise<ChannelContent> {
  const channel = await send(app, creator.headers, 'POST', '/api/v1/channels', { name, visibility });
  const threadTitle = `Plan ${word} ${name}`;
  const postText = `The ${word} herd moves in ${name}.`;
  const started = await send(app, creator.headers, 'POST', `/api/v1/channels/${channel.id}/threads`, {
    title: threadTitle,
    markdown: postText,
  });
  // A second thread and reply, so that lists have more than one page at limit=1.
  await send(app, creator.headers, 'POST', `/api/v1/channels/${channel.id}/threads`, {
    title: `More ${word}`,
    markdown: `Another ${word} note.`,
  });
  await send(app, creator.headers, 'POST', `/api/v1/threads/${started.thread.id}/posts`, {
    markdown: `A ${word} reply.`,
  });
  // A second version of the first post (the same text), so that its version list has two pages too.
  await send(app, creator.headers, 'PATCH', `/api/v1/posts/${started.post.id}`, { markdown: postText });
  return {
    channelId: channel.id,
    channelName: name,
    threadId: started.thread.id,
    threadTitle,
    postId: started.post.id,
    postText,
  };
}

async function givePassword(database: DatabaseHandle, person: TestPerson): Promise<string> {
  const row = await database.db
    .updateTable('people')
    .set({ passwordHash: await hasher.hash(testPassword) })
    .where('id', '=', person.id)
    .returning('email')
    .executeTakeFirstOrThrow();
  return row.email;
}

/** Builds the world on `database`; call once per dialect in `beforeAll`. */
export async function buildWorld(database: DatabaseHandle): Promise<World> {
  const { db } = database;
  let rateLimitTime = Date.now();
  const rateLimitClock: Clock = { now: () => (rateLimitTime += longestRateWindowMs) };
  // In test mode, so that the matrix covers the test-only clock route too.
  const { app } = await buildTestApp(database, undefined, { testClock: createTestClock(), rateLimitClock });
  const { app: setupApp } = await buildTestApp(database, undefined, { rateLimitClock });
  const workspaceId = await createWorkspace(db, 'Acme');
  const foreignWorkspaceId = await createWorkspace(db, 'Elsewhere');
  const people = {
    owner: await createPerson(db, workspaceId, 'owner'),
    admin: await createPerson(db, workspaceId, 'admin'),
    member: await createPerson(db, workspaceId, 'member'),
    guest: await createPerson(db, workspaceId, 'guest'),
    outsider: await createPerson(db, workspaceId, 'member'),
    deactivated: await createPerson(db, workspaceId, 'member'),
    foreign: await createPerson(db, foreignWorkspaceId, 'owner'),
  };
  const { owner } = people;
  const suffix = randomBytes(3).toString('hex');
  const publicContent = await seedChannel(setupApp, owner, `open-${suffix}`, 'public', secretWords.shared);
  const privateContent = await seedChannel(
    setupApp,
    owner,
    `secret-${suffix}`,
    'private',
    `${secretWords.shared} ${secretWords.private}`,
  );
  const foreignContent = await seedChannel(
    setupApp,
    people.foreign,
    `open-${suffix}`,
    'public',
    `${secretWords.shared} ${secretWords.foreign}`,
  );
  const archivable = await send(setupApp, owner.headers, 'POST', '/api/v1/channels', {
    name: `archivable-${suffix}`,
    visibility: 'private',
  });
  for (const channelId of [privateContent.channelId, archivable.id]) {
    for (const who of [people.admin, people.member, people.guest, people.deactivated]) {
      await send(setupApp, owner.headers, 'PUT', `/api/v1/channels/${channelId}/members/${who.id}`);
    }
  }
  // The owner's first token is the revoked caller; a second one keeps the owner a caller.
  await db.updateTable('apiTokens').set({ revokedAt: Date.now() }).where('personId', '=', owner.id).execute();
  const revokedHeaders = owner.headers;
  owner.token = await freshBearer(setupApp, database, owner);
  owner.headers = { authorization: `Bearer ${owner.token}` };
  const memberPost = await send(
    setupApp,
    people.member.headers,
    'POST',
    `/api/v1/threads/${privateContent.threadId}/posts`,
    { markdown: `The member's ${secretWords.private} post.` },
  );

  const makers = createMakers(database, setupApp, workspaceId, privateContent, owner, people);
  // Two items in the owner's inbox and two asks the owner waits on, so that those lists page at limit=1.
  for (let i = 0; i < 2; i++) {
    await makers.delivery(owner);
    // A meeting request, so that its invitee's held delivery (and release job) exists before any row runs.
    await makers.meeting();
    await makers.ask(people.member);
  }
  // Two closed decisions in the private thread, so that the decision log pages at limit=1 (the list test
  // searches the shared word; the private word is one the leak test looks for).
  for (let i = 0; i < 2; i++) {
    await makers.decision({
      question: `Adopt the ${secretWords.shared} ${secretWords.private} plan ${i}?`,
      participantIds: [owner.id, people.member.id],
      responses: 'consent',
      state: 'closed',
    });
  }
  // Lists of the identity routes get more than one row for the owner.
  for (let i = 0; i < 2; i++) {
    await makers.invitation();
    await makers.token(owner);
    await makers.session(owner);
  }
  await send(setupApp, people.foreign.headers, 'POST', '/api/v1/invitations', { role: 'member' });
  // Two versions of the agreement, so that its version list has more than one page at limit=1.
  for (const reason of ['First', 'Second']) {
    await send(setupApp, owner.headers, 'PUT', '/api/v1/agreement', {
      agreement: defaultAgreementBody(),
      reason,
    });
  }

  // Deactivated without revoking its token, so the membership check itself is what refuses it.
  await db
    .updateTable('memberships')
    .set({ deactivatedAt: Date.now() })
    .where('personId', '=', people.deactivated.id)
    .execute();
  const adminSession = await logIn(setupApp, await givePassword(database, people.admin), workspaceId);
  const loginPerson = await createPerson(db, workspaceId, 'member');
  const loginEmail = await givePassword(database, loginPerson);

  const headers: Record<CallerName, Record<string, string>> = {
    owner: owner.headers,
    admin: { cookie: adminSession.cookie, 'x-csrf-token': adminSession.csrfToken },
    member: people.member.headers,
    guest: people.guest.headers,
    outsider: people.outsider.headers,
    foreign: people.foreign.headers,
    deactivated: people.deactivated.headers,
    revoked: revokedHeaders,
    anonymous: {},
  };
  return {
    app,
    workspaceId,
    foreignWorkspaceId,
    people,
    headers,
    public: publicContent,
    private: privateContent,
    foreign: foreignContent,
    memberPostId: memberPost.id,
    archivableChannelId: archivable.id,
    loginEmail,
    make: makers,
    rateLimitClock,
    close: async () => {
      await app.close();
      await setupApp.close();
    },
  };
}

async function freshBearer(app: FastifyInstance, database: DatabaseHandle, owner: TestPerson) {
  const email = await givePassword(database, owner);
  const session = await logIn(app, email, owner.workspaceId);
  const created = await send(
    app,
    { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    'POST',
    '/api/v1/tokens',
    { name: 'matrix', scope: 'read-write' },
  );
  return created.token as string;
}

async function insertDelivery(
  database: DatabaseHandle,
  workspaceId: string,
  content: ChannelContent,
  person: TestPerson,
  askId: string | null,
  authorId: string,
): Promise<string> {
  // A post of its own: a post has one delivery per recipient.
  const now = Date.now();
  const postId = newId(now);
  await database.db
    .insertInto('posts')
    .values({
      id: postId,
      workspaceId,
      threadId: content.threadId,
      authorId,
      markdown: 'seeded',
      html: '<p>seeded</p>',
      version: 1,
      createdAt: now,
      editedAt: null,
      deletedAt: null,
      deletedBy: null,
    })
    .execute();
  const id = newId(now);
  await database.db
    .insertInto('deliveries')
    .values({
      id,
      workspaceId,
      personId: person.id,
      postId,
      threadId: content.threadId,
      channelId: content.channelId,
      authorId,
      kind: 'post',
      askId,
      state: 'delivered',
      releaseAt: now,
      heldReason: null,
      interruptReason: null,
      isEmergency: 0,
      deliveredAt: now,
      doneAt: null,
      snoozedUntil: null,
      createdAt: now,
    })
    .execute();
  if (askId !== null) {
    await database.db
      .insertInto('asks')
      .values({
        id: askId,
        workspaceId,
        postId,
        threadId: content.threadId,
        channelId: content.channelId,
        askerId: authorId,
        personId: person.id,
        level: 'today',
        windowHours: 4,
        state: 'open',
        dueAt: now + 4 * 3_600_000,
        answerPostId: null,
        declineReason: null,
        ackNote: null,
        ackedAt: null,
        remindedAt: null,
        closedAt: null,
        createdAt: now,
      })
      .execute();
  }
  return id;
}

type Participants = Record<'owner' | 'admin' | 'member' | 'guest', TestPerson>;

// As rows: a round's reveal and a check-in's asks depend on rhythms and the time, not what the matrix checks.
async function insertIdeationRound(
  database: DatabaseHandle,
  workspaceId: string,
  content: ChannelContent,
  people: Participants,
): Promise<{ roundId: string; ideaId: string }> {
  const now = Date.now();
  const roundId = newId(now);
  await database.db
    .insertInto('ideationRounds')
    .values({
      id: roundId,
      workspaceId,
      channelId: content.channelId,
      threadId: content.threadId,
      prompt: 'What next?',
      createdBy: people.owner.id,
      isAnonymous: 0,
      dotsPerPerson: 3,
      allowsStacking: 0,
      windowHours: 16,
      openedAt: now,
      revealAt: now + 30 * 86_400_000,
      revealedAt: null,
    })
    .execute();
  await database.db
    .insertInto('ideationParticipants')
    .values(Object.values(people).map((p) => ({ roundId, personId: p.id, dotsUsed: 0 })))
    .execute();
  const ideaId = newId(now);
  await database.db
    .insertInto('ideas')
    .values({
      id: ideaId,
      workspaceId,
      roundId,
      authorId: people.member.id,
      text: `The member's ${secretWords.private} idea.`,
      buildsOnId: null,
      promotedThreadId: null,
      createdAt: now,
      editedAt: null,
    })
    .execute();
  return { roundId, ideaId };
}

async function insertCheckin(
  database: DatabaseHandle,
  workspaceId: string,
  content: ChannelContent,
  people: Participants,
): Promise<string> {
  const id = newId();
  await database.db
    .insertInto('checkins')
    .values({
      id,
      workspaceId,
      channelId: content.channelId,
      threadId: content.threadId,
      title: 'Daily',
      questions: JSON.stringify([{ text: 'What did you finish?', isBlocker: false }]),
      weekdays: JSON.stringify(['mon']),
      localTime: '16:30',
      createdBy: people.owner.id,
      createdAt: Date.now(),
    })
    .execute();
  await database.db
    .insertInto('checkinParticipants')
    .values({ checkinId: id, personId: people.member.id })
    .execute();
  return id;
}

function createMakers(
  database: DatabaseHandle,
  app: FastifyInstance,
  workspaceId: string,
  content: ChannelContent,
  owner: TestPerson,
  people: Participants,
): Makers {
  const { channelId, threadId } = content;
  let counter = 0;
  return {
    post: async (author) =>
      (await send(app, author.headers, 'POST', `/api/v1/threads/${threadId}/posts`, { markdown: 'fresh' }))
        .id,
    guest: () => createPerson(database.db, workspaceId, 'guest'),
    channelMember: async () => {
      const person = await createPerson(database.db, workspaceId, 'guest');
      await send(app, owner.headers, 'PUT', `/api/v1/channels/${channelId}/members/${person.id}`);
      return person;
    },
    invitation: async () =>
      (await send(app, owner.headers, 'POST', '/api/v1/invitations', { role: 'member' })).id,
    token: async (person) =>
      (await send(app, person.headers, 'POST', '/api/v1/tokens', { name: 'fresh', scope: 'read' })).id,
    // As rows: logging in would spend the per-address login limit.
    session: async (person) => {
      const id = newId();
      const now = Date.now();
      await database.db
        .insertInto('sessions')
        .values({
          id,
          personId: person.id,
          workspaceId,
          tokenHash: hashSecret(newSecret('s_')),
          csrfSecret: newSecret('c_'),
          userAgent: null,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: now + 86_400_000,
          revokedAt: null,
        })
        .execute();
      return id;
    },
    name: (prefix = 'c') => `${prefix}-${++counter}-${randomBytes(3).toString('hex')}`,
    timeOff: async (person) =>
      (
        await send(app, person.headers, 'POST', '/api/v1/me/time-off', {
          from: '2031-01-05',
          to: '2031-01-09',
        })
      ).id,
    // As rows: whether a post is delivered at once depends on the recipient's rhythm and the time.
    delivery: (person) => insertDelivery(database, workspaceId, content, person, null, owner.id),
    ask: async (person) => {
      const askId = newId();
      await insertDelivery(database, workspaceId, content, person, askId, owner.id);
      return askId;
    },
    ideationRound: () => insertIdeationRound(database, workspaceId, content, people),
    checkin: () => insertCheckin(database, workspaceId, content, people),
    decision: (fixture) =>
      insertDecisionRows(
        database,
        { workspaceId, channelId, threadId, postId: content.postId, deciderId: owner.id },
        fixture,
      ),
    meeting: async () =>
      (
        await send(app, owner.headers, 'POST', '/api/v1/meetings', {
          title: 'Matrix meeting',
          agendaThreadId: threadId,
          invitees: [people.member.id],
          startsAt: '2031-06-02T15:00:00Z',
          durationMinutes: 30,
          outsideWindowReason: 'Fixture',
        })
      ).id,
    calendarFeed: async (person) =>
      (await send(app, person.headers, 'POST', '/api/v1/me/calendar-feed')).path,
  };
}
