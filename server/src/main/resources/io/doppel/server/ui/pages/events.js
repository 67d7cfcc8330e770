// Live events: the change stream as it comes. Events go into a bounded ring (the newest 1,000) and the table is
// redrawn at most every 150 ms with the newest 200, so a thousand events a second neither grows memory nor
// blocks the page.
import { h, clear, twinHref } from '../dom.js';
import { subscribe } from '../live.js';
import { Ring } from '../ring.js';

const KEEP = 1000;
const SHOW = 200;
const FRAME_MS = 150;

export async function render(el, { query: params }) {
  const field = (name, placeholder) => h('input', { type: 'text', name, placeholder, value: params.get(name) ?? '', size: 24 });
  const twin = field('twin', 'twin id'), model = field('model', 'model DTMI'), type = field('type', 'type, e.g. io.doppel.twin.*');
  const pause = h('button', { type: 'button', id: 'events-pause' }, 'Pause');
  const state = h('span.pill', { id: 'events-state' }, 'connecting…');
  const counter = h('span.muted', { id: 'events-count' }, '0 events');
  const body = h('tbody');
  const form = h('form.toolbar', {}, twin, model, type, h('button', { type: 'submit' }, 'Apply'), pause, state, counter);
  clear(el, h('h1', {}, 'Live events'), form,
    h('table.events', { id: 'events-table' }, h('thead', {}, h('tr', {}, ['id', 'time', 'type', 'subject', 'data'].map(c => h('th', {}, c)))), body));

  const ring = new Ring(KEEP);
  let total = 0, paused = false, dirty = false, stream = null;
  let windowStart = performance.now(), windowCount = 0, rate = 0;

  const draw = () => {
    const now = performance.now();
    if (now - windowStart >= 1000) {
      rate = Math.round(windowCount * 1000 / (now - windowStart));
      windowStart = now;
      windowCount = 0;
    }
    counter.textContent = `${total} events · ${rate}/s · showing the newest ${Math.min(ring.size, SHOW)}`;
    el.dataset.total = String(total);
    if (!dirty || paused) return;
    dirty = false;
    const rows = document.createDocumentFragment();
    for (const e of ring.newest(SHOW)) {
      rows.append(h('tr', {}, h('td.num', {}, e.id), h('td', {}, e.time), h('td', {}, e.type.replace('io.doppel.', '')),
        h('td', {}, e.source.startsWith('/digitaltwins/') && !e.subject.includes('/') ? h('a', { href: twinHref(e.subject) }, e.subject) : e.subject ?? ''),
        h('td.mono', {}, summary(e))));
    }
    body.replaceChildren(rows);
  };
  const timer = setInterval(draw, FRAME_MS);

  const connect = () => {
    stream?.close();
    const filter = {};
    for (const input of [twin, model, type]) if (input.value.trim()) filter[input.name] = input.value.trim().split(/\s*,\s*/);
    stream = subscribe(filter, e => { ring.push(e); total++; windowCount++; dirty = true; },
      (s, detail) => {
        state.textContent = s === 'live' ? 'live' : `${s}${detail ? ': ' + detail : ''}`;
        state.className = s === 'live' ? 'pill ok' : 'pill bad';
      });
  };
  form.addEventListener('submit', e => { e.preventDefault(); ring.clear(); total = 0; dirty = true; connect(); });
  pause.addEventListener('click', () => { paused = !paused; pause.textContent = paused ? 'Resume' : 'Pause'; dirty = true; });
  connect();
  return () => { clearInterval(timer); stream?.close(); };
}

/** A patch as its changes ('/replicas = 7'), anything else as the start of its JSON. */
function summary(e) {
  const patch = e.data?.patch;
  if (Array.isArray(patch)) {
    return patch.map(op => op.op === 'remove' ? `${op.path} removed` : `${op.path} = ${JSON.stringify(op.value ?? op.from)}`)
      .join(', ').slice(0, 300);
  }
  return JSON.stringify(e.data).slice(0, 300);
}
