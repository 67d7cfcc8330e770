// The inspector's sections, each drawn from data the page already holds.
import { h, clear, formatValue, twinHref } from './dom.js';
import { kind, schemaLabel, semanticType, text } from './models-data.js';
import { shortModel } from './colors.js';
import { warningText } from './warning-text.js';

/** Properties (and components' properties) with their last update; rows whose path changed flash. */
export function propertiesTable(twin, changed = new Set(), prefix = '') {
  const isChanged = name => [...changed].some(p => p === `${prefix}/${name}` || p.startsWith(`${prefix}/${name}/`));
  const rows = [];
  const meta = twin.$metadata ?? {};
  for (const [name, value] of Object.entries(twin)) {
    if (name.startsWith('$')) continue;
    if (value && typeof value === 'object' && value.$metadata) continue; // a component: its own table
    rows.push(h('tr', { class: isChanged(name) ? 'flash' : '', dataset: { prop: name } },
      h('td', {}, name), h('td.num.value', {}, formatValue(value)),
      h('td.muted', {}, shortTime(meta[name]?.lastUpdateTime))));
  }
  return h('table', { class: 'properties', dataset: { of: prefix || '/' } }, h('thead', {}, h('tr', {}, h('th', {}, 'property'), h('th', {}, 'value'),
    h('th', {}, 'updated'))), h('tbody', {}, rows.length ? rows : h('tr', {}, h('td.muted', { colSpan: 3 }, 'No properties set.'))));
}

export function componentsSection(twin, changed) {
  const components = Object.entries(twin).filter(([k, v]) => !k.startsWith('$') && v && typeof v === 'object' && v.$metadata);
  if (!components.length) return null;
  return h('div', {}, components.map(([name, value]) => h('div', {}, h('h2', {}, 'Component ', h('code', {}, name)),
    propertiesTable(value, changed, `/${name}`))));
}

export function latestTable(latest) {
  if (!latest.length) return h('p.muted', {}, 'No history recorded yet.');
  return h('table', { id: 'latest' }, h('thead', {}, h('tr', {}, h('th', {}, 'series'), h('th', {}, 'latest'), h('th', {}, 'at'))),
    h('tbody', {}, latest.map(p => h('tr', { dataset: { series: p.name } }, h('td', {}, p.name),
      h('td.num', {}, formatValue(p.v)), h('td.muted', {}, shortTime(p.t))))));
}

export function relationshipsList(outgoing, incoming) {
  const item = (arrow, name, other, relId) => h('li', {}, arrow, ' ', h('code', {}, name), ' ',
    h('a', { href: twinHref(other) }, other), ' ', h('span.muted', {}, relId));
  return h('div', { id: 'relationships' },
    h('h2', {}, `Outgoing (${outgoing.length})`),
    outgoing.length ? h('ul', {}, outgoing.map(r => item('→', r.$relationshipName, r.$targetId, r.$relationshipId)))
      : h('p.muted', {}, 'None.'),
    h('h2', {}, `Incoming (${incoming.length})`),
    incoming.length ? h('ul', {}, incoming.map(r => item('←', r.$relationshipName, r.$sourceId, r.$relationshipId)))
      : h('p.muted', {}, 'None.'));
}

export function connectionPill(connection) {
  if (!connection) return h('span.pill', {}, 'connection unknown');
  if (connection.online) {
    return h('span.pill.ok', { id: 'connection', title: `via ${connection.source?.channel} ${connection.source?.source}` },
      `online · last heard ${shortTime(connection.lastHeard)}`);
  }
  return h('span.pill', { id: 'connection' }, connection.lastHeard ? `offline since ${shortTime(connection.since)}`
    : 'no device connected');
}

/** The model's documentation: name, description and every content, inherited ones marked with their model. */
export function modelDocs(model, contents) {
  return h('div', { id: 'model-docs' },
    h('div', {}, h('strong', {}, text(model.displayName) || shortModel(model.id)), ' ',
      h('a', { href: `/ui/models?id=${encodeURIComponent(model.id)}` }, h('code', {}, model.id))),
    text(model.description) ? h('p', {}, text(model.description)) : null,
    contentsTable(contents, model.id));
}

export function contentsTable(contents, ownId) {
  return h('table', {}, h('thead', {}, h('tr', {}, ['name', 'kind', 'schema', 'description', 'from'].map(c => h('th', {}, c)))),
    h('tbody', {}, contents.map(({ content: c, from }) => h('tr', {},
      h('td', {}, h('code', {}, c.name)),
      h('td', {}, kind(c), semanticType(c) ? ` (${semanticType(c)})` : '', c.writable ? ' · writable' : ''),
      h('td', {}, kind(c) === 'Relationship' ? (c.target ? `→ ${shortModel(c.target)}` : 'any') : schemaLabel(c.schema),
        c.unit ? ` [${c.unit}]` : ''),
      h('td', {}, text(c.description) || text(c.displayName)),
      h('td.muted', {}, from === ownId ? '' : shortModel(from))))));
}

function shortTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** The time-to-threshold warnings in force on this twin (GET /digitaltwins/{id}/warnings); null: no such API. */
export function warningsList(warnings) {
  if (warnings === null) return h('p.muted', { id: 'twin-warnings' }, 'This server has no warnings API.');
  if (!warnings.length) return h('p.muted', { id: 'twin-warnings', dataset: { count: '0' } }, 'No warnings.');
  return h('ul', { id: 'twin-warnings', dataset: { count: String(warnings.length) } },
    warnings.map(w => h('li', { dataset: { name: w.name, series: w.series, state: w.state },
      title: `${w.name}: computed ${w.computedAt} with ${w.model}; last value ${w.lastValue} at ${w.lastValueAt}` },
    h('span', { class: w.state === 'crossed' ? 'pill bad' : 'pill warn' }, w.state), ' ', warningText(w))));
}

/** The rules' alerts on this twin (GET /alerts?twin=), pending or active; null when the server has no alerts API. */
export function alertsList(alerts) {
  if (alerts === null) return h('p.muted', { id: 'twin-alerts' }, 'This server has no alerts API.');
  if (!alerts.length) return h('p.muted', { id: 'twin-alerts', dataset: { count: '0' } }, 'No alerts.');
  return h('table', { id: 'twin-alerts', dataset: { count: String(alerts.length) } },
    h('thead', {}, h('tr', {}, h('th', {}, 'rule'), h('th', {}, 'state'), h('th', {}, 'severity'), h('th', {}, 'since'))),
    h('tbody', {}, alerts.map(a => h('tr', { dataset: { rule: a.rule, state: a.state } },
      h('td', {}, h('a', { href: '/ui/rules' }, a.rule)),
      h('td', {}, h('span', { class: a.state === 'active' ? 'pill bad' : 'pill' }, a.state)),
      h('td', {}, a.severity ?? ''), h('td.muted', {}, shortTime(a.raisedAt ?? a.since))))));
}
