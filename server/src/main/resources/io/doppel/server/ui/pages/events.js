// Live events: the change stream as it comes (or replayed from ?cursor=<event id>). Events go into a bounded ring (the newest 1,000) and the table is
// redrawn at most every 150 ms with the newest 200, so a thousand events a second neither grows memory nor
// blocks the page.
import { h, clear, twinHref } from '../dom.js';
import { subscribe } from '../live.js';
import { engineVersion } from '../api.js';
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
    const newest = ring.newest(SHOW);
    // The rows are made once and only their text changes: no DOM churn at a thousand events a second.
    while (body.children.length < newest.length) body.append(emptyRow());
    newest.forEach((e, i) => fillRow(body.children[i], e));
    for (let i = newest.length; i < body.children.length; i++) body.children[i].hidden = true;
  };
  const timer = setInterval(draw, FRAME_MS);

  const connect = async () => {
    stream?.close();
    let from = params.get('cursor'); // replay everything after that event, then follow
    params.delete('cursor'); // once: "Apply" follows from now
    if (from === null) {
      try { from = await engineVersion(); } catch { /* the banner says so; subscribe from whenever it connects */ }
    }
    const filter = {};
    for (const input of [twin, model, type]) if (input.value.trim()) filter[input.name] = input.value.trim().split(/\s*,\s*/);
    performance.mark('doppel:events-subscribed');
    stream = subscribe(filter, e => { ring.push(e); total++; windowCount++; dirty = true; },
      (s, detail) => {
        state.textContent = s === 'live' ? 'live' : `${s}${detail ? ': ' + detail : ''}`;
        state.className = s === 'live' ? 'pill ok' : 'pill bad';
      }, { from });
  };
  form.addEventListener('submit', e => { e.preventDefault(); ring.clear(); total = 0; dirty = true; connect(); });
  pause.addEventListener('click', () => { paused = !paused; pause.textContent = paused ? 'Resume' : 'Pause'; dirty = true; });
  await connect();
  return () => { clearInterval(timer); stream?.close(); };
}

function emptyRow() {
  return h('tr', {}, h('td.num'), h('td'), h('td'), h('td', {}, h('a')), h('td.mono'));
}

function fillRow(row, e) {
  row.hidden = false;
  const [id, time, type, subject, data] = row.children;
  if (id.textContent === e.id) return; // the same event as last time in this row
  id.textContent = e.id;
  time.textContent = e.time;
  type.textContent = e.type.replace('io.doppel.', '');
  const a = subject.firstChild;
  a.textContent = e.subject ?? '';
  const isTwin = e.source.startsWith('/digitaltwins/') && !(e.subject ?? '').includes('/');
  if (isTwin) a.setAttribute('href', twinHref(e.subject));
  else a.removeAttribute('href');
  data.textContent = summary(e);
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
