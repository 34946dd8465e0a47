import { z } from 'zod';

export const eventsQuery = z.strictObject({
  lastEventId: z
    .string()
    .max(64)
    .optional()
    .describe(
      'Resume after this event id (as the `Last-Event-ID` header does, which wins when both are sent). ' +
        'Without either, the stream starts with the next new event.',
    ),
  follow: z
    .enum(['true', 'false'])
    .default('true')
    .describe('`false`: send the events after `lastEventId` and end, instead of staying open.'),
});

export const eventData = z
  .object({
    id: z.string().describe('The event id, as in the `id:` field; increasing.'),
    type: z.string().describe('What happened, e.g. `inbox.delivered`.'),
    createdAt: z.string(),
    payload: z.record(z.string(), z.unknown()),
  })
  .describe(
    'A `text/event-stream`: each event is `id: <id>` and one `data:` line holding this object as JSON; ' +
      'lines starting with `:` are heartbeats.',
  );
