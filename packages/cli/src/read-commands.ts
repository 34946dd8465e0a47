import type { ClientCommand } from './client-command.js';
import { openSession, printJson } from './client-command.js';
import { exitCodes, UsageError } from './exit-codes.js';
import type { CliIo } from './run-cli.js';
import { formatInstant, formatTable, oneLine } from './text-output.js';
import {
  collectPages,
  findChannel,
  findPerson,
  listChannels,
  parseLimit,
  personNamer,
} from './workspace-lookup.js';

const json = { type: 'boolean' } as const;
const limit = { type: 'string' } as const;
const when = (io: CliIo, value: string | number) => formatInstant(value, io.env.TZ || undefined);

const channels: ClientCommand = {
  summary: 'List the channels you can see.',
  help: `Usage: meanwhile channels [--json]

Lists the channels of your workspace that you can see: name, visibility, whether you are a member, id.
  --json   print a JSON array of channels instead`,
  options: { json },
  async run({ values }, io) {
    const session = await openSession(io);
    const items = await listChannels(session);
    if (values.json) {
      printJson(io, items);
      return exitCodes.ok;
    }
    if (items.length === 0) io.out('No channels yet.');
    const rows = items.map((c) => [
      `#${c.name}`,
      c.visibility + (c.archivedAt ? ', archived' : ''),
      c.isMember ? 'yes' : 'no',
      c.id,
    ]);
    if (rows.length > 0)
      for (const line of formatTable(['CHANNEL', 'VISIBILITY', 'MEMBER', 'ID'], rows)) io.out(line);
    return exitCodes.ok;
  },
};

const threads: ClientCommand = {
  summary: 'List the threads of a channel, most recently active first.',
  help: `Usage: meanwhile threads <channel> [--limit N] [--json]

Lists the threads of a channel (given by name, with or without #, or by id), most recently active first.
  --limit N   at most N threads (default 20)
  --json      print a JSON array of threads instead`,
  options: { json, limit },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new UsageError('give one channel: meanwhile threads <channel>');
    const session = await openSession(io);
    const channel = await findChannel(session, positionals[0]!);
    const items = await collectPages(
      (cursor, pageLimit) =>
        session.call(
          session.client.GET('/api/v1/channels/{id}/threads', {
            params: { path: { id: channel.id }, query: { limit: pageLimit, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      parseLimit(values.limit, 20),
    );
    if (values.json) {
      printJson(io, items);
      return exitCodes.ok;
    }
    if (items.length === 0) io.out(`No threads in #${channel.name} yet.`);
    const rows = items.map((t) => [when(io, t.lastPostAt), t.id, oneLine(t.title, 100)]);
    if (rows.length > 0) for (const line of formatTable(['LAST POST', 'ID', 'TITLE'], rows)) io.out(line);
    return exitCodes.ok;
  },
};

const show: ClientCommand = {
  summary: 'Show a thread and its posts.',
  help: `Usage: meanwhile show <thread-id> [--limit N] [--json]

Prints a thread's title and its posts, oldest first, each with its author, time and id.
  --limit N   at most N posts (default 200)
  --json      print {"thread": …, "posts": […]} instead`,
  options: { json, limit },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new UsageError('give one thread id: meanwhile show <thread-id>');
    const session = await openSession(io);
    const id = positionals[0]!;
    const thread = await session.call(
      session.client.GET('/api/v1/threads/{id}', { params: { path: { id } } }),
    );
    const posts = await collectPages(
      (cursor, pageLimit) =>
        session.call(
          session.client.GET('/api/v1/threads/{id}/posts', {
            params: { path: { id }, query: { limit: pageLimit, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      parseLimit(values.limit, 200),
    );
    if (values.json) {
      printJson(io, { thread, posts });
      return exitCodes.ok;
    }
    const nameOf = await personNamer(session);
    io.out(thread.title);
    for (const post of posts) {
      const buildsOn = post.buildsOn.length > 0 ? ` · builds on ${post.buildsOn.join(', ')}` : '';
      io.out('');
      io.out(`— ${nameOf(post.authorId)} · ${when(io, post.createdAt)} · ${post.id}${buildsOn}`);
      io.out(post.deleted ? '(deleted)' : post.markdown);
    }
    return exitCodes.ok;
  },
};

const search: ClientCommand = {
  summary: 'Search thread titles and posts.',
  help: `Usage: meanwhile search <words…> [--channel <channel>] [--author <person>] [--limit N] [--json]

Finds threads and posts containing every word, best matches first; only what you may see.
  --channel <channel>   only in this channel (name or id)
  --author <person>     only by this person (e-mail, display name or id)
  --limit N             at most N results (default 20)
  --json                print a JSON array of hits instead`,
  options: { json, limit, channel: { type: 'string' }, author: { type: 'string' } },
  async run({ positionals, values }, io) {
    const q = positionals.join(' ').trim();
    if (q === '') throw new UsageError('give the words to search for: meanwhile search <words…>');
    const session = await openSession(io);
    const channelId =
      typeof values.channel === 'string' ? (await findChannel(session, values.channel)).id : undefined;
    const authorId =
      typeof values.author === 'string' ? (await findPerson(session, values.author)).id : undefined;
    const filters = { q, ...(channelId ? { channelId } : {}), ...(authorId ? { authorId } : {}) };
    const hits = await collectPages(
      (cursor, pageLimit) =>
        session.call(
          session.client.GET('/api/v1/search', {
            params: { query: { ...filters, limit: pageLimit, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      parseLimit(values.limit, 20),
    );
    if (values.json) {
      printJson(io, hits);
      return exitCodes.ok;
    }
    if (hits.length === 0) io.out(`Nothing matches "${q}".`);
    for (const hit of hits) {
      io.out(`${when(io, hit.createdAt)}  ${oneLine(hit.title, 80)}  (thread ${hit.threadId})`);
      io.out(`  ${oneLine(hit.highlight.text, 120)}`);
    }
    return exitCodes.ok;
  },
};

/** The commands that read: `channels`, `threads`, `show`, `search`. */
export const readCommands: Record<string, ClientCommand> = { channels, threads, show, search };
