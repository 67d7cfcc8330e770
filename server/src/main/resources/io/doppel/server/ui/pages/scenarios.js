// What-if scenarios: the stored ones, a JSON editor, a run with a progress bar, the comparison with the baseline
// (better in green, worse in red) and a chart of one time series, baseline against scenario.
import { get, request, post, enc } from '../api.js';
import { h, clear, link } from '../dom.js';
import { errorBox } from '../errors.js';
import { scenarioChart } from '../scenario-chart.js';

const EXAMPLE = {
  name: 'scale out the web frontend under twice the demand',
  horizon: 600, warmup: 60, replications: 4, seed: 1, window: 30,
  changes: [
    { type: 'demand', factor: 2, start: 300 },
    { type: 'setProperty', twin: 'web-frontend', property: 'replicas', value: 8 },
  ],
};

export async function render(el, { query }) {
  const list = h('div', { id: 'scenario-list' });
  const idInput = h('input', { id: 'scenario-id', type: 'text', placeholder: 'scenario id', value: query.get('id') ?? 'scale-out' });
  const text = h('textarea.query', { id: 'scenario-text', spellcheck: false, rows: 14 });
  const status = h('span.muted', { id: 'scenario-status' });
  const bar = h('progress', { id: 'scenario-progress', max: 1, value: 0, hidden: true });
  const out = h('div', { id: 'scenario-output' });
  const save = h('button', { id: 'scenario-save', on: { click: () => store() } }, 'Save');
  const run = h('button.primary', { id: 'scenario-run', on: { click: () => start() } }, 'Save and run');
  clear(el, h('h1', {}, 'Scenarios'),
    h('p.muted', {}, 'What-if runs on the twin graph against its unchanged baseline; see docs/simulation.md.'),
    h('div.split', {}, list, h('div', {},
      h('div.toolbar', {}, idInput, save, run, bar, status), text, out)));
  let stopped = false;
  let chart = null;

  async function showList() {
    try {
      const body = await get('/scenarios');
      clear(list, h('h2', {}, 'Stored'), body.value.length === 0 ? h('p.muted', {}, 'None yet.') :
        h('ul', {}, body.value.map(s => h('li', {}, link(`/ui/scenarios?id=${enc(s.id)}`, s.id), ` v${s.version}`))));
    } catch (e) {
      clear(list, errorBox(e, 'The scenarios could not be listed.'));
    }
  }

  async function load(id) {
    try {
      const s = await get(`/scenarios/${enc(id)}`);
      text.value = JSON.stringify(s.definition, null, 2);
      status.textContent = `version ${s.version} of ${s.storedAt}`;
    } catch (e) {
      if (e.status === 404) text.value = JSON.stringify(EXAMPLE, null, 2);
      else clear(out, errorBox(e, `Scenario ${id} could not be read.`));
    }
  }

  async function store() {
    let body;
    try {
      body = JSON.parse(text.value);
    } catch (e) {
      clear(out, h('div.error', {}, h('span.code', {}, 'INVALID_JSON'), ' ', e.message));
      return null;
    }
    try {
      const id = idInput.value.trim();
      const saved = await request('PUT', `/scenarios/${enc(id)}`, body);
      status.textContent = `saved version ${saved.version}`;
      history.replaceState(null, '', `/ui/scenarios?id=${enc(id)}`);
      showList();
      return saved;
    } catch (e) {
      clear(out, errorBox(e, 'The scenario was not saved.'));
      return null;
    }
  }

  async function start() {
    const saved = await store();
    if (!saved) return;
    clear(out);
    try {
      const started = await post(`/scenarios/${enc(saved.id)}/runs`, {});
      await follow(saved.id, started.id);
    } catch (e) {
      bar.hidden = true;
      clear(out, errorBox(e, 'The scenario could not be run.'));
    }
  }

  async function follow(id, runId) {
    bar.hidden = false;
    while (!stopped) {
      const r = await get(`/scenarios/${enc(id)}/runs/${enc(runId)}`);
      bar.value = r.progress.fraction;
      status.textContent = `${r.status}: ${r.progress.replicationsDone}/${r.progress.replications} replications`;
      if (r.status === 'done') return showResult(r);
      if (r.status === 'failed' || r.status === 'cancelled') {
        clear(out, h('div.error', {}, h('span.code', {}, r.error?.code ?? r.status), ' ', r.error?.message ?? ''));
        return;
      }
      await new Promise(resolve => setTimeout(resolve, 300));
    }
  }

  function showResult(run) {
    const result = run.result;
    const onlySeparated = h('input', { type: 'checkbox', id: 'scenario-separated', checked: true });
    const tableEl = h('div');
    const keys = Object.keys(result.baseline.series);
    const picker = h('select', { id: 'scenario-series' }, keys.map(k => h('option', { value: k }, k)));
    picker.value = keys.includes('network.meanResponse') ? 'network.meanResponse' : keys[0];
    const chartEl = h('div');
    const drawTable = () => clear(tableEl, comparisonTable(result.comparison, onlySeparated.checked));
    const drawChart = () => {
      chart?.destroy();
      chart = scenarioChart(result, picker.value);
      clear(chartEl, chart.el);
    };
    onlySeparated.addEventListener('change', drawTable);
    picker.addEventListener('change', drawChart);
    const warnings = [...result.baseline.warnings.map(w => `baseline: ${w}`), ...result.scenario.warnings.map(w => `scenario: ${w}`)];
    clear(out,
      warnings.length ? h('div.error', { id: 'scenario-warnings' }, warnings.map(w => h('div', {}, w))) : null,
      h('h2', {}, 'Comparison with the baseline (95% intervals)'),
      h('label', {}, onlySeparated, ' network, and metrics whose intervals separate'), tableEl,
      h('h2', {}, 'Time series'), h('div.toolbar', {}, picker), chartEl);
    drawTable();
    drawChart();
  }

  await showList();
  await load(idInput.value);
  const runId = query.get('run');
  if (runId) follow(idInput.value, runId).catch(e => clear(out, errorBox(e, 'The run could not be read.')));
  return () => { stopped = true; chart?.destroy(); };
}

function comparisonTable(rows, onlySeparated) {
  const shown = rows.filter(r => !onlySeparated || r.separated || r.scope === 'network');
  return h('table', { id: 'scenario-comparison' },
    h('thead', {}, h('tr', {}, ['scope', 'metric', 'baseline', 'scenario', 'change', 'verdict'].map(c => h('th', {}, c)))),
    h('tbody', {}, shown.map(r => h(`tr.verdict-${r.verdict}`, { dataset: { scope: r.scope, metric: r.metric } },
      h('td', {}, r.scope), h('td', {}, r.metric), h('td.num', {}, interval(r.baseline)),
      h('td.num', {}, interval(r.scenario)), h('td.num', {}, percent(r.relativeChange)), h('td', {}, r.verdict)))));
}

function interval(s) {
  if (s.mean === null || s.mean === undefined) return '–';
  const half = s.low !== null && s.high !== null && s.high !== s.low ? ` ± ${num((s.high - s.low) / 2)}` : '';
  return num(s.mean) + half;
}

function num(v) {
  return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

function percent(v) {
  return v === null || v === undefined ? '–' : `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
}
