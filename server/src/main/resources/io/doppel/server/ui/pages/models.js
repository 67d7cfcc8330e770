// Models browser: the inheritance tree (a model with several parents shows under each), and the chosen model's
// documentation, its contents with the inherited ones, and how many twins use it.
import { query, quote } from '../api.js';
import { h, clear } from '../dom.js';
import { errorBox } from '../errors.js';
import { allModels, parentsOf, contentsWithInherited, text } from '../models-data.js';
import { contentsTable } from '../twin-sections.js';
import { shortModel } from '../colors.js';

export async function render(el, { query: params }) {
  const treeEl = h('div.tree', { id: 'model-tree' });
  const detail = h('div', { id: 'model-detail' }, h('p.muted', {}, 'Choose a model.'));
  clear(el, h('h1', {}, 'Models'), h('div.split', {}, treeEl, detail));
  let models;
  try {
    models = await allModels();
  } catch (e) {
    clear(treeEl, errorBox(e, 'The models could not be listed.'));
    return;
  }
  const byId = new Map(models.map(m => [m.id, m]));
  const children = new Map();
  for (const m of models) for (const p of parentsOf(m.model)) {
    if (!children.has(p)) children.set(p, []);
    children.get(p).push(m.id);
  }
  const roots = models.filter(m => !parentsOf(m.model).some(p => byId.has(p))).map(m => m.id);
  const item = id => h('li', {}, h('a', { href: `/ui/models?id=${encodeURIComponent(id)}`, dataset: { model: id },
      class: id === params.get('id') ? 'selected' : '' },
    text(byId.get(id)?.displayName) || shortModel(id)), byId.get(id)?.decommissioned ? h('span.pill', {}, ' decommissioned') : null,
  children.has(id) ? h('ul', {}, children.get(id).sort().map(item)) : null);
  clear(treeEl, h('p.muted', {}, `${models.length} models`), h('ul', {}, roots.sort().map(item)));

  const id = params.get('id');
  if (!id) return;
  const model = byId.get(id);
  if (!model) {
    clear(detail, h('div.error', {}, h('span.code', {}, 'MODEL_NOT_FOUND'), ` There is no model '${id}'.`));
    return;
  }
  const count = h('span.muted', {}, '');
  try {
    const contents = await contentsWithInherited(id);
    clear(detail, h('h2', {}, text(model.displayName) || shortModel(id)), h('div', {}, h('code', {}, id)),
      text(model.description) ? h('p', {}, text(model.description)) : null,
      h('p', {}, count, ' · ', h('a', { href: `/ui/graph?model=${encodeURIComponent(id)}` }, 'show its twins in the graph'),
        ' · extends ', parentsOf(model.model).map(p => h('a', { href: `/ui/models?id=${encodeURIComponent(p)}` }, shortModel(p), ' ')),
        parentsOf(model.model).length ? '' : 'nothing'),
      contentsTable(contents, id));
    const [row] = (await query(`SELECT COUNT() FROM DIGITALTWINS WHERE IS_OF_MODEL(${quote(id)})`)).value;
    count.textContent = `${row.COUNT} twins of this model or one extending it`;
  } catch (e) {
    clear(detail, errorBox(e, 'The model could not be shown.'));
  }
}
