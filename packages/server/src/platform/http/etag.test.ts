import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { assertIfMatch, etagOf, isIfMatchSatisfied, parseIfMatch } from './etag.js';

describe('entity tags', () => {
  it('quotes a version or a time', () => {
    expect(etagOf(7)).toBe('"7"');
    expect(etagOf(1764180000000)).toBe('"1764180000000"');
    expect(() => etagOf('a"b')).toThrow();
  });

  it.each([
    [undefined, true],
    ['*', true],
    ['"7"', true],
    ['"6", "7"', true],
    ['"6"', false],
    ['W/"7"', false],
    ['', false],
  ])('If-Match %j against "7" is satisfied: %s', (header, expected) => {
    expect(isIfMatchSatisfied(header, '"7"')).toBe(expected);
  });

  it('parses a list of tags', () => {
    expect(parseIfMatch(['"1"', '"2", "3"'])).toEqual(['"1"', '"2"', '"3"']);
  });
});

function addEditRoute(app: FastifyInstance): void {
  let version = 1;
  app.patch('/api/v1/notes/1', async (request, reply) => {
    assertIfMatch(request, etagOf(version));
    version += 1;
    return reply.header('etag', etagOf(version)).send({ version });
  });
}

describeEachDialect('If-Match on edits', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), addEditRoute));
  });
  afterAll(() => app.close());
  const edit = (ifMatch?: string) =>
    app.inject({ method: 'PATCH', url: '/api/v1/notes/1', headers: ifMatch ? { 'if-match': ifMatch } : {} });

  it('applies an edit with the current tag and answers 412 to a stale one', async () => {
    const first = await edit('"1"');
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await edit('"1"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'precondition_failed' });
    expect((await edit()).statusCode).toBe(200); // no If-Match: allowed
  });
});
