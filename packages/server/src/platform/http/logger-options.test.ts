import { describe, expect, it } from 'vitest';
import { redactUrl } from './logger-options.js';

describe('redactUrl', () => {
  it('hides query strings and the secrets of one-time links', () => {
    expect(redactUrl('/api/v1/search?q=secret')).toBe('/api/v1/search?[redacted]');
    expect(redactUrl('/setup/abcDEF_123-x')).toBe('/setup/[redacted]');
    expect(redactUrl('/invite/abcDEF_123-x?utm=1')).toBe('/invite/[redacted]?[redacted]');
    expect(redactUrl('/api/v1/invitations/accept')).toBe('/api/v1/invitations/accept');
  });

  it('hides the token of calendar feed URLs, however the path is spelled', () => {
    expect(redactUrl('/calendar/ws-1/tok_EN-123.ics')).toBe('/calendar/[redacted]');
    expect(redactUrl('/calendar/tok_EN-123.ics?x=1')).toBe('/calendar/[redacted]?[redacted]');
    expect(redactUrl('//CALENDAR//ws/tok')).toBe('//CALENDAR/[redacted]');
  });
});
