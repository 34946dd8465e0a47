import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TestClock } from '../../shared/clock.js';

const tenYearsMs = 10 * 366 * 86_400_000;
const earliest = Date.UTC(2000, 0, 1);
const latest = Date.UTC(2200, 0, 1);

const instant = z
  .union([z.iso.datetime({ offset: true }).transform((v) => Date.parse(v)), z.number().int()])
  .refine((ms) => ms >= earliest && ms < latest, { error: 'must lie between 2000 and 2200' });

const clockBody = z
  .strictObject({
    now: instant
      .optional()
      .describe('Sets the clock: an ISO 8601 instant with offset, or epoch milliseconds.'),
    advanceMs: z
      .number()
      .int()
      .min(-tenYearsMs)
      .max(tenYearsMs)
      .refine((ms) => ms !== 0, { error: 'must not be 0' })
      .optional()
      .describe('Moves the clock by this many milliseconds (after `now`, when both are sent).'),
  })
  .describe('Test mode only.');

const clockReply = z.object({ now: z.string(), nowMs: z.number().int() });

/**
 * Registers `POST /api/v1/test/clock`, which sets or advances the server's clock and wakes the
 * scheduler. buildApp registers it only for a server started in test mode (`MEANWHILE_TEST_MODE=1`);
 * in a normal start the route does not exist. It needs no credentials: end-to-end tests drive it.
 */
export function registerTestClockRoutes(app: FastifyInstance, clock: TestClock): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/api/v1/test/clock',
      { schema: { body: clockBody, response: { 200: clockReply } } },
      async (req) => {
        if (req.body.now !== undefined) clock.set(req.body.now);
        if (req.body.advanceMs !== undefined) clock.advance(req.body.advanceMs);
        const now = clock.now();
        return { now: new Date(now).toISOString(), nowMs: now };
      },
    );
}
