// The posts a meeting writes into its agenda thread: they reach the invitees through the delivery engine,
// in each one's delivery slots, like any other post.
import type { MeetingRow } from '../../shared/database.js';

/** What happened to the meeting. */
export type MeetingChange = 'requested' | 'moved' | 'moved-late' | 'cancelled' | 'cancelled-late';

// The title is the organiser's text: markdown-special characters are escaped so that it reads as written.
const escape = (text: string) => text.replace(/[\\`*_[\]<>#|~!]/g, (c) => `\\${c}`);

const when = (m: Pick<MeetingRow, 'startsAt' | 'endsAt'>) =>
  `${new Date(m.startsAt).toISOString().replace(/:00\.000Z$/, ' UTC')} for ${Math.round((m.endsAt - m.startsAt) / 60_000)} minutes`;

/** The markdown of the post announcing a change of a meeting. */
export function meetingPost(
  change: MeetingChange,
  meeting: Pick<MeetingRow, 'title' | 'startsAt' | 'endsAt' | 'outsideWindowReason'>,
): string {
  const title = `**${escape(meeting.title)}**`;
  const outside =
    meeting.outsideWindowReason === null
      ? ''
      : `\n\nOutside our sync windows, because: ${escape(meeting.outsideWindowReason)}`;
  switch (change) {
    case 'requested':
      return `Meeting request: ${title}, ${when(meeting)}. This thread is its agenda; please answer yes, no or maybe.${outside}`;
    case 'moved':
      return `Meeting moved: ${title}, now ${when(meeting)}.${outside}`;
    case 'moved-late':
      return `Meeting moved late (inside the notice): ${title}, now ${when(meeting)}.${outside}`;
    case 'cancelled':
      return `Meeting cancelled: ${title}.`;
    case 'cancelled-late':
      return `Meeting cancelled late (inside the notice): ${title}.`;
  }
}
