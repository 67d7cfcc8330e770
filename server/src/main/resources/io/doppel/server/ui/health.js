// Whether the server answers. Any failed request or dropped stream reports "down"; a banner then polls /health,
// with a growing delay and a "Retry now" button, and tells the pages when the server is back.

const listeners = new Set();
let down = false;
let timer = null;
let delay = 1000;

export function onServerBack(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function isDown() {
  return down;
}

export function reportDown() {
  if (down) return;
  down = true;
  delay = 1000;
  render('The server does not answer (stopped or restarting).');
  schedule();
}

export function reportUp() {
  if (!down) return;
  down = false;
  clearTimeout(timer);
  render(null);
  for (const fn of [...listeners]) fn();
}

function schedule() {
  clearTimeout(timer);
  let left = Math.round(delay / 1000);
  const tick = () => {
    if (!down) return;
    if (left <= 0) return void probe();
    render(`The server does not answer (stopped or restarting). Retrying in ${left} s.`);
    left -= 1;
    timer = setTimeout(tick, 1000);
  };
  tick();
}

async function probe() {
  render('The server does not answer (stopped or restarting). Retrying now…');
  try {
    const response = await fetch('/health', { cache: 'no-store' });
    if (response.ok) return reportUp();
  } catch { /* still down */ }
  delay = Math.min(delay * 2, 15000);
  schedule();
}

function render(message) {
  const banner = document.getElementById('banner');
  const status = document.getElementById('server-status');
  if (!banner) return;
  if (message === null) {
    banner.hidden = true;
    status.textContent = 'connected';
    status.classList.remove('down');
    return;
  }
  banner.hidden = false;
  banner.replaceChildren(message);
  const retry = document.createElement('button');
  retry.textContent = 'Retry now';
  retry.addEventListener('click', () => { clearTimeout(timer); probe(); });
  banner.append(retry);
  status.textContent = 'server unreachable';
  status.classList.add('down');
}

/** Shows the version in the header once, and marks the server as up. */
export async function checkHealth() {
  try {
    const response = await fetch('/health', { cache: 'no-store' });
    const body = await response.json();
    document.getElementById('server-status').textContent = `connected · ${body.twinCount} twins · v${body.version}`;
    reportUp();
    return body;
  } catch {
    reportDown();
    return null;
  }
}
