// Graph explorer: every twin and relationship; filter by model, colour by model or a property, highlight the
// result of a query, select a twin to see it and expand its neighbours, double-click to inspect it.
// URL parameters: model, color, q (a query to highlight), select (a twin id).
import { queryAll } from '../api.js';
import { h, clear, twinHref, formatValue } from '../dom.js';
import { errorBox } from '../errors.js';
import { loadGraph, idsInRows } from '../graph-data.js';
import { createGraph, colourBy, colourableProperties } from '../graph-view.js';
import { shortModel } from '../colors.js';
import { navigate } from '../router.js';

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
  function select(node) {
    cy.nodes().unselect();
    node.select();
    const twin = twins.get(node.id());
    const props = Object.entries(twin).filter(([k]) => !k.startsWith('$'));
    clear(side,
      h('h2', {}, twin.$dtId), h('div.muted', {}, twin.$metadata?.$model),
      h('p', {}, h('a', { href: twinHref(twin.$dtId), id: 'inspect-link' }, 'Inspect this twin →')),
      h('p', {}, h('button', { on: { click: () => expand(node) }, title: 'show its neighbours when a model filter hides them' },
        'Expand neighbours')),
      h('table', {}, h('tbody', {}, props.map(([k, v]) => h('tr', {}, h('td', {}, k), h('td.num', {}, formatValue(v)))))),
      h('h2', {}, 'Relationships'),
      h('ul', {}, node.connectedEdges().map(e => {
        const out = e.source().id() === node.id();
        const other = out ? e.target().id() : e.source().id();
        return h('li', {}, out ? '→ ' : '← ', e.data('name'), ' ', h('a', { href: twinHref(other) }, other));
      })));
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
  return () => { removeEventListener('doppel:search', onSearch); cy.destroy(); };
}
