// The login page: sends the key once to /auth/login, which keeps it in an HttpOnly, SameSite=Strict cookie;
// this script never stores it anywhere itself.
const form = document.getElementById('login-form');
const error = document.getElementById('login-error');

form.addEventListener('submit', async event => {
  event.preventDefault();
  error.hidden = true;
  const apiKey = document.getElementById('api-key').value.trim();
  const response = await fetch('/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiKey }),
  });
  if (response.ok) {
    const next = new URLSearchParams(location.search).get('next');
    // only a path on this server: never an absolute URL someone put into the link
    location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : '/ui/graph');
    return;
  }
  const body = await response.json().catch(() => null);
  error.textContent = body?.error?.message ?? `sign-in failed (${response.status})`;
  error.hidden = false;
});
