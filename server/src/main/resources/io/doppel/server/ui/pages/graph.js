// Graph explorer: every twin and relationship; filter by model, colour by model or a property, highlight the
// result of a query, select a twin to see it and expand its neighbours, double-click to inspect it. Colours and the
// selected twin's values follow the change stream (graph-live.js).
// URL parameters: model, color, q (a query to highlight), select (a twin id).
import { queryAll } from '../api.js';
import { h, clear, twinHref, formatValue } from '../dom.js';
import { errorBox } from '../errors.js';
import { loadGraph, idsInRows } from '../graph-data.js';
import { createGraph, colourBy, colourableProperties } from '../graph-view.js';
import { shortModel } from '../colors.js';
import { navigate } from '../router.js';
import { followTwins } from '../graph-live.js';

export async function render(el, { query: params }) {
  const status = h('span.muted', {}, 'Loading the graph…');
  const graphEl = h('div.graph', { id: 'graph' });
  const side = h('aside.side', {}, h('p.muted', {}, 'Click a twin to see it here; double-click to open it.'));
  const legend = h('div.legend');
  const modelSelect = h('select', { id: 'graph-model', 'aria-label': 'filter by model' }, h('option', { value: '' }, 'All models'));
  const colourSelect = h('select', { id: 'graph-color', 'aria-label': 'colour by' }, h('option', { value: '' }, 'Colour by model'));
  const queryInput = h('input', { type: 'text', id: 'graph-query', size: 60, placeholder: 'Highlight a query: SELECT … FROM DIGITALTWINS …',
    value: params.get('q') ?? '' });
  const queryForm = h('form', { style: 'display:contents' }, queryInput, h('button', { type: 'submit' }, 'Highlight'),
    h('button', { type: 'button', on: { click: () => { queryInput.value = ''; clearHighlight(); } } }, 'Clear'));
  const queryError = h('div');
  clear(el, h('div.graph-wrap', {},
    h('div.toolbar', {}, modelSelect, colourSelect, queryForm, status), queryError, legend, graphEl), side);

  let data;
  try {
    data = await loadGraph(progress => { status.textContent = `Loading… ${progress}`; });
    performance.mark('doppel:graph-data');
  } catch (e) {
    clear(graphEl, errorBox(e, 'The graph could not be loaded.'));
    status.textContent = '';
    return;
  }
  if (!graphEl.isConnected) return; // the user left while the graph was loading
  const cy = createGraph(graphEl, data);
  const twins = new Map(data.twins.map(t => [t.$dtId, t]));
  status.textContent = `${data.twins.length} twins, ${data.relationships.length} relationships`
    + (data.truncated ? ` (the first ${data.twins.length} twins only: filter with a query to see others)` : '');
  const models = [...new Set(data.twins.map(t => t.$metadata?.$model))].sort();
  modelSelect.append(...models.map(m => h('option', { value: m }, shortModel(m))));
  colourSelect.append(...colourableProperties(data.twins).map(p => h('option', { value: p }, `Colour by ${p}`)));

  const paint = () => {
    const entries = colourBy(cy, colourSelect.value, twins);
    clear(legend, entries.map(([label, colour]) => h('span', {}, h('i', { style: `background:${colour}` }), label)));
  };
  const filter = () => {
    const model = modelSelect.value;
    cy.batch(() => {
      cy.elements('.hidden').removeClass('hidden');
      if (model) {
        const hidden = cy.nodes().filter(n => n.data('model') !== model);
        hidden.addClass('hidden');
        hidden.connectedEdges().addClass('hidden');
      }
    });
    if (model) cy.fit(cy.nodes(':visible'), 30);
  };
  function clearHighlight() {
    cy.elements().removeClass('hl dim');
    queryError.replaceChildren();
    delete graphEl.dataset.highlighted;
  }
  async function highlight(text) {
    clearHighlight();
    if (!text.trim()) return;
    try {
      const rows = await queryAll(text, { limit: 20_000 });
      const ids = idsInRows(rows);
      cy.batch(() => {
        cy.elements().addClass('dim');
        const hit = cy.nodes().filter(n => ids.twins.has(n.id()))
          .union(cy.edges().filter(e => ids.relationships.has(e.id())));
        hit.union(hit.connectedNodes()).removeClass('dim').addClass('hl');
      });
      graphEl.dataset.highlighted = String(cy.nodes('.hl').length);
      status.textContent = `${rows.length} rows, ${cy.nodes('.hl').length} twins highlighted`;
    } catch (e) {
      queryError.replaceChildren(errorBox(e, 'Open the Query page to see the plan or page through rows.'));
    }
  }
  let selectedProps = null; // the side panel's properties table and its twin's id, redrawn when the twin changes
  const propsTable = twin => h('table', { id: 'side-properties' }, h('tbody', {}, Object.entries(twin)
    .filter(([k]) => !k.startsWith('$'))
    .map(([k, v]) => h('tr', { dataset: { prop: k } }, h('td', {}, k), h('td.num.value', {}, formatValue(v))))));
  function select(node) {
    performance.mark('doppel:select-start');
    cy.nodes(':selected').unselect(); // not every node: on thousands, each unselect costs a style pass
    node.select();
    const twin = twins.get(node.id());
    selectedProps = { id: twin.$dtId, table: propsTable(twin) };
    clear(side,
      h('h2', {}, twin.$dtId), h('div.muted', {}, twin.$metadata?.$model),
      h('p', {}, h('a', { href: twinHref(twin.$dtId), id: 'inspect-link' }, 'Inspect this twin →')),
      h('p', {}, h('button', { on: { click: () => expand(node) }, title: 'show its neighbours when a model filter hides them' },
        'Expand neighbours')),
      selectedProps.table,
      h('h2', {}, 'Relationships'),
      h('ul', {}, node.connectedEdges().map(e => {
        const out = e.source().id() === node.id();
        const other = out ? e.target().id() : e.source().id();
        return h('li', {}, out ? '→ ' : '← ', e.data('name'), ' ', h('a', { href: twinHref(other) }, other));
      })));
    performance.measure('doppel:twin-selected', 'doppel:select-start'); // read by the browser tests
  }
  function expand(node) {
    cy.batch(() => {
      const around = node.closedNeighborhood();
      around.removeClass('hidden');
      around.nodes().connectedEdges().filter(e => !e.source().hasClass('hidden') && !e.target().hasClass('hidden'))
        .removeClass('hidden');
    });
  }

  cy.on('tap', 'node', e => select(e.target));
  cy.on('dbltap', 'node', e => navigate(twinHref(e.target.id())));
  const onSearch = e => {
    const node = cy.getElementById(e.detail);
    if (!node.length) return; // not in the graph (yet): the twin page explains
    e.preventDefault();
    node.removeClass('hidden');
    select(node);
    cy.fit(node.closedNeighborhood(), 60);
  };
  addEventListener('doppel:search', onSearch);
  modelSelect.addEventListener('change', filter);
  colourSelect.addEventListener('change', paint);
  queryForm.addEventListener('submit', e => { e.preventDefault(); highlight(queryInput.value); });

  if (params.get('model')) modelSelect.value = params.get('model');
  if (params.get('color')) colourSelect.value = params.get('color');
  paint();
  filter();
  if (params.get('q')) await highlight(params.get('q'));
  const selected = params.get('select') && cy.getElementById(params.get('select'));
  if (selected?.length) {
    select(selected);
    cy.fit(selected.closedNeighborhood(), 60); // the twin among its neighbours
  }
  // Live values: the colours (when by a property) and the selected twin's properties follow the change stream.
  const live = followTwins(twins, changed => {
    if (colourSelect.value) paint();
    if (selectedProps && changed.has(selectedProps.id)) {
      const table = propsTable(twins.get(selectedProps.id));
      selectedProps.table.replaceWith(table);
      selectedProps.table = table;
    }
  }, state => { graphEl.dataset.live = state; });
  return () => { removeEventListener('doppel:search', onSearch); live.close(); cy.destroy(); };
}
