// Query console: run a query, page through its rows with the continuation token, see its plan (EXPLAIN), open its
// result in the graph. Errors show where in the text they are. Ctrl+Enter runs.
import { query, explain } from '../api.js';
import { h, clear, formatValue, twinHref } from '../dom.js';
import { queryErrorBox } from '../query-error.js';
import { navigate } from '../router.js';

const EXAMPLE = "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:io:doppel:examples:platform:Service;1')";
const PAGE = 50;

export async function render(el, { query: params }) {
  const textarea = h('textarea.query', { id: 'query-text', spellcheck: false });
  textarea.value = params.get('q') ?? sessionStorage.getItem('doppel.query') ?? EXAMPLE;
  const out = h('div', { id: 'query-result' });
  const status = h('span.muted', { id: 'query-status' });
  const run = h('button.primary', { id: 'query-run', on: { click: () => start() } }, 'Run');
  const plan = h('button', { id: 'query-explain', on: { click: () => showPlan() } }, 'Explain');
  const graph = h('button', { id: 'query-graph', on: { click: () => navigate(`/ui/graph?q=${encodeURIComponent(textarea.value)}`) } },
    'Highlight in graph');
  clear(el, h('h1', {}, 'Query'), textarea, h('div.toolbar', {}, run, plan, graph, status), out);
  textarea.addEventListener('keydown', e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) start(); });

  let rows = [];
  let token = null;
  let text = '';

  async function start() {
    text = textarea.value;
    sessionStorage.setItem('doppel.query', text);
    rows = [];
    token = null;
    await more();
  }
  async function more() {
    status.textContent = 'Running…';
    try {
      const page = await query(text, token, PAGE);
      rows.push(...page.value);
      token = page.continuationToken;
      status.textContent = `${rows.length} rows${token ? ', more available' : ''}`;
      clear(out, resultTable(rows), token ? h('button', { id: 'query-more', on: { click: more } }, `Next ${PAGE} rows`) : null);
    } catch (e) {
      status.textContent = '';
      clear(out, queryErrorBox(e, text, textarea));
    }
  }
  async function showPlan() {
    text = textarea.value;
    try {
      const body = await explain(text.replace(/^\s*EXPLAIN\s+/i, ''));
      clear(out, h('h2', {}, 'Plan'), h('pre', { id: 'query-plan' }, JSON.stringify(body, null, 2)));
    } catch (e) {
      clear(out, queryErrorBox(e, text, textarea));
    }
  }
  if (params.get('q')) await start();
}

/** Columns are the union of the rows' keys; a twin id links to its inspector, objects show as JSON. */
function resultTable(rows) {
  if (!rows.length) return h('p.muted', {}, 'No rows.');
  const columns = [...new Set(rows.flatMap(r => Object.keys(r)))].filter(c => c !== '$metadata' && c !== '$etag');
  return h('table', { id: 'query-table' }, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
    h('tbody', {}, rows.map(r => h('tr', {}, columns.map(c => h('td', {}, cell(r[c], c)))))));
}

function cell(value, column) {
  if (column === '$dtId' && typeof value === 'string') return h('a', { href: twinHref(value) }, value);
  if (value && typeof value === 'object' && typeof value.$dtId === 'string') {
    return h('a', { href: twinHref(value.$dtId), title: JSON.stringify(value) }, value.$dtId);
  }
  return formatValue(value);
}
