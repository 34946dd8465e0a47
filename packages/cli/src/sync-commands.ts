import type { ClientCommand } from './client-command.js';
import { openSession, printJson } from './client-command.js';
import type { ApiSession } from './client-command.js';
import { exitCodes, UsageError } from './exit-codes.js';
import type { CliIo } from './run-cli.js';
import { formatInstant, formatTable } from './text-output.js';
import { findChannel, findPerson, personNamer } from './workspace-lookup.js';

const json = { type: 'boolean' } as const;
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Weekday = (typeof weekdays)[number];

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const mine = (io: CliIo, iso: string) => formatInstant(iso, io.env.TZ || undefined);

function positiveInt(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} must be a whole number of minutes`);
  return n;
}

/** An instant given on the command line, as ISO 8601 with an offset. */
function instantOf(value: unknown, name: string): string {
  const text = str(value);
  if (text === undefined) throw new UsageError(`--${name} is required (ISO 8601, e.g. 2027-03-15T14:00:00Z)`);
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || !/(Z|[+-]\d\d:\d\d)$/.test(text))
    throw new UsageError(`--${name} must be ISO 8601 with an offset, e.g. 2027-03-15T14:00:00Z`);
  return new Date(ms).toISOString();
}

async function candidates(session: ApiSession, io: CliIo, values: Record<string, unknown>): Promise<number> {
  const channel = str(values.channel);
  const channelId = channel === undefined ? undefined : (await findChannel(session, channel)).id;
  const durationMinutes = positiveInt(values.duration, 'duration', 60);
  const zone = str(values.zone);
  const result = await session.call(
    session.client.GET('/api/v1/sync/candidates', {
      params: {
        query: { durationMinutes, ...(channelId ? { channelId } : {}), ...(zone ? { timeZone: zone } : {}) },
      },
    }),
  );
  if (values.json) {
    printJson(io, result);
    return exitCodes.ok;
  }
  io.out(
    `Candidate sync windows for ${result.people} people, ${result.durationMinutes} minutes, next four weeks:`,
  );
  if (result.patterns.length === 0) io.out('No time when two or more people are free together.');
  for (const p of result.patterns) {
    const out = p.leftOut.map((x) => x.displayName).join(', ');
    io.out(`  ${p.label}: ${p.included} of ${result.people}${out ? `; left out: ${out}` : ''}`);
  }
  const rows = result.windows.map((w) => [
    mine(io, w.start),
    String(w.included),
    w.humane.toFixed(2),
    w.leftOut.map((x) => x.displayName).join(', ') || '–',
  ]);
  if (rows.length > 0)
    for (const line of formatTable(['START', 'IN', 'HUMANE', 'LEFT OUT'], rows)) io.out(line);
  return exitCodes.ok;
}

async function fixed(session: ApiSession, io: CliIo, values: Record<string, unknown>): Promise<number> {
  const coverage = await session.call(session.client.GET('/api/v1/sync/coverage'));
  if (values.json) {
    printJson(io, coverage);
    return exitCodes.ok;
  }
  if (coverage.windows.length === 0) io.out('The agreement fixes no sync windows.');
  for (const w of coverage.windows) {
    const missing = w.notCovered.map((p) => p.displayName).join(', ');
    io.out(
      `${w.window.day} ${w.window.hours} ${w.window.timeZone}${missing ? `: not covered by ${missing}` : ''}`,
    );
  }
  return exitCodes.ok;
}

async function fix(
  session: ApiSession,
  io: CliIo,
  args: string[],
  values: Record<string, unknown>,
): Promise<number> {
  const [day, hours] = args;
  if (!weekdays.includes(day as Weekday)) throw new UsageError(`give a day (${weekdays.join(', ')})`);
  if (!hours || !/^\d\d:\d\d-\d\d:\d\d$/.test(hours)) throw new UsageError('give local hours HH:MM-HH:MM');
  const reason = str(values.reason);
  if (!reason) throw new UsageError('--reason is required: the agreement keeps why it changed');
  const current = await session.call(session.client.GET('/api/v1/agreement'));
  const timeZone =
    str(values.zone) ?? (await session.call(session.client.GET('/api/v1/me/rhythm'))).rhythm.timeZone;
  const window = { timeZone, day: day as Weekday, hours };
  const { agreement } = current;
  const changed = await session.call(
    session.client.PUT('/api/v1/agreement', {
      body: {
        agreement: {
          ...agreement,
          replyWindows: {
            today: agreement.replyWindows.today,
            soon: agreement.replyWindows.soon,
            normal: agreement.replyWindows.normal,
          },
          syncWindows: [...agreement.syncWindows, window],
        } as never,
        reason,
      },
      headers: { 'if-match': `"${current.version}"` },
    }),
  );
  if (values.json) printJson(io, changed);
  else io.out(`Fixed ${day} ${hours} ${timeZone} as a sync window: agreement version ${changed.version}.`);
  return exitCodes.ok;
}

const syncWindows: ClientCommand = {
  summary: 'Candidate sync windows from the team’s overlap; the windows the agreement fixes.',
  help: `Usage: meanwhile sync-windows [candidates] [--channel <channel>] [--duration <minutes>] [--zone <zone>] [--json]
       meanwhile sync-windows fixed [--json]
       meanwhile sync-windows fix <day> <HH:MM-HH:MM> [--zone <zone>] --reason <why> [--json]

candidates  windows over the next four weeks when most people are free (never in a focus block), ranked by
            how many they include and how far from the edges of each one's day; weekly patterns such as
            "Tue and Thu 15:00–16:00 Berlin", naming who is left out
fixed       the windows the agreement fixes, and whose rhythm misses them
fix         adds a weekly window to the agreement (owners and admins; a new version, with your reason)
  --channel <channel>   a channel's members instead of the workspace
  --duration <minutes>  window length (default 60)
  --zone <zone>         the zone of patterns and of a fixed window (default: yours)`,
  options: {
    json,
    channel: { type: 'string' },
    duration: { type: 'string' },
    zone: { type: 'string' },
    reason: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const [action = 'candidates', ...rest] = positionals;
    const session = await openSession(io);
    if (action === 'candidates' && rest.length === 0) return candidates(session, io, values);
    if (action === 'fixed' && rest.length === 0) return fixed(session, io, values);
    if (action === 'fix') return fix(session, io, rest, values);
    throw new UsageError(`unknown sync-windows action ${action}`);
  },
};

interface MeetingOut {
  id: string;
  title: string;
  startsAt: string;
  durationMinutes: number;
  state: string;
  isOutsideSyncWindow: boolean;
  outsideWindowReason: string | null;
  lateChanges: number;
  invitees: { personId: string; response: string }[];
}

function printMeeting(io: CliIo, m: MeetingOut, name: (id: string) => string): void {
  io.out(`${m.title} (${m.id})`);
  io.out(
    `  ${mine(io, m.startsAt)}, ${m.durationMinutes} minutes, ${m.state}${m.lateChanges > 0 ? ', changed late' : ''}`,
  );
  if (m.isOutsideSyncWindow) io.out(`  outside the sync windows: ${m.outsideWindowReason ?? ''}`);
  for (const i of m.invitees) io.out(`  ${name(i.personId)}: ${i.response}`);
}

async function people(session: ApiSession, refs: unknown): Promise<string[]> {
  const list = (Array.isArray(refs) ? refs : typeof refs === 'string' ? [refs] : []).flatMap((r) =>
    String(r).split(','),
  );
  if (list.length === 0)
    throw new UsageError('--invite is required (id, e-mail or name; repeat or separate with commas)');
  return Promise.all(list.map(async (ref) => (await findPerson(session, ref.trim())).id));
}

const meet: ClientCommand = {
  summary: 'Request, list, answer, move and cancel meetings (with notice, in sync windows, with an agenda).',
  help: `Usage: meanwhile meet request --title <t> --agenda <thread id> --invite <person>... --at <ISO> [--duration <minutes>] [--reason <why>]
       meanwhile meet notice --invite <person>...
       meanwhile meet list [--json]
       meanwhile meet respond <meeting id> yes|no|maybe
       meanwhile meet move <meeting id> --at <ISO> [--reason <why>]
       meanwhile meet cancel <meeting id>

A meeting gives each invitee the agreement's notice (16 working hours by default) in their own working time;
a start too early is refused with the earliest allowed start ("meet notice" shows it per invitee). Outside
the sync windows it needs --reason. The request is posted into the agenda thread and reaches invitees in
their own delivery slots. Moving or cancelling inside the notice is shown as late.`,
  options: {
    json,
    title: { type: 'string' },
    agenda: { type: 'string' },
    invite: { type: 'string', multiple: true },
    at: { type: 'string' },
    duration: { type: 'string' },
    reason: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const [action, id, answer] = positionals;
    const session = await openSession(io);
    const name = await personNamer(session);
    const show = (m: MeetingOut) => (values.json ? printJson(io, m) : printMeeting(io, m, name));
    const reason = str(values.reason);
    switch (action) {
      case 'request': {
        const title = str(values.title);
        const agenda = str(values.agenda);
        if (!title || !agenda)
          throw new UsageError('--title and --agenda (the agenda thread id) are required');
        const body = {
          title,
          agendaThreadId: agenda,
          invitees: await people(session, values.invite),
          startsAt: instantOf(values.at, 'at'),
          durationMinutes: positiveInt(values.duration, 'duration', 30),
          ...(reason ? { outsideWindowReason: reason } : {}),
        };
        show(await session.call(session.client.POST('/api/v1/meetings', { body })));
        return exitCodes.ok;
      }
      case 'notice': {
        const invitees = (await people(session, values.invite)).join(',');
        const notice = await session.call(
          session.client.GET('/api/v1/meetings/notice', { params: { query: { invitees } } }),
        );
        if (values.json) printJson(io, notice);
        else {
          io.out(
            `Earliest start for a meeting requested now (${notice.noticeHours} working hours of notice): ${notice.earliestStart ? mine(io, notice.earliestStart) : 'none within 400 days'}`,
          );
          for (const i of notice.invitees)
            io.out(`  ${name(i.personId)}: ${i.earliestStart ? mine(io, i.earliestStart) : 'none'}`);
        }
        return exitCodes.ok;
      }
      case 'list': {
        const { items } = await session.call(session.client.GET('/api/v1/meetings'));
        if (values.json) printJson(io, items);
        else if (items.length === 0) io.out('No meetings ahead.');
        else for (const m of items) printMeeting(io, m, name);
        return exitCodes.ok;
      }
      case 'respond': {
        if (!id || (answer !== 'yes' && answer !== 'no' && answer !== 'maybe'))
          throw new UsageError('usage: meanwhile meet respond <meeting id> yes|no|maybe');
        const path = { params: { path: { id } }, body: { response: answer } } as const;
        show(await session.call(session.client.POST('/api/v1/meetings/{id}/response', path)));
        return exitCodes.ok;
      }
      case 'move': {
        if (!id) throw new UsageError('usage: meanwhile meet move <meeting id> --at <ISO>');
        const body = {
          startsAt: instantOf(values.at, 'at'),
          ...(reason ? { outsideWindowReason: reason } : {}),
        };
        show(
          await session.call(
            session.client.POST('/api/v1/meetings/{id}/move', { params: { path: { id } }, body }),
          ),
        );
        return exitCodes.ok;
      }
      case 'cancel': {
        if (!id) throw new UsageError('usage: meanwhile meet cancel <meeting id>');
        show(
          await session.call(
            session.client.POST('/api/v1/meetings/{id}/cancel', { params: { path: { id } } }),
          ),
        );
        return exitCodes.ok;
      }
      default:
        throw new UsageError(
          `unknown meet action ${action ?? '(none)'}: request, notice, list, respond, move or cancel`,
        );
    }
  },
};

/** The sync-time commands: `sync-windows` and `meet`. */
export const syncCommands: Record<string, ClientCommand> = { 'sync-windows': syncWindows, meet };
