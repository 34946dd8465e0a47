// The pages behind the one-time setup link and invitation links, so that a newcomer who opens them in a
// browser can create the first owner, accept an invitation, invite someone and get an API token before the
// web app exists. Static HTML with one external script; no user data is ever written into the HTML.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { firstRunScript as script, firstRunStyle as style } from './first-run-assets.js';

/** The Content-Security-Policy of every HTML response: no inline script or style, nothing from elsewhere. */
export const htmlContentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "form-action 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function personFields(withWorkspace: boolean): string {
  return `${withWorkspace ? '<label for="workspaceName">Workspace name</label><input id="workspaceName" name="workspaceName" required maxlength="100">' : ''}
<label for="displayName">Your name</label><input id="displayName" name="displayName" required maxlength="100" autocomplete="name">
<label for="email">E-mail</label><input id="email" name="email" type="email" required autocomplete="email">
<label for="password">Password (at least 10 characters)</label><input id="password" name="password" type="password" required minlength="10" autocomplete="new-password">`;
}

function page(kind: 'setup' | 'invite'): string {
  const title = kind === 'setup' ? 'Set up Meanwhile' : 'Join your team on Meanwhile';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/assets/first-run.css"></head>
<body data-page="${kind}"><main>
<h1>${title}</h1>
<p>${kind === 'setup' ? 'This one-time link creates the first owner and the workspace.' : 'Create your account to accept the invitation.'}</p>
<form id="start">${personFields(kind === 'setup')}<button type="submit">${kind === 'setup' ? 'Create the workspace' : 'Join'}</button></form>
<p id="error" class="error" role="alert" hidden></p>
<p id="welcome" role="status" hidden></p>
<section id="next" hidden>
<h2>Next steps</h2>
<form id="token-form"><p>Use Meanwhile from the command line: create an API token, then run <code>meanwhile login --token &lt;token&gt; &lt;this address&gt;</code>. The token is shown once.</p><button type="submit">Create an API token</button></form>
<p><output id="token" hidden></output></p>
<form id="invite-form"><h3>Invite someone</h3>
<label for="invite-email">Their e-mail (optional)</label><input id="invite-email" name="email" type="email">
<label for="invite-role">Role</label><select id="invite-role" name="role"><option value="member">member</option><option value="guest">guest</option><option value="admin">admin</option></select>
<button type="submit">Create an invitation link</button></form>
<p><output id="invite-link" hidden></output></p>
<p>The API is documented at <a href="/api/docs">/api/docs</a>.</p>
</section>
</main><script type="module" src="/assets/first-run.js"></script></body></html>`;
}

function sendHtml(reply: FastifyReply, html: string): FastifyReply {
  // The address carries a secret: never pass it on as a Referer, never cache the page.
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', htmlContentSecurityPolicy)
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(html);
}

/**
 * Registers `/setup/:token`, `/invite/:token`, their two assets and an empty favicon. With `hasPages`
 * false (the built web app answers those links: web-app.ts) only the assets and the favicon.
 */
export function registerFirstRunPages(app: FastifyInstance, options = { hasPages: true }): void {
  const hidden = { schema: { hide: true } };
  // Browsers ask for it on every page; answer without a 404 in their console.
  app.get('/favicon.ico', hidden, (_request, reply) =>
    reply.code(204).header('cache-control', 'max-age=86400').send(),
  );
  if (options.hasPages) {
    app.get('/setup/:token', hidden, (_request, reply) => sendHtml(reply, page('setup')));
    app.get('/invite/:token', hidden, (_request, reply) => sendHtml(reply, page('invite')));
  }
  app.get('/assets/first-run.js', hidden, (_request, reply) =>
    reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(script),
  );
  app.get('/assets/first-run.css', hidden, (_request, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'no-cache').send(style),
  );
}
