import { describe, expect, it } from 'vitest';
import { createFakeServer } from '../test-support/fake-server';
import { ApiError, createWebApiClient, expectData } from './api-client';

describe('the web API client', () => {
  const server = () =>
    createFakeServer({
      'GET /api/v1/channels': () => ({ status: 200, body: { items: [], nextCursor: null } }),
      'POST /api/v1/channels': () => ({
        status: 422,
        body: {
          status: 422,
          code: 'validation_failed',
          detail: 'The request is not valid.',
          errors: [{ path: 'body.name', message: 'Too long' }],
        },
      }),
    });

  it('sends the session CSRF token on unsafe methods only, once it is known', async () => {
    const fake = server();
    const api = createWebApiClient({ baseUrl: 'http://meanwhile.test', fetch: fake.fetch });
    await api.client.POST('/api/v1/channels', { body: { name: 'before' } });
    api.setCsrfToken('csrf-1');
    await api.client.GET('/api/v1/channels');
    await api.client.POST('/api/v1/channels', { body: { name: 'after' } });
    const [before, get, after] = fake.requests;
    expect(before!.headers.get('x-csrf-token')).toBeNull();
    expect(get!.headers.get('x-csrf-token')).toBeNull();
    expect(after!.headers.get('x-csrf-token')).toBe('csrf-1');
    expect(after!.headers.get('idempotency-key')).toBeTruthy();
    api.setCsrfToken(null);
    await api.client.POST('/api/v1/channels', { body: { name: 'signed out' } });
    expect(fake.requests[3]!.headers.get('x-csrf-token')).toBeNull();
  });

  it('turns a problem document into an ApiError a person can read', async () => {
    const api = createWebApiClient({ baseUrl: 'http://meanwhile.test', fetch: server().fetch });
    const result = await api.client.POST('/api/v1/channels', { body: { name: 'x'.repeat(500) } });
    let caught: unknown;
    try {
      expectData(result);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).status).toBe(422);
    expect((caught as ApiError).code).toBe('validation_failed');
    expect((caught as ApiError).message).toBe('The request is not valid. — body.name: Too long');
  });

  it('hands back the data of a successful answer', async () => {
    const api = createWebApiClient({ baseUrl: 'http://meanwhile.test', fetch: server().fetch });
    expect(expectData(await api.client.GET('/api/v1/channels'))).toEqual({ items: [], nextCursor: null });
  });
});
