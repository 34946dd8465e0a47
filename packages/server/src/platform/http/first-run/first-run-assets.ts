// The script and style of the first-run pages, kept as strings so that the build (tsc alone) ships them.
// The script is plain browser JavaScript with no template literals; edit it as such.

/** The only script of the first-run pages. */
export const firstRunScript = String.raw`// The first-run pages (setup link, invitation link) until the web app arrives. Strict CSP: this file is the
// only script; the token is read from the address, never written into the HTML; every text is set with
// textContent.
const page = document.body.dataset.page;
const token = decodeURIComponent(location.pathname.split('/').pop() ?? '');
let csrfToken = '';

function show(id, text) {
  const element = document.getElementById(id);
  element.textContent = text;
  element.hidden = false;
}

async function send(path, body) {
  const headers = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const fields = (data.errors ?? []).map((e) => e.path + ': ' + e.message).join('; ');
    throw new Error([data.detail ?? data.title ?? 'HTTP ' + response.status, fields].filter(Boolean).join(' — '));
  }
  return data;
}

function values(form) {
  return Object.fromEntries(new FormData(form).entries());
}

function onSubmit(id, handler) {
  const form = document.getElementById(id);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    document.getElementById('error').hidden = true;
    form.querySelector('button').disabled = true;
    try {
      await handler(values(form));
    } catch (error) {
      show('error', error.message);
    } finally {
      form.querySelector('button').disabled = false;
    }
  });
}

function signedIn(result) {
  csrfToken = result.csrfToken;
  document.getElementById('start').hidden = true;
  show('welcome', 'Welcome, ' + result.person.displayName + ': you are signed in to ' + result.workspace.name + '.');
  document.getElementById('next').hidden = false;
}

onSubmit('start', async (fields) => {
  const path = page === 'setup' ? '/api/v1/setup' : '/api/v1/invitations/accept';
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  signedIn(await send(path, { ...fields, token, ...(timeZone ? { timeZone } : {}) }));
});

onSubmit('token-form', async () => {
  const created = await send('/api/v1/tokens', { name: 'meanwhile CLI', scope: 'read-write' });
  show('token', created.token);
});

onSubmit('invite-form', async (fields) => {
  const created = await send('/api/v1/invitations', { role: fields.role, ...(fields.email ? { email: fields.email } : {}) });
  show('invite-link', location.origin + created.linkPath);
});
`;

/** The style sheet of the first-run pages. */
export const firstRunStyle = String.raw`:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { max-width: 34rem; margin: 2rem auto; padding: 0 1rem; }
label { display: block; margin-top: 0.75rem; font-weight: 600; }
input, select { display: block; width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit; }
button { margin-top: 1rem; padding: 0.5rem 1rem; font: inherit; }
:focus-visible { outline: 3px solid #2563eb; outline-offset: 2px; }
.error { color: #b91c1c; }
code, output { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
[hidden] { display: none; }
`;
