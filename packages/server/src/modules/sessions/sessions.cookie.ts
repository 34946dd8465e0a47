/** The name of the session cookie. */
export const sessionCookieName = 'mw_session';

/**
 * The `Set-Cookie` value that stores a session token: HttpOnly (no script reads it), SameSite=Lax (not
 * sent on cross-site POSTs), Path=/, and Secure when the request came over HTTPS.
 */
export function serializeSessionCookie(
  token: string,
  options: { isSecure: boolean; maxAgeSeconds: number },
): string {
  const parts = [
    `${sessionCookieName}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
  ];
  if (options.isSecure) parts.push('Secure');
  return parts.join('; ');
}

/** The `Set-Cookie` value that removes the session cookie. */
export function serializeClearedSessionCookie(isSecure: boolean): string {
  return serializeSessionCookie('', { isSecure, maxAgeSeconds: 0 });
}

/**
 * The session token from a `Cookie` header, or undefined. When the cookie appears more than once (a
 * planted duplicate), none is trusted.
 */
export function readSessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const values = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${sessionCookieName}=`))
    .map((part) => part.slice(sessionCookieName.length + 1));
  return values.length === 1 && values[0] ? values[0] : undefined;
}
