import type { ApiSession, ClientCommand } from './client-command.js';
import { openSession, printJson, readPostText } from './client-command.js';
import { exitCodes, UsageError } from './exit-codes.js';
import type { CliIo } from './run-cli.js';

const json = { type: 'boolean' } as const;

interface IdeaLike {
  id: string;
  text: string;
  mine: boolean;
  author: { displayName: string } | null;
  buildsOn: string | null;
  dots: number | null;
  myDots: number;
}

function ideaLine(idea: IdeaLike): string {
  const dots =
    idea.dots === null
      ? ''
      : `[${idea.dots} dot${idea.dots === 1 ? '' : 's'}${idea.myDots ? `, ${idea.myDots} yours` : ''}] `;
  const by = idea.mine ? ' (yours)' : idea.author ? ` — ${idea.author.displayName}` : '';
  const lineage = idea.buildsOn ? ` (builds on ${idea.buildsOn})` : '';
  return `${dots}${idea.text.replace(/\s*\n\s*/g, ' ')}${by}${lineage}  id ${idea.id}`;
}

async function showRound(session: ApiSession, io: CliIo, roundId: string, asJson: boolean): Promise<number> {
  const path = { params: { path: { id: roundId } } };
  const round = await session.call(session.client.GET('/api/v1/ideation-rounds/{id}', path));
  const ideas = await session.call(session.client.GET('/api/v1/ideation-rounds/{id}/ideas', path));
  if (asJson) {
    printJson(io, { round, ideas: ideas.items });
    return exitCodes.ok;
  }
  io.out(`${round.prompt}  id ${round.id}`);
  io.out(
    round.phase === 'collecting'
      ? `Collecting: ideas stay hidden until the reveal at ${round.revealAt.at} (${round.revealReason}).`
      : `Revealed at ${round.revealAt.at}: dot-voting, ${round.myDotsLeft} of ${round.dotsPerPerson} dots left for you.`,
  );
  if (ideas.items.length === 0)
    io.out(round.phase === 'collecting' ? 'You have added no idea yet.' : 'No ideas.');
  for (const idea of ideas.items) io.out(`  ${ideaLine(idea)}`);
  return exitCodes.ok;
}

const ideasHelp = `Usage: meanwhile ideas <round-id> [--json]          the round, its reveal and the ideas you may see
       meanwhile ideas add <round-id> <text…> [--builds-on <idea-id>]   (or - to read stdin)
       meanwhile ideas dot <idea-id> [N]             put N of your dots on an idea (default 1)
       meanwhile ideas undot <idea-id>               take your dots back

Ideation rounds are blind: before the reveal you see only your own ideas; dots come after it.`;

const ideas: ClientCommand = {
  summary: 'Show an ideation round, add ideas, and place dots.',
  help: ideasHelp,
  options: { json, 'builds-on': { type: 'string' } },
  async run({ positionals, values }, io) {
    const [first, target, ...rest] = positionals;
    if (first === undefined) throw new UsageError('give a round id, or add / dot / undot');
    const asJson = values.json === true;
    if (first !== 'add' && first !== 'dot' && first !== 'undot') {
      if (positionals.length !== 1) throw new UsageError('give one round id: meanwhile ideas <round-id>');
      return showRound(await openSession(io), io, first, asJson);
    }
    if (target === undefined) throw new UsageError(`meanwhile ideas ${first} needs an id`);
    const session = await openSession(io);
    const path = { params: { path: { id: target } } };
    let idea: IdeaLike;
    if (first === 'add') {
      const text = await readPostText(io, rest);
      const buildsOn = typeof values['builds-on'] === 'string' ? values['builds-on'] : undefined;
      idea = await session.call(
        session.client.POST('/api/v1/ideation-rounds/{id}/ideas', {
          ...path,
          body: { text, ...(buildsOn ? { buildsOn } : {}) },
        }),
      );
    } else if (first === 'dot') {
      const dots = rest.length === 0 ? 1 : Number(rest[0]);
      if (rest.length > 1 || !Number.isInteger(dots) || dots < 1)
        throw new UsageError('dots must be a whole number from 1');
      idea = await session.call(session.client.PUT('/api/v1/ideas/{id}/dots', { ...path, body: { dots } }));
    } else {
      if (rest.length > 0) throw new UsageError('meanwhile ideas undot takes one idea id');
      idea = await session.call(session.client.DELETE('/api/v1/ideas/{id}/dots', path));
    }
    if (asJson) printJson(io, idea);
    else io.out(first === 'add' ? `Added: ${ideaLine(idea)}` : ideaLine(idea));
    return exitCodes.ok;
  },
};

const checkinHelp = `Usage: meanwhile checkin asks [--json]
       meanwhile checkin answer <check-in-id> --answer <text> [--answer <text>…] [--date YYYY-MM-DD]

asks lists your check-in questions of rounds still open. answer gives one --answer per question, in order
(an empty one skips its question); the latest round asked of you by default, or the one of --date.`;

const checkin: ClientCommand = {
  summary: 'List your check-in questions and answer them.',
  help: checkinHelp,
  options: { json, answer: { type: 'string', multiple: true }, date: { type: 'string' } },
  async run({ positionals, values }, io) {
    const [action, id, ...extra] = positionals;
    if (action === 'asks' && id === undefined) {
      const session = await openSession(io);
      const asks = await session.call(session.client.GET('/api/v1/me/checkin-asks'));
      if (values.json) printJson(io, asks.items);
      else if (asks.items.length === 0) io.out('No check-in questions are waiting for you.');
      else
        for (const ask of asks.items) {
          io.out(`${ask.title} (${ask.date}, ${ask.state})  check-in ${ask.checkinId}`);
          ask.questions.forEach((q, i) =>
            io.out(`  ${i + 1}. ${q.text}${ask.answers ? `  → ${ask.answers[i] ?? ''}` : ''}`),
          );
        }
      return exitCodes.ok;
    }
    if (action !== 'answer' || id === undefined || extra.length > 0)
      throw new UsageError('use: meanwhile checkin asks | meanwhile checkin answer <id> --answer <text>…');
    const answers = Array.isArray(values.answer) ? values.answer : [];
    if (answers.length === 0) throw new UsageError('give one --answer per question');
    const date = typeof values.date === 'string' ? values.date : undefined;
    const session = await openSession(io);
    const ask = await session.call(
      session.client.POST('/api/v1/checkins/{id}/answers', {
        params: { path: { id } },
        body: { answers, ...(date ? { date } : {}) },
      }),
    );
    if (values.json) printJson(io, ask);
    else io.out(`Answered ${ask.title} for ${ask.date}.`);
    return exitCodes.ok;
  },
};

/** The ideation and check-in commands: `ideas`, `checkin`. */
export const ideationCommands: Record<string, ClientCommand> = { ideas, checkin };
