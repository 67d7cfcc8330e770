// A list page for an operations API (alerts, rules, connectors, dead letters, event routes). Servers without that
// API answer 404 ROUTE_NOT_FOUND: the page then says the feature is not available instead of failing. A page with
// refreshEvery reads its API again that often (alerts come and go without a change-stream event to tell).
import { get, ApiError } from '../api.js';
import { h, clear, table, formatValue, twinHref } from '../dom.js';
import { errorBox } from '../errors.js';

export async function render(el, { page }) {
  clear(el, h('h1', {}, page.title), h('p.muted', {}, page.about), h('p.muted', {}, 'Loading…'));
  if (!await draw(el, page) || !page.refreshEvery) return;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try { await draw(el, page); } finally { busy = false; }
  }, page.refreshEvery);
  return () => clearInterval(timer);
}

/** Draws the list; false when the feature is missing (nothing to refresh). */
async function draw(el, page) {
  let body;
  try {
    body = await get(page.api);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
      clear(el, h('h1', {}, page.title), h('p.muted', {}, page.about),
        h('div.card', { dataset: { unavailable: 'true' } },
          h('strong', {}, 'Not available on this server. '),
          `This server has no ${page.api} API (it answered ${e.status} ${e.code}); `,
          'the page fills in once a server with that feature runs.'));
      return false;
    }
    clear(el, h('h1', {}, page.title), errorBox(e, `Could not read ${page.api}.`));
    return true;
  }
  const rows = Array.isArray(body) ? body : body?.value ?? [];
  const columns = [...new Set(rows.flatMap(r => Object.keys(r)))].slice(0, 12);
  clear(el, h('h1', {}, page.title), h('p.muted', {}, page.about),
    h('p', {}, `${rows.length} from `, h('code', {}, page.api)),
    rows.length ? table(columns, rows, cell) : h('p.muted', {}, 'None.'));
  return true;
}

/** A twin id links to its inspector; anything else as text. */
function cell(row, column) {
  const v = row[column];
  return (column === 'twin' || column === 'twinId') && typeof v === 'string' ? h('a', { href: twinHref(v) }, v)
    : formatValue(v);
}
