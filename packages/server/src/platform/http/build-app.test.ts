import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { defaultBodyLimit } from './build-app.js';

// A route that accepts any JSON body, and one with a zod schema, to exercise the body pipeline.
function addEchoRoutes(app: FastifyInstance): void {
  app.post('/echo', async (request) => ({ received: request.body }));
  app.post(
    '/typed',
    { schema: { body: z.strictObject({ title: z.string().min(1).max(200), count: z.number().int() }) } },
    async (request) => ({ received: request.body }),
  );
}

/** A JSON body of exactly `size` bytes. */
function jsonOfSize(size: number): string {
  const shell = '{"pad":""}';
  return `{"pad":"${'a'.repeat(size - shell.length)}"}`;
}

describeEachDialect('request bodies', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database(), addEchoRoutes));
  });
  afterAll(() => app.close());

  const post = (payload: string | Readable, contentType = 'application/json', url = '/echo') =>
    app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });

  function expectProblem(response: Awaited<ReturnType<typeof post>>, status: number, code: string): void {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const problem = response.json();
    expect(problem).toMatchObject({ status, code, type: `urn:meanwhile:problem:${code}` });
    expect(problem.title).toEqual(expect.any(String));
    expect(problem.requestId).toBe(response.headers['x-request-id']);
  }

  it('accepts a body of exactly the limit', async () => {
    const response = await post(jsonOfSize(defaultBodyLimit));
    expect(response.statusCode).toBe(200);
  });

  it('answers 413 to a body one byte over the limit', async () => {
    expectProblem(await post(jsonOfSize(defaultBodyLimit + 1)), 413, 'body_too_large');
  });

  it('answers 413 to a chunked body without a length once it passes the limit', async () => {
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, 0x20));
    expectProblem(await post(Readable.from(chunks)), 413, 'body_too_large');
  });

  it('answers 415 to JSON sent as text/plain', async () => {
    expectProblem(await post('{"a":1}', 'text/plain'), 415, 'unsupported_media_type');
  });

  it('answers 415 to a form body', async () => {
    expectProblem(await post('a=1', 'application/x-www-form-urlencoded'), 415, 'unsupported_media_type');
  });

  it('answers 400 to malformed JSON', async () => {
    expectProblem(await post('{"a":'), 400, 'malformed_json');
  });

  it('answers 400 to an empty JSON body', async () => {
    expectProblem(await post(''), 400, 'malformed_json');
  });

  it.each([
    ['__proto__ at the top', '{"__proto__":{"isAdmin":true}}'],
    ['__proto__ nested in an array', '{"a":[{"b":{"__proto__":{"x":1}}}]}'],
    ['__proto__ spelled with escapes', '{"\\u005f\\u005fproto__":{"x":1}}'],
    ['constructor.prototype', '{"a":{"constructor":{"prototype":{"x":1}}}}'],
  ])('answers 400 to prototype poisoning: %s', async (_name, body) => {
    expectProblem(await post(body), 400, 'forbidden_json_key');
  });

  it('accepts a plain "constructor" key that has no prototype', async () => {
    expect((await post('{"constructor":"Ada"}')).json()).toEqual({ received: { constructor: 'Ada' } });
  });

  it('answers 400 to 100,000 nested arrays without overflowing the stack', async () => {
    expectProblem(await post('['.repeat(100_000) + ']'.repeat(100_000)), 400, 'json_too_deep');
  });

  it('does not count brackets inside strings as nesting', async () => {
    const response = await post(JSON.stringify({ s: '['.repeat(1000) + '\\"{' }));
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['a NUL character', '{"name":"a\\u0000b"}'],
    ['a lone surrogate', '{"name":"\\ud800"}'],
    ['a lone surrogate in a key', '{"\\udc00":1}'],
  ])('answers 400 to %s, the same on every database', async (_name, body) => {
    expectProblem(await post(body), 400, 'invalid_text');
  });

  it('answers 400 to a body that is not UTF-8', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400, 'invalid_text');
  });

  it('keeps paired surrogates (emoji)', async () => {
    expect((await post('{"e":"\\ud83d\\ude00"}')).json()).toEqual({ received: { e: '😀' } });
  });

  it('lists each invalid field with its path in a 400 validation problem', async () => {
    const response = await post('{"title":"","count":1.5,"role":"owner"}', 'application/json', '/typed');
    expectProblem(response, 400, 'validation_failed');
    const paths = (response.json().errors as { path: string; message: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.count']));
    expect(paths.some((p) => p === 'body' || p === 'body.role')).toBe(true);
  });
});
