// Asks and interrupts of the posts of a page, read by the same `(thread_id, created_at, id)` range as the
// page's other relations (post-relation.repository.ts): one query each per page, never one per post.
import { precompile } from '../../shared/precompiled-query.repository.js';
import type { AskRow } from '../../shared/database.js';
import type { Executor } from './post.repository.js';
import type { PostRange } from './post-relation.repository.js';

/** An ask of a post, with the wall-clock zones its due time is shown in. */
export interface PostAsk {
  id: string;
  postId: string;
  personId: string;
  level: AskRow['level'];
  state: AskRow['state'];
  dueAt: number | null;
  /** The asked person's zone ('UTC' while they have no rhythm, as for their delivery profile). */
  theirZone: string;
  /** The reader's zone, likewise. */
  myZone: string;
}

/** The interrupt a post was sent as: one reason for all the people it interrupted. */
export interface PostInterrupt {
  postId: string;
  reason: string;
  emergency: boolean;
}

const defaultZone = 'UTC';

const selectAsksInRange = precompile((db, threadId: string, from: number, to: number, readerId: string) =>
  db
    .selectFrom('posts as p')
    .innerJoin('asks as a', 'a.postId', 'p.id')
    .leftJoin('rhythms as r', 'r.personId', 'a.personId')
    .select(['a.id', 'a.postId', 'a.personId', 'a.level', 'a.state', 'a.dueAt', 'r.timeZone as theirZone'])
    .select((eb) =>
      eb.selectFrom('rhythms as mr').select('mr.timeZone').where('mr.personId', '=', readerId).as('myZone'),
    )
    .where('p.threadId', '=', threadId)
    .where('p.createdAt', '>=', from)
    .where('p.createdAt', '<=', to)
    .orderBy('a.postId')
    .orderBy('a.personId')
    .orderBy('a.id'),
);

/**
 * The asks of each post of the range, by post, then asked person, with the asked person's and the
 * reader's time zones (read in the same query: a page costs one query for its asks, whatever its size).
 */
export async function findAsksInRange(db: Executor, range: PostRange, readerId: string): Promise<PostAsk[]> {
  const { threadId, from, to } = range;
  const { rows } = await selectAsksInRange(db, threadId, from, to, readerId);
  return rows.map((r) => ({
    id: r.id,
    postId: r.postId,
    personId: r.personId,
    level: r.level,
    state: r.state,
    dueAt: r.dueAt === null ? null : Number(r.dueAt),
    theirZone: r.theirZone ?? defaultZone,
    myZone: r.myZone ?? defaultZone,
  }));
}

// A post sent as an interrupt stores its reason on the deliveries of the people it interrupted (never on
// a reminder); `is_emergency` is the same on all of them.
const selectInterruptsInRange = precompile((db, threadId: string, from: number, to: number) =>
  db
    .selectFrom('posts as p')
    .innerJoin('deliveries as d', 'd.postId', 'p.id')
    .select(['d.postId', 'd.interruptReason'])
    .select((eb) => eb.fn.max('d.isEmergency').as('emergency'))
    .where('p.threadId', '=', threadId)
    .where('p.createdAt', '>=', from)
    .where('p.createdAt', '<=', to)
    .where('d.kind', '=', 'post')
    .where('d.interruptReason', 'is not', null)
    .groupBy(['d.postId', 'd.interruptReason'])
    .orderBy('d.postId'),
);

/** The interrupts among the posts of the range, by post. */
export async function findInterruptsInRange(db: Executor, range: PostRange): Promise<PostInterrupt[]> {
  const { threadId, from, to } = range;
  const { rows } = await selectInterruptsInRange(db, threadId, from, to);
  return rows.map((r) => ({
    postId: r.postId,
    reason: r.interruptReason!,
    emergency: Number(r.emergency) === 1,
  }));
}
