import type { ClientCommand } from './client-command.js';
import { openSession, printJson, readPostText } from './client-command.js';
import { exitCodes, UsageError } from './exit-codes.js';
import type { ApiSession } from './client-command.js';
import type { CliIo } from './run-cli.js';
import { findChannel, findPerson, personNamer } from './workspace-lookup.js';

const json = { type: 'boolean' } as const;
const ask = { type: 'string', multiple: true } as const;
const interrupt = { type: 'string' } as const;
const askLevels = ['today', 'soon', 'normal', 'fyi'] as const;
const deliveryHelp = `  --ask <person>:<level>   ask someone (name, e-mail or id) for a reply: today, soon, normal or fyi;
                           repeat for several people
  --interrupt <reason>     deliver at once to the mentioned and asked people, ignoring their rhythm;
                           spends one of your weekly interrupts`;

/** The asks and the interrupt of the command line, as the API takes them. */
async function deliveryOptions(session: ApiSession, values: Record<string, unknown>) {
  const specs = Array.isArray(values.ask) ? (values.ask as string[]) : [];
  const asks = [];
  for (const spec of specs) {
    const at = spec.lastIndexOf(':');
    const level = spec.slice(at + 1) as (typeof askLevels)[number];
    if (at <= 0 || !askLevels.includes(level))
      throw new UsageError(`--ask ${spec}: give <person>:<level>, the level one of ${askLevels.join(', ')}`);
    asks.push({ personId: (await findPerson(session, spec.slice(0, at))).id, level });
  }
  const reason = typeof values.interrupt === 'string' ? values.interrupt.trim() : undefined;
  if (reason === '') throw new UsageError('--interrupt needs a written reason');
  return {
    ...(asks.length > 0 ? { asks } : {}),
    ...(reason !== undefined ? { interrupt: { reason } } : {}),
  };
}
/** A local view of an instant as the API gives it ("theirs" or "mine"). */
interface LocalView {
  date: string;
  time: string;
  timeZone: string;
}

/** "2026-11-27 09:00 Europe/Berlin (00:00 yours)", the date of mine only when it differs. */
function theirsAndMine(at: { theirs: LocalView; mine: LocalView }): string {
  const { theirs, mine } = at;
  const theirText = `${theirs.date} ${theirs.time} ${theirs.timeZone}`;
  if (theirs.timeZone === mine.timeZone) return theirText;
  return `${theirText} (${mine.date === theirs.date ? '' : `${mine.date} `}${mine.time} yours)`;
}

/**
 * Prints, under a new post, when it lands for each recipient and when a reply is due, in their time and the
 * sender's (PRODUCT.md: the sender sees both before anyone is disturbed).
 */
async function printLanding(session: ApiSession, io: CliIo, postId: string): Promise<void> {
  const landing = await session.call(
    session.client.GET('/api/v1/posts/{id}/landing', { params: { path: { id: postId } } }),
  );
  if (landing.recipients.length === 0) return;
  const name = await personNamer(session);
  for (const r of landing.recipients) {
    const lands = r.interrupt
      ? 'delivered now (interrupt)'
      : r.landsAt
        ? `lands ${theirsAndMine(r.landsAt)}`
        : 'held';
    const due = r.ask?.dueAt ? ` · reply due ${theirsAndMine(r.ask.dueAt)}` : '';
    io.out(`  ${name(r.personId)}: ${lands}${due}`);
  }
}

const textHelp = `The text is markdown: the words after the target, or standard input when there are none or a
lone "-" (e.g. git log -1 | meanwhile post <thread> -).`;

const post: ClientCommand = {
  summary: 'Post into an existing thread.',
  help: `Usage: meanwhile post <thread-id> [text… | -] [--json]

Adds a post at the end of a thread and prints its id, then when it lands for each recipient and when a
reply is due, in their time and yours.
${textHelp}
${deliveryHelp}
  --json   print the created post as JSON instead`,
  options: { json, ask, interrupt },
  async run({ positionals, values }, io) {
    const [threadId, ...words] = positionals;
    if (!threadId) throw new UsageError('give the thread: meanwhile post <thread-id> [text | -]');
    const markdown = await readPostText(io, words);
    const session = await openSession(io);
    const created = await session.call(
      session.client.POST('/api/v1/threads/{id}/posts', {
        params: { path: { id: threadId } },
        body: { markdown, ...(await deliveryOptions(session, values)) },
      }),
    );
    if (values.json) printJson(io, created);
    else {
      io.out(`Posted ${created.id} in thread ${created.threadId}.`);
      await printLanding(session, io, created.id);
    }
    return exitCodes.ok;
  },
};

const reply: ClientCommand = {
  summary: 'Reply to a post: a post in the same thread that builds on it.',
  help: `Usage: meanwhile reply <post-id> [text… | -] [--json]

Adds a post to the thread of <post-id> that builds on it (the post shows "builds on", the earlier one
"built on by"), and prints its id. To add to a thread without building on a post, use meanwhile post.
${textHelp}
${deliveryHelp}
  --json   print the created post as JSON instead`,
  options: { json, ask, interrupt },
  async run({ positionals, values }, io) {
    const [postId, ...words] = positionals;
    if (!postId) throw new UsageError('give the post: meanwhile reply <post-id> [text | -]');
    const markdown = await readPostText(io, words);
    const session = await openSession(io);
    const earlier = await session.call(
      session.client.GET('/api/v1/posts/{id}', { params: { path: { id: postId } } }),
    );
    const created = await session.call(
      session.client.POST('/api/v1/threads/{id}/posts', {
        params: { path: { id: earlier.threadId } },
        body: { markdown, buildsOn: [earlier.id], ...(await deliveryOptions(session, values)) },
      }),
    );
    if (values.json) printJson(io, created);
    else {
      io.out(`Posted ${created.id} in thread ${created.threadId}, building on ${earlier.id}.`);
      await printLanding(session, io, created.id);
    }
    return exitCodes.ok;
  },
};

const newThread: ClientCommand = {
  summary: 'Start a thread in a channel: a title and a first post.',
  help: `Usage: meanwhile new-thread <channel> --title <title> [text… | -] [--json]

Starts a thread in a channel (name, with or without #, or id) with its title (1–200 characters) and first
post, and prints the thread's id.
${textHelp}
  --title <title>   the thread's title (required)
${deliveryHelp}
  --json            print {"thread": …, "post": …} as JSON instead`,
  options: { json, title: { type: 'string' }, ask, interrupt },
  async run({ positionals, values }, io) {
    const [channelRef, ...words] = positionals;
    if (!channelRef) throw new UsageError('give the channel: meanwhile new-thread <channel> --title <title>');
    const title = typeof values.title === 'string' ? values.title : '';
    if (title.trim() === '') throw new UsageError('--title is required');
    const markdown = await readPostText(io, words);
    const session = await openSession(io);
    const channel = await findChannel(session, channelRef);
    const started = await session.call(
      session.client.POST('/api/v1/channels/{id}/threads', {
        params: { path: { id: channel.id } },
        body: { title, markdown, ...(await deliveryOptions(session, values)) },
      }),
    );
    if (values.json) printJson(io, started);
    else {
      io.out(`Started thread ${started.thread.id} "${started.thread.title}" in #${channel.name}.`);
      await printLanding(session, io, started.post.id);
    }
    return exitCodes.ok;
  },
};

/** The commands that write: `post`, `reply`, `new-thread`. */
export const writeCommands: Record<string, ClientCommand> = { post, reply, 'new-thread': newThread };
