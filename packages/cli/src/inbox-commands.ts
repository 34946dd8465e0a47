import type { ApiSession, ClientCommand, ParsedArgs } from './client-command.js';
import { openSession, printJson } from './client-command.js';
import { exitCodes, UsageError } from './exit-codes.js';
import type { CliIo } from './run-cli.js';
import { formatTable } from './text-output.js';
import { collectPages, parseLimit, personNamer } from './workspace-lookup.js';
import type { Page } from './workspace-lookup.js';

const json = { type: 'boolean' } as const;
const limit = { type: 'string' } as const;

/** `09:00 Tue 12 Jan (Europe/Berlin)` from an instant view's local part. */
const local = (t: { date: string; time: string; timeZone: string }) => `${t.date} ${t.time} ${t.timeZone}`;

/** How a paged listing is fetched and printed as a table. */
interface Listing<T> {
  fetchPage: (session: ApiSession, cursor: string | undefined, limit: number) => Promise<Page<T>>;
  /** Printed instead of an empty table. */
  empty: string;
  headers: string[];
  row: (item: T, name: (personId: string) => string) => string[];
}

/** Fetches up to `--limit` items of a listing and prints them as JSON (`--json`) or a table. */
async function printListing<T>(
  io: CliIo,
  values: ParsedArgs['values'],
  listing: Listing<T>,
): Promise<number> {
  const session = await openSession(io);
  const items = await collectPages(
    (cursor, pageLimit) => listing.fetchPage(session, cursor, pageLimit),
    parseLimit(values.limit, 50),
  );
  if (values.json) printJson(io, items);
  else if (items.length === 0) io.out(listing.empty);
  else {
    const name = await personNamer(session);
    for (const line of formatTable(
      listing.headers,
      items.map((item) => listing.row(item, name)),
    ))
      io.out(line);
  }
  return exitCodes.ok;
}

const inbox: ClientCommand = {
  summary: 'Show your inbox: asks first by due time, then the rest by thread.',
  help: `Usage: meanwhile inbox [--limit N] [--json]

Lists what has been delivered to you and is not done: open asks first, by due time (in your time), then
the rest grouped by thread, latest first. Clear an item with meanwhile done <id>.
  --limit N   at most N items (default 50)
  --json      print a JSON array of inbox items instead`,
  options: { json, limit },
  run: ({ values }, io) =>
    printListing(io, values, {
      fetchPage: (session, cursor, pageLimit) =>
        session.call(
          session.client.GET('/api/v1/inbox', {
            params: { query: { limit: pageLimit, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      empty: 'Your inbox is empty.',
      headers: ['ID', 'WHAT', 'DUE', 'FROM', 'NOTE', 'THREAD'],
      row: (i, name) => [
        i.id,
        i.ask ? `ask ${i.ask.level}${i.ask.state === 'open' ? '' : ` (${i.ask.state})`}` : i.kind,
        i.ask?.dueAt ? local(i.ask.dueAt.theirs) : '',
        name(i.authorId),
        i.interrupt ? `interrupt: ${i.interrupt.reason}` : '',
        i.threadId,
      ],
    }),
};

/** A local view of an instant ("theirs" or "mine"), as the API gives it. */
interface LocalView {
  date: string;
  time: string;
  timeZone: string;
}

/** Where an ask still held stands: when it will land and when its reply will be due, from the post's landing. */
interface Planned {
  landsAt: { theirs: LocalView; mine: LocalView } | null;
  dueAt: { theirs: LocalView; mine: LocalView } | null;
}

const waiting: ClientCommand = {
  summary: 'Show your open asks of others, with their due times in their time and yours.',
  help: `Usage: meanwhile waiting [--limit N] [--json]

Lists your open asks of others, by due time: when each is due in the other person's time and in yours.
An ask still held until the other person's next delivery slot shows when it will land and when its reply
will then be due.
  --limit N   at most N asks (default 50)
  --json      print a JSON array instead`,
  options: { json, limit },
  run: ({ values }, io) =>
    printListing(io, values, {
      fetchPage: async (session, cursor, pageLimit) => {
        const page = await session.call(
          session.client.GET('/api/v1/waiting', {
            params: { query: { limit: pageLimit, ...(cursor ? { cursor } : {}) } },
          }),
        );
        // Held asks have no due time yet; the post's landing says when they will land and be due.
        const landings = new Map<string, Promise<Map<string, Planned>>>();
        const plannedOf = (postId: string) => {
          let found = landings.get(postId);
          if (!found) {
            found = session
              .call(session.client.GET('/api/v1/posts/{id}/landing', { params: { path: { id: postId } } }))
              .then(
                (landing) =>
                  new Map(
                    landing.recipients.map((r) => [
                      r.personId,
                      { landsAt: r.landsAt, dueAt: r.ask?.dueAt ?? null },
                    ]),
                  ),
              );
            landings.set(postId, found);
          }
          return found;
        };
        const items = await Promise.all(
          page.items.map(async (a) => ({
            ...a,
            planned:
              a.dueAt || a.level === 'fyi' ? null : ((await plannedOf(a.postId)).get(a.personId) ?? null),
          })),
        );
        return { ...page, items };
      },
      empty: 'Nobody owes you a reply.',
      headers: ['PERSON', 'LEVEL', 'DUE (THEIRS)', 'DUE (YOURS)', 'ACK', 'THREAD'],
      row: (a, name) => {
        const held = a.planned?.landsAt ? ` (held; lands ${local(a.planned.landsAt.theirs)})` : '';
        const due = a.dueAt ?? a.planned?.dueAt ?? null;
        return [
          name(a.personId),
          a.level,
          due ? `${local(due.theirs)}${held}` : a.level === 'fyi' ? 'no reply expected' : 'not delivered yet',
          due ? local(due.mine) : '',
          a.acknowledgement ? a.acknowledgement.note : '',
          a.threadId,
        ];
      },
    }),
};

const done: ClientCommand = {
  summary: 'Mark an inbox item done.',
  help: `Usage: meanwhile done <id> [--json]

Clears an item (the ID column of meanwhile inbox) from your inbox.
  --json   print the item's new state as JSON instead`,
  options: { json },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new UsageError('give one inbox item: meanwhile done <id>');
    const session = await openSession(io);
    const result = await session.call(
      session.client.POST('/api/v1/inbox/{id}/done', { params: { path: { id: positionals[0]! } } }),
    );
    if (values.json) printJson(io, result);
    else io.out(`Done: ${result.id}.`);
    return exitCodes.ok;
  },
};

/** The inbox commands: `inbox`, `waiting`, `done`. */
export const inboxCommands: Record<string, ClientCommand> = { inbox, waiting, done };
