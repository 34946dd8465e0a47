import type { ClientCommand } from './client-command.js';
import { openSession, printJson, readPostText } from './client-command.js';
import { exitCodes, UsageError } from './exit-codes.js';
import type { CliIo } from './run-cli.js';
import { findChannel, findPerson } from './workspace-lookup.js';

interface ScratchLike {
  thread: { id: string; title: string; scratch: { expiresAt: string } | null };
  participantIds: string[];
}

function printScratch(io: CliIo, s: ScratchLike): void {
  const expires = s.thread.scratch ? `expires ${s.thread.scratch.expiresAt}` : 'promoted';
  io.out(`${s.thread.id}  "${s.thread.title}"  ${expires}  ${s.participantIds.length} participant(s)`);
}

const scratch: ClientCommand = {
  summary: 'Scratch threads, seen only by their participants: meanwhile scratch new|list|promote.',
  help: `Usage:
  meanwhile scratch new <channel> --title <title> [--with <person,person>] [--days <1-90>] [text… | -] [--json]
  meanwhile scratch list [--json]
  meanwhile scratch promote <thread-id> [--json]

new: an off-the-record thread for thinking aloud, whose home is <channel>. Only you and the people --with
(e-mail, name or id; each must be able to read the channel) see it; it and everything in it is deleted after
--days (7 by default) unless promoted. promote: it becomes an ordinary thread of its channel and keeps its posts.`,
  options: {
    json: { type: 'boolean' },
    title: { type: 'string' },
    with: { type: 'string' },
    days: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const [action, target, ...words] = positionals;
    if (action === 'list') {
      if (target !== undefined) throw new UsageError('meanwhile scratch list takes no arguments');
      const session = await openSession(io);
      const page = await session.call(session.client.GET('/api/v1/scratch-threads'));
      if (values.json) printJson(io, page.items);
      else if (page.items.length === 0) io.out('No scratch threads.');
      else for (const item of page.items) printScratch(io, item);
      return exitCodes.ok;
    }
    if (!target) throw new UsageError('meanwhile scratch new <channel> | list | promote <thread-id>');
    if (action === 'promote') {
      if (words.length > 0) throw new UsageError('meanwhile scratch promote <thread-id>');
      const session = await openSession(io);
      const thread = await session.call(
        session.client.POST('/api/v1/scratch-threads/{id}/promote', { params: { path: { id: target } } }),
      );
      if (values.json) printJson(io, thread);
      else io.out(`Promoted ${thread.id} "${thread.title}": an ordinary thread of its channel now.`);
      return exitCodes.ok;
    }
    if (action !== 'new') throw new UsageError(`unknown action ${action}: new, list or promote`);
    const title = typeof values.title === 'string' ? values.title : '';
    if (title.trim() === '') throw new UsageError('--title is required');
    const days = values.days === undefined ? undefined : Number(values.days);
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 90))
      throw new UsageError('--days takes a whole number from 1 to 90');
    const markdown = await readPostText(io, words);
    const session = await openSession(io);
    const channel = await findChannel(session, target);
    const people = typeof values.with === 'string' ? values.with.split(',').map((s) => s.trim()) : [];
    const participantIds: string[] = [];
    for (const ref of people.filter(Boolean)) participantIds.push((await findPerson(session, ref)).id);
    const started = await session.call(
      session.client.POST('/api/v1/channels/{id}/scratch-threads', {
        params: { path: { id: channel.id } },
        body: { title, markdown, participantIds, ...(days === undefined ? {} : { days }) },
      }),
    );
    if (values.json) printJson(io, started);
    else {
      io.out(
        `Started scratch thread ${started.thread.id} "${started.thread.title}" (home #${channel.name}).`,
      );
      printScratch(io, started);
    }
    return exitCodes.ok;
  },
};

/** `meanwhile scratch`. */
export const scratchCommands: Record<string, ClientCommand> = { scratch };
