import type { ClientCommand } from './client-command.js';
import { openSession, printJson } from './client-command.js';
import { exitCodes, UsageError } from './exit-codes.js';
import type { CliIo } from './run-cli.js';

const json = { type: 'boolean' } as const;

interface DecisionLike {
  id: string;
  question: string;
  mode: string;
  state: string;
  closesAt: { at: string; mine: { date: string; time: string; timeZone: string } };
  closeReason: string;
  options: { index: number; text: string; votes: number | null }[];
  outcome: { text: string } | null;
  tiedOptions: number[] | null;
  myResponse: { kind: string; option: number | null } | null;
}

function printDecision(io: CliIo, d: DecisionLike): void {
  io.out(`${d.question} (${d.mode}, ${d.state.replace('_', ' ')})  id ${d.id}`);
  for (const o of d.options)
    io.out(`  ${o.index}. ${o.text}${o.votes === null ? '' : `  ${o.votes} vote(s)`}`);
  const mine = d.closesAt.mine;
  io.out(`Closes ${mine.date} ${mine.time} ${mine.timeZone} (your time). ${d.closeReason}`);
  if (d.tiedOptions) io.out(`Tied: ${d.tiedOptions.join(', ')}; the decider breaks the tie.`);
  if (d.outcome) io.out(`Outcome: ${d.outcome.text}`);
  if (d.myResponse)
    io.out(
      `Your response: ${d.myResponse.kind}${d.myResponse.option === null ? '' : ` ${d.myResponse.option}`}`,
    );
}

const list = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

const decide: ClientCommand = {
  summary: 'Open, show or close a decision: meanwhile decide open|show|close.',
  help: `Usage:
  meanwhile decide open <thread-id> --question <text> --required <id,id> [--optional <id,id>]
                        [--option <text> --option <text> …] [--decider <id>] [--window <hours>]
                        [--closes-at <ISO 8601>] [--hide-votes] [--json]
  meanwhile decide show <decision-id> [--json]
  meanwhile decide close <decision-id> [--tie-break <option index>] [--json]

open: consent by default, a vote with two or more --option. It closes when every required participant has
had the window (the agreement's by default) in their own working hours; --closes-at may only be later.
close: the decider closes early once every required participant has responded, or breaks a tie.`,
  options: {
    json,
    question: { type: 'string' },
    required: { type: 'string' },
    optional: { type: 'string' },
    option: { type: 'string', multiple: true },
    decider: { type: 'string' },
    window: { type: 'string' },
    'closes-at': { type: 'string' },
    'hide-votes': { type: 'boolean' },
    'tie-break': { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const [action, id, ...rest] = positionals;
    if (!action || !id || rest.length > 0) throw new UsageError('meanwhile decide open|show|close <id>');
    const session = await openSession(io);
    const path = { params: { path: { id } } };
    let decision: DecisionLike;
    if (action === 'open') {
      if (typeof values.question !== 'string') throw new UsageError('--question is required');
      const options = (values.option as string[] | undefined) ?? [];
      const window = values.window === undefined ? undefined : Number(values.window);
      if (window !== undefined && !Number.isInteger(window))
        throw new UsageError('--window takes whole hours');
      decision = await session.call(
        session.client.POST('/api/v1/threads/{id}/decisions', {
          ...path,
          body: {
            question: values.question,
            mode: options.length > 0 ? 'vote' : 'consent',
            requiredIds: list(values.required),
            ...(options.length > 0 ? { options } : {}),
            ...(values.optional ? { optionalIds: list(values.optional) } : {}),
            ...(typeof values.decider === 'string' ? { deciderId: values.decider } : {}),
            ...(window === undefined ? {} : { windowHours: window }),
            ...(typeof values['closes-at'] === 'string' ? { closesAt: values['closes-at'] } : {}),
            ...(values['hide-votes'] ? { hideVotesUntilClose: true } : {}),
          },
        }),
      );
    } else if (action === 'show') {
      decision = await session.call(session.client.GET('/api/v1/decisions/{id}', path));
    } else if (action === 'close') {
      const tie = values['tie-break'];
      decision =
        typeof tie === 'string'
          ? await session.call(
              session.client.POST('/api/v1/decisions/{id}/tie-break', {
                ...path,
                body: { option: Number(tie) },
              }),
            )
          : await session.call(session.client.POST('/api/v1/decisions/{id}/close', path));
    } else throw new UsageError(`unknown action ${action}: open, show or close`);
    if (values.json) printJson(io, decision);
    else printDecision(io, decision);
    return exitCodes.ok;
  },
};

const vote: ClientCommand = {
  summary: 'Respond to a decision: meanwhile vote <id> <option> | consent | block | withdraw.',
  help: `Usage:
  meanwhile vote <decision-id> <option index>      vote (changeable until the close)
  meanwhile vote consent <decision-id>
  meanwhile vote block <decision-id> --reason <text>
  meanwhile vote withdraw <decision-id>            withdraw your block
  --json   print the decision as JSON`,
  options: { json, reason: { type: 'string' } },
  async run({ positionals, values }, io) {
    const [first, second, ...rest] = positionals;
    if (!first || !second || rest.length > 0) throw new UsageError('meanwhile vote <decision-id> <option>');
    const session = await openSession(io);
    const respond = (
      id: string,
      body: { kind: 'consent' | 'block' | 'vote'; option?: number; reason?: string },
    ) =>
      session.call(session.client.PUT('/api/v1/decisions/{id}/response', { params: { path: { id } }, body }));
    let decision: DecisionLike;
    if (first === 'consent') decision = await respond(second, { kind: 'consent' });
    else if (first === 'block') {
      if (typeof values.reason !== 'string') throw new UsageError('a block needs --reason');
      decision = await respond(second, { kind: 'block', reason: values.reason });
    } else if (first === 'withdraw')
      decision = await session.call(
        session.client.POST('/api/v1/decisions/{id}/withdraw-block', { params: { path: { id: second } } }),
      );
    else {
      const option = Number(second);
      if (!Number.isInteger(option) || option < 0) throw new UsageError('the option is its index: 0, 1, …');
      decision = await respond(first, { kind: 'vote', option });
    }
    if (values.json) printJson(io, decision);
    else printDecision(io, decision);
    return exitCodes.ok;
  },
};

/** The decision commands: `decide` and `vote`. */
export const decisionCommands: Record<string, ClientCommand> = { decide, vote };
