import type { ClientCommand } from './client-command.js';
import { openSession, printJson } from './client-command.js';
import { exitCodes, UsageError } from './exit-codes.js';
import type { CliIo } from './run-cli.js';
import { formatInstant, formatTable } from './text-output.js';
import { findChannel } from './workspace-lookup.js';

const json = { type: 'boolean' } as const;
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const statusText: Record<string, string> = {
  working: 'working',
  focus: 'in a focus block',
  off: 'off',
  'not-working': 'not working',
};

/** "<my time> (<their time>)" of an instant, or "–". */
function bothTimes(io: CliIo, iso: string | null, theirZone: string): string {
  if (iso === null) return '–';
  const mine = formatInstant(iso, io.env.TZ || undefined);
  const theirs = formatInstant(iso, theirZone);
  return mine === theirs ? mine : `${mine} (theirs: ${theirs})`;
}

const whoIsWorking: ClientCommand = {
  summary: 'Who is working now, and when the others start: in your time and theirs.',
  help: `Usage: meanwhile who-is-working [--channel <channel>] [--json]

Lists the members of your workspace (or of a channel) with where they are now (working, in a focus block,
off, not working), their local time, and when a post could next reach them, in your time and theirs.
Nobody's time-off note is shown.
  --channel <channel>   only this channel's members (name or id)
  --json                print the availability as JSON instead`,
  options: { json, channel: { type: 'string' } },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const session = await openSession(io);
    const channelId =
      typeof values.channel === 'string' ? (await findChannel(session, values.channel)).id : undefined;
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const team = await session.call(
      session.client.GET('/api/v1/availability', {
        params: { query: { to, ...(channelId ? { channelId } : {}) } },
      }),
    );
    if (values.json) {
      printJson(io, team.people);
      return exitCodes.ok;
    }
    if (team.people.length === 0) {
      io.out('Nobody here yet.');
      return exitCodes.ok;
    }
    const order = { working: 0, focus: 1, off: 3, 'not-working': 2 };
    const people = [...team.people].sort((a, b) => order[a.now.status] - order[b.now.status]);
    const rows = people.map((p) => [
      p.displayName,
      statusText[p.now.status] ?? p.now.status,
      `${p.now.localTime} ${p.timeZone}`,
      p.now.status === 'working' ? 'now' : bothTimes(io, p.now.nextSlotAt, p.timeZone),
    ]);
    for (const line of formatTable(['PERSON', 'NOW', 'THEIR TIME', 'NEXT REACHABLE'], rows)) io.out(line);
    return exitCodes.ok;
  },
};

const rhythm: ClientCommand = {
  summary: 'Show your rhythm: time zone, working hours, focus blocks, deliveries, time off.',
  help: `Usage: meanwhile rhythm [--json]

Shows your rhythm: time zone, weekly working hours, focus blocks, how deliveries reach you, and your time off.
  --json   print {"rhythm": …, "timeOff": […]} instead`,
  options: { json },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const session = await openSession(io);
    const [mine, timeOff] = await Promise.all([
      session.call(session.client.GET('/api/v1/me/rhythm')),
      session.call(session.client.GET('/api/v1/me/time-off')),
    ]);
    if (values.json) {
      printJson(io, { rhythm: mine, timeOff: timeOff.items });
      return exitCodes.ok;
    }
    io.out(
      `Time zone: ${mine.rhythm.timeZone}${mine.isDefault ? ' (the default; change it in the web app)' : ''}`,
    );
    const rows = weekdays.map((day) => [
      day,
      mine.rhythm.week[day].join(', ') || '–',
      mine.focus[day].join(', ') || '–',
    ]);
    for (const line of formatTable(['DAY', 'WORKING', 'FOCUS'], rows)) io.out(line);
    for (const e of mine.rhythm.exceptions) {
      const when = 'date' in e ? e.date : `${e.from} to ${e.to}`;
      io.out(`Exception ${when}: ${e.hours.join(', ') || 'no hours'}`);
    }
    io.out(
      mine.delivery.mode === 'batched'
        ? `Deliveries: in batches at ${mine.delivery.batchTimes.join(', ')}`
        : 'Deliveries: as they come, during working hours outside focus blocks',
    );
    if (timeOff.items.length === 0) io.out('Time off: none');
    for (const t of timeOff.items) io.out(`Time off: ${t.from} to ${t.to}${t.note ? ` (${t.note})` : ''}`);
    return exitCodes.ok;
  },
};

/** The commands about time: `who-is-working` and `rhythm`. */
export const timeCommands: Record<string, ClientCommand> = { 'who-is-working': whoIsWorking, rhythm };
