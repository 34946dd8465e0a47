import { createConnection } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { DomainError } from '../../shared/domain-error.js';
import { allErrorCodes, errorCodes } from '../../shared/error-codes.js';
import { createProblem, httpStatusByCode, problemFromError } from './problem.js';

describe('error codes', () => {
  it('maps every code to an error status and documents it', () => {
    expect(Object.keys(httpStatusByCode).sort()).toEqual([...allErrorCodes].sort());
    for (const code of allErrorCodes) {
      expect(httpStatusByCode[code], code).toBeGreaterThanOrEqual(400);
      expect(httpStatusByCode[code], code).toBeLessThan(600);
      expect(errorCodes[code].length, code).toBeGreaterThan(10);
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    }
  });

  it('turns a DomainError into a problem with its code, message and details', () => {
    const error = new DomainError('not_found', 'Thread t1 was not found.', {
      details: [{ path: 'params.id', message: 'no such thread' }],
    });
    expect(problemFromError(error)).toEqual({
      type: 'urn:meanwhile:problem:not_found',
      title: 'Not Found',
      status: 404,
      code: 'not_found',
      detail: 'Thread t1 was not found.',
      errors: [{ path: 'params.id', message: 'no such thread' }],
    });
  });

  it('leaves unknown errors to become a bare 500', () => {
    expect(
      problemFromError(new Error('connection to 10.0.0.5 failed: password authentication')),
    ).toBeUndefined();
    expect(problemFromError('a string')).toBeUndefined();
    expect(createProblem('internal')).toEqual({
      type: 'urn:meanwhile:problem:internal',
      title: 'Internal Server Error',
      status: 500,
      code: 'internal',
    });
  });
});

describeEachDialect('problem responses', (ctx) => {
  let app: FastifyInstance;
  let logLines: string[];
  beforeAll(async () => {
    ({ app, logLines } = await buildTestApp(ctx.database(), (a) => {
      a.get('/boom', async () => {
        throw new Error('driver says: password authentication failed for user "admin"');
      });
      a.get('/gone', async () => {
        throw new DomainError('not_found', 'That thing does not exist.');
      });
    }));
  });
  afterAll(() => app.close());

  it('answers an unknown route with a 404 problem', async () => {
    const response = await app.inject({ method: 'GET', url: '/nope?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({
      status: 404,
      code: 'route_not_found',
      requestId: expect.any(String),
    });
  });

  it('maps a DomainError thrown by a route to its status', async () => {
    const response = await app.inject({ method: 'GET', url: '/gone' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found', detail: 'That thing does not exist.' });
  });

  it('answers an unexpected error with a bare 500 and logs it', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    const problem = response.json();
    expect(problem).toEqual({
      type: 'urn:meanwhile:problem:internal',
      title: 'Internal Server Error',
      status: 500,
      code: 'internal',
      requestId: response.headers['x-request-id'],
    });
    expect(response.body).not.toContain('password');
    expect(logLines.some((l) => l.includes('"unexpected error"') && l.includes(problem.requestId))).toBe(
      true,
    );
  });

  it('sends a request id on every response and keeps a well-formed incoming one', async () => {
    const fresh = await app.inject({ method: 'GET', url: '/healthz' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'lb-1234.abc' },
    });
    expect(given.headers['x-request-id']).toBe('lb-1234.abc');
    const hostile = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'a b\u001b[31m' },
    });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never logs credentials, query strings or bodies', async () => {
    await app.inject({
      method: 'POST',
      url: '/nope?token=feed-secret-1',
      payload: { password: 'body-secret-2' },
      headers: { authorization: 'Bearer header-secret-3', cookie: 'session=cookie-secret-4' },
    });
    const all = logLines.join('\n');
    expect(all).toContain('/nope?[redacted]');
    for (const secret of ['feed-secret-1', 'body-secret-2', 'header-secret-3', 'cookie-secret-4']) {
      expect(all).not.toContain(secret);
    }
  });
});

describeEachDialect('oversized headers', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database()));
    await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => app.close());

  // Node's HTTP parser rejects these before Fastify sees a request, so this needs a real socket.
  it('answers a 100 KB cookie with a 431 problem', async () => {
    const { port } = app.server.address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: a=${'b'.repeat(100_000)}\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(raw).toContain('application/problem+json');
    expect(raw).toContain('"code":"headers_too_large"');
  });
});
