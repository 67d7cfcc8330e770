// Twin inspector: live properties (the change stream filtered by this twin), components, relationships both ways,
// the model's documentation, connection state and history charts of every numeric property and telemetry.
import { getTwin, get, getAllPages, enc, ApiError, quote, query, engineVersion } from '../api.js';
import { h, clear, twinHref } from '../dom.js';
import { errorBox } from '../errors.js';
import { subscribe, versionOf, etagAfter } from '../live.js';
import { applyPatch } from '../patch.js';
import { contentsWithInherited, modelWithDefinition, kind, isNumeric } from '../models-data.js';
import { historyChart } from '../history-chart.js';
import '../anomaly-marks.js'; // marks anomalies on the history charts
import '../forecast-band.js'; // draws the forecast after the last value
import '../warning-marks.js'; // marks expected threshold crossings
import * as sections from '../twin-sections.js';

export async function render(el, { params }) {
  const id = params.id;
  let twin;
  let version;
  try {
    version = await engineVersion(); // before the read: changes after it are replayed on top of what we read
    twin = await getTwin(id);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'TWIN_NOT_FOUND') return notFound(el, id);
    clear(el, h('h1', {}, id), errorBox(e, 'The twin could not be read.'));
    return;
  }
  const liveState = h('span.pill', { id: 'live-state' }, 'connecting…');
  const connectionEl = h('span');
  const propsEl = h('div');
  const componentsEl = h('div');
  const relsEl = h('div', {}, h('p.muted', {}, 'Loading…'));
  const latestEl = h('div');
  const alertsEl = h('div');
  const warningsEl = h('div');
  const docsEl = h('div', {}, h('p.muted', {}, 'Loading…'));
  const chartPicker = h('select', { id: 'chart-series', 'aria-label': 'series to chart' }, h('option', { value: '' }, 'Choose a series…'));
  const chartEl = h('div');
  const deletedEl = h('div');
  clear(el,
    h('h1', {}, twin.$dtId, ' ', liveState, ' ', connectionEl),
    h('div.muted', {}, h('code', { id: 'twin-model' }, twin.$metadata.$model), ' · ',
      h('a', { href: `/ui/graph?select=${enc(id)}` }, 'show in graph')),
    deletedEl,
    h('div.grid2', {},
      h('div', {}, h('h2', {}, 'Alerts'), alertsEl, h('h2', {}, 'Warnings'), warningsEl, h('h2', {}, 'Properties'), propsEl, componentsEl, h('h2', {}, 'Latest history'), latestEl),
      h('div', {}, h('h2', {}, 'History'), h('div', {}, chartPicker), chartEl,
        h('h2', {}, 'Relationships'), relsEl, h('h2', {}, 'Model'), docsEl)));

  let chart = null;
  const drawProps = (changed = new Set()) => {
    clear(propsEl, sections.propertiesTable(twin, changed));
    clear(componentsEl, sections.componentsSection(twin, changed));
  };
  drawProps();
  // Live changes are applied to the twin as they come but drawn once a frame, with every path changed since the
  // last one: at a thousand changes a second the page draws what the screen can show and never falls behind.
  let changedSinceFrame = null;
  let frame = 0;
  const drawSoon = changed => {
    if (changedSinceFrame) {
      for (const path of changed) changedSinceFrame.add(path);
      return;
    }
    changedSinceFrame = new Set(changed);
    frame = requestAnimationFrame(() => {
      const all = changedSinceFrame;
      changedSinceFrame = null;
      drawProps(all);
    });
  };

  const loadRelationships = async () => {
    try {
      const [outgoing, incoming] = await Promise.all([
        getAllPages(`/digitaltwins/${enc(id)}/relationships`), getAllPages(`/digitaltwins/${enc(id)}/incomingrelationships`)]);
      clear(relsEl, sections.relationshipsList(outgoing, incoming));
    } catch (e) { clear(relsEl, errorBox(e, 'Relationships could not be read.')); }
  };
  const loadLatest = async () => {
    try {
      clear(latestEl, sections.latestTable((await get(`/digitaltwins/${enc(id)}/history/latest`)).value));
    } catch (e) { clear(latestEl, errorBox(e, 'The latest values could not be read.')); }
  };
  const loadAlerts = async () => {
    try { clear(alertsEl, sections.alertsList((await get(`/alerts?twin=${enc(id)}`)).value ?? [])); }
    catch (e) {
      clear(alertsEl, e instanceof ApiError && e.status === 404 && e.code === 'ROUTE_NOT_FOUND' ? sections.alertsList(null)
        : errorBox(e, 'The alerts could not be read.'));
    }
  };
  const loadWarnings = async () => {
    try { clear(warningsEl, sections.warningsList((await get(`/digitaltwins/${enc(id)}/warnings`)).value)); }
    catch (e) {
      clear(warningsEl, e instanceof ApiError && e.status === 404 && e.code === 'ROUTE_NOT_FOUND'
        ? sections.warningsList(null) : errorBox(e, 'The warnings could not be read.'));
    }
  };
  const loadConnection = async () => {
    try { clear(connectionEl, sections.connectionPill(await get(`/digitaltwins/${enc(id)}/connection`))); }
    catch { clear(connectionEl, sections.connectionPill(null)); }
  };
  const loadModel = async () => {
    try {
      const model = await modelWithDefinition(twin.$metadata.$model);
      const contents = await contentsWithInherited(model.id);
      clear(docsEl, sections.modelDocs(model, contents));
      chartPicker.append(...await chartableSeries(contents).then(names => names.map(n => h('option', { value: n }, n))));
    } catch (e) { clear(docsEl, errorBox(e, 'The model could not be read.')); }
  };
  const showChart = name => {
    chart?.destroy();
    chart = null;
    chartEl.replaceChildren();
    if (!name) return;
    chart = historyChart(id, name);
    chartEl.append(chart.el);
  };
  chartPicker.addEventListener('change', () => showChart(chartPicker.value));

  await Promise.all([loadRelationships(), loadLatest(), loadConnection(), loadModel(), loadAlerts(), loadWarnings()]);

  let refresh = null;
  const soon = () => { clearTimeout(refresh); refresh = setTimeout(() => { loadLatest(); chart?.reload(); }, 500); };
  const stream = subscribe({ twin: [id] }, event => {
    if (event.subject === id && Number(event.id) <= versionOf(twin)) return; // already in what was read
    if (event.type === 'io.doppel.twin.patched' && event.subject === id) {
      const changed = applyPatch(twin, event.data.patch);
      twin.$etag = etagAfter(event);
      for (const path of changed) setUpdated(twin, path, event.time);
      drawSoon(changed);
      soon();
    } else if ((event.type === 'io.doppel.twin.replaced' || event.type === 'io.doppel.twin.created') && event.subject === id) {
      twin = event.data;
      twin.$etag ??= etagAfter(event);
      deletedEl.replaceChildren();
      drawSoon(Object.keys(twin).map(k => '/' + k));
      soon();
    } else if (event.type === 'io.doppel.twin.deleted' && event.subject === id) {
      deletedEl.replaceChildren(h('div.error', { id: 'twin-deleted' }, h('span.code', {}, 'Deleted'),
        ` This twin was deleted at ${event.time}; its history stays readable below.`));
    } else if (event.type.startsWith('io.doppel.relationship.')) {
      loadRelationships();
    }
  }, async (state, detail) => {
    liveState.textContent = state === 'live' ? 'live' : state === 'resync' ? 'resynchronising…' : `${state}: ${detail ?? ''}`;
    liveState.className = state === 'live' ? 'pill ok' : 'pill bad';
    if (state === 'resync') {
      twin = await getTwin(id);
      drawProps();
    }
  }, { from: version });
  // Presence and telemetry are not on the change stream: read them again now and then.
  const poll = setInterval(() => { loadConnection(); loadLatest(); chart?.reload(); }, 10000);
  // Nor are alerts kept only in memory (a rule without an alert property): read them more often.
  const alertPoll = setInterval(() => { loadAlerts(); loadWarnings(); }, 3000);
  return () => {
    stream.close(); clearInterval(poll); clearInterval(alertPoll); clearTimeout(refresh); cancelAnimationFrame(frame);
    chart?.destroy();
  };
}

/** Numeric properties and telemetry, and those of components ('motor/speed'). */
async function chartableSeries(contents) {
  const names = [];
  for (const { content } of contents) {
    const k = kind(content);
    if ((k === 'Property' || k === 'Telemetry') && isNumeric(content.schema)) names.push(content.name);
    if (k === 'Component' && typeof content.schema === 'string') {
      for (const { content: inner } of await contentsWithInherited(content.schema)) {
        const ik = kind(inner);
        if ((ik === 'Property' || ik === 'Telemetry') && isNumeric(inner.schema)) names.push(`${content.name}/${inner.name}`);
      }
    }
  }
  return names.sort();
}

function setUpdated(twin, path, time) {
  const segments = path.split('/').slice(1);
  const owner = segments.length > 1 && twin[segments[0]]?.$metadata ? twin[segments[0]] : twin;
  const name = owner === twin ? segments[0] : segments[1];
  owner.$metadata ??= {};
  owner.$metadata[name] = { ...(owner.$metadata[name] ?? {}), lastUpdateTime: time };
}

async function notFound(el, id) {
  const suggestions = h('ul');
  clear(el, h('div.error', { id: 'twin-not-found' }, h('div', {}, h('span.code', {}, 'TWIN_NOT_FOUND'),
    ` There is no twin '${id}'.`), h('div.muted', {}, 'It may have been deleted, or the id is misspelled (ids are case-sensitive).')),
    h('p', {}, h('a', { href: '/ui/graph' }, 'Open the graph'), ' or search for another id above.'), suggestions);
  try {
    const page = await query(
      `SELECT TOP(10) T.$dtId FROM DIGITALTWINS T WHERE STARTSWITH(T.$dtId, ${quote(id.slice(0, 3))})`, null, 10);
    if (page.value.length) {
      suggestions.before(h('p', {}, 'Twins with a similar id:'));
      suggestions.append(...page.value.map(r => h('li', {}, h('a', { href: twinHref(r.$dtId) }, r.$dtId))));
    }
  } catch { /* suggestions are a bonus */ }
}
