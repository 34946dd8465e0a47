import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';

/** Sends raw bytes to the server and returns what it answered, until it closes or goes quiet. */
function sendRaw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).toString('latin1').includes('}')) socket.end();
    });
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE'
        ? resolve(Buffer.concat(chunks).toString('latin1'))
        : reject(error),
    );
    socket.write(request);
  });
}

function statusOf(response: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
}

function bodyOf(response: string): Record<string, unknown> {
  return JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
}

const get = (headers: string) => `GET /healthz HTTP/1.1\r\nHost: localhost\r\n${headers}\r\n`;

describeEachDialect('hostile headers over a real socket (BAD_INPUT row 19)', (ctx) => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    ({ app } = await buildTestApp(ctx.database()));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  it('answers a plain request (the harness works)', async () => {
    expect(statusOf(await sendRaw(port, get('Connection: close\r\n')))).toBe(200);
  });

  it('answers 431 problem+json to a 100 KB cookie', async () => {
    const response = await sendRaw(port, get(`Cookie: a=${'x'.repeat(100 * 1024)}\r\n`));
    expect(statusOf(response)).toBe(431);
    expect(response).toContain('application/problem+json');
    expect(bodyOf(response)).toMatchObject({ code: 'headers_too_large' });
  });

  it('answers 431 problem+json to 1,000 headers', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => `X-H${i}: v\r\n`).join('');
    const response = await sendRaw(port, get(`${many}Connection: close\r\n`));
    expect(statusOf(response)).toBe(431);
    expect(bodyOf(response)).toMatchObject({ code: 'headers_too_large' });
  });

  it('answers 400 problem+json to a duplicate Authorization', async () => {
    const response = await sendRaw(
      port,
      get('Authorization: Bearer a\r\nAuthorization: Bearer b\r\nConnection: close\r\n'),
    );
    expect(statusOf(response)).toBe(400);
    expect(bodyOf(response)).toMatchObject({ code: 'bad_request' });
  });

  it.each([
    ['a bare CR inside a value', 'X-A: a\rb\r\n'],
    ['a line without a colon after a CRLF (header splitting)', 'X-A: a\r\nInjected\r\n'],
    ['a NUL inside a value', 'X-A: a\u0000b\r\n'],
  ])('answers 400 problem+json to %s', async (_name, header) => {
    const response = await sendRaw(port, get(`${header}Connection: close\r\n`));
    expect(statusOf(response)).toBe(400);
    expect(response).toContain('application/problem+json');
  });
});
