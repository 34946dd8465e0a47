import type { ClientCommand } from './client-command.js';
import { openSession, printJson, readPostText } from './client-command.js';
import { exitCodes, UsageError } from './exit-codes.js';
import { findChannel } from './workspace-lookup.js';

const json = { type: 'boolean' } as const;
const textHelp = `The text is markdown: the words after the target, or standard input when there are none or a
lone "-" (e.g. git log -1 | meanwhile post <thread> -).`;

const post: ClientCommand = {
  summary: 'Post into an existing thread.',
  help: `Usage: meanwhile post <thread-id> [text… | -] [--json]

Adds a post at the end of a thread and prints its id.
${textHelp}
  --json   print the created post as JSON instead`,
  options: { json },
  async run({ positionals, values }, io) {
    const [threadId, ...words] = positionals;
    if (!threadId) throw new UsageError('give the thread: meanwhile post <thread-id> [text | -]');
    const markdown = await readPostText(io, words);
    const session = await openSession(io);
    const created = await session.call(
      session.client.POST('/api/v1/threads/{id}/posts', {
        params: { path: { id: threadId } },
        body: { markdown },
      }),
    );
    if (values.json) printJson(io, created);
    else io.out(`Posted ${created.id} in thread ${created.threadId}.`);
    return exitCodes.ok;
  },
};

const reply: ClientCommand = {
  summary: 'Reply to a post: a post in the same thread that builds on it.',
  help: `Usage: meanwhile reply <post-id> [text… | -] [--json]

Adds a post to the thread of <post-id> that builds on it (the post shows "builds on", the earlier one
"built on by"), and prints its id. To add to a thread without building on a post, use meanwhile post.
${textHelp}
  --json   print the created post as JSON instead`,
  options: { json },
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
        body: { markdown, buildsOn: [earlier.id] },
      }),
    );
    if (values.json) printJson(io, created);
    else io.out(`Posted ${created.id} in thread ${created.threadId}, building on ${earlier.id}.`);
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
  --json            print {"thread": …, "post": …} as JSON instead`,
  options: { json, title: { type: 'string' } },
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
        body: { title, markdown },
      }),
    );
    if (values.json) printJson(io, started);
    else io.out(`Started thread ${started.thread.id} "${started.thread.title}" in #${channel.name}.`);
    return exitCodes.ok;
  },
};

/** The commands that write: `post`, `reply`, `new-thread`. */
export const writeCommands: Record<string, ClientCommand> = { post, reply, 'new-thread': newThread };
