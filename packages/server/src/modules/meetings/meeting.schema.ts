import { z } from 'zod';
import { idParam } from '../../shared/id-param.js';

/** The most invitees of one meeting. */
export const maxInvitees = 100;
/** The longest meeting, in minutes. */
export const maxDurationMinutes = 8 * 60;

// An id named in a body: bounded, so that a huge string is refused as malformed (400) rather than looked up.
const refId = z.string().max(100).pipe(idParam);

const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => Date.parse(s))
  .refine((t) => t >= Date.UTC(2000, 0, 1) && t < Date.UTC(2200, 0, 1), 'must lie between 2000 and 2200');
const duration = z
  .number()
  .int()
  .min(5)
  .max(maxDurationMinutes)
  .describe(`Minutes, a whole number from 5 to ${maxDurationMinutes}.`);
const reason = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .describe('Why the meeting is outside every sync window (required there, shown with the meeting).');

export const meetingParams = z.strictObject({ id: idParam });

/** `POST /api/v1/meetings`. */
export const requestMeetingBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  agendaThreadId: refId.describe('The thread that holds the agenda; the request is posted there.'),
  invitees: z.array(refId).min(1).max(maxInvitees),
  startsAt: instant.describe(
    "ISO 8601 with offset; at least the agreement's notice in each invitee's working time from now.",
  ),
  durationMinutes: duration,
  outsideWindowReason: reason.optional(),
});

/** `POST /api/v1/meetings/:id/move`. */
export const moveMeetingBody = z.strictObject({
  startsAt: instant,
  durationMinutes: duration.optional(),
  outsideWindowReason: reason.optional(),
});

/** `POST /api/v1/meetings/:id/response`. */
export const respondBody = z.strictObject({ response: z.enum(['yes', 'no', 'maybe']) });

/** `GET /api/v1/meetings`. */
export const listMeetingsQuery = z.strictObject({
  from: instant.optional().describe('Default: now.'),
  to: instant.optional().describe('Default and most: 62 days after `from`.'),
});

/** `GET /api/v1/meetings/notice`. */
export const noticeQuery = z.strictObject({
  invitees: z
    .string()
    .max(maxInvitees * 40)
    .transform((s) => s.split(',').filter((id) => id !== ''))
    .pipe(z.array(idParam).min(1).max(maxInvitees))
    .describe('Comma-separated person ids.'),
});

export const meetingSchema = z.object({
  id: z.string(),
  title: z.string(),
  organiserId: z.string(),
  agendaThreadId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  isOutsideSyncWindow: z.boolean(),
  outsideWindowReason: z.string().nullable(),
  state: z.enum(['scheduled', 'cancelled']),
  lateChanges: z.number().int().describe('Moves and cancellations made inside the notice.'),
  requestedAt: z.string(),
  notesPromptedAt: z.string().nullable(),
  invitees: z.array(
    z.object({
      personId: z.string(),
      response: z.enum(['pending', 'yes', 'no', 'maybe']),
      respondedAt: z.string().nullable(),
    }),
  ),
});

export const meetingList = z.object({ items: z.array(meetingSchema) });

export const noticeSchema = z.object({
  noticeHours: z.number().int(),
  earliestStart: z.string().nullable().describe('When a meeting requested now may start at the earliest.'),
  invitees: z.array(z.object({ personId: z.string(), earliestStart: z.string().nullable() })),
});
