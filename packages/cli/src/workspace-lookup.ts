import type { ApiSession } from './client-command.js';
import { CliFailure, UsageError, exitCodes } from './exit-codes.js';

/** One page of a paged listing. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Follows `nextCursor` until `limit` items are collected or the list ends. */
export async function collectPages<T>(
  fetchPage: (cursor: string | undefined, limit: number) => Promise<Page<T>>,
  limit = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor, Math.min(200, limit - items.length));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && items.length < limit);
  return items.slice(0, limit);
}

/** Reads `--limit`: a whole number from 1 to 1000, `fallback` when absent. */
export function parseLimit(value: string | boolean | string[] | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new UsageError('--limit must be a whole number 1–1000');
  return n;
}

/** Every channel the caller can see. */
export function listChannels(session: ApiSession) {
  return collectPages((cursor, limit) =>
    session.call(
      session.client.GET('/api/v1/channels', { params: { query: { limit, ...(cursor ? { cursor } : {}) } } }),
    ),
  );
}

/** A channel by id or by name (case-insensitive, with or without a leading `#`); exit code 2 if none. */
export async function findChannel(session: ApiSession, ref: string) {
  const channels = await listChannels(session);
  const name = ref.replace(/^#/, '').toLowerCase();
  const found = channels.find((c) => c.id === ref) ?? channels.find((c) => c.name.toLowerCase() === name);
  if (!found) throw new CliFailure(`no channel "${ref}" that you can see`, exitCodes.apiError);
  return found;
}

/** The members of the caller's workspace, to show names and resolve `--author`. */
export async function listPeople(session: ApiSession) {
  const { items } = await session.call(session.client.GET('/api/v1/people'));
  return items;
}

/** A member by id, e-mail or display name (case-insensitive); exit code 2 if none or several match. */
export async function findPerson(session: ApiSession, ref: string) {
  const people = await listPeople(session);
  const lower = ref.toLowerCase();
  const byId = people.find((p) => p.id === ref || p.email?.toLowerCase() === lower);
  if (byId) return byId;
  const byName = people.filter((p) => p.displayName.toLowerCase() === lower);
  if (byName.length === 1) return byName[0]!;
  throw new CliFailure(
    byName.length === 0
      ? `no member "${ref}" in this workspace`
      : `${byName.length} members are called "${ref}"; give an e-mail or an id`,
    exitCodes.apiError,
  );
}

/** A function naming a person id: the display name, or the id of someone no longer listed. */
export async function personNamer(session: ApiSession): Promise<(id: string) => string> {
  const names = new Map((await listPeople(session)).map((p) => [p.id, p.displayName]));
  return (id) => names.get(id) ?? id;
}
