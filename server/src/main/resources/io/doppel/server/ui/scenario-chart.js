// A uPlot chart of one time series of a scenario run, baseline against scenario, per window of simulated time.
import uPlot from './vendor/uPlot.esm.js';
import { h } from './dom.js';

/** Draws series `key` of both sides of a run's result into a new element; returns {el, destroy()}. */
export function scenarioChart(result, key) {
  const el = h('div.chart', { id: 'scenario-chart' });
  const window = result.baseline.window;
  const base = result.baseline.series[key] ?? [];
  const scen = result.scenario.series[key] ?? [];
  const n = Math.max(base.length, scen.length);
  const xs = Array.from({ length: n }, (_, i) => (i + 0.5) * window);
  const data = [xs, xs.map((_, i) => base[i] ?? null), xs.map((_, i) => scen[i] ?? null)];
  el.dataset.points = String(n);
  let plot = null;
  // drawn once the element is in the page, so that it knows its width
  requestAnimationFrame(() => {
    plot = new uPlot({
      width: Math.max(300, el.clientWidth || 700), height: 240,
      scales: { x: { time: false } },
      axes: [{ label: 'simulated time (s)' }, {}],
      series: [{ label: 's' }, { label: `baseline ${key}`, stroke: '#66707a', width: 1.5 },
        { label: `scenario ${key}`, stroke: '#1f6feb', width: 2 }],
    }, data, el);
    el.dataset.ready = 'true';
  });
  return { el, destroy() { plot?.destroy(); } };
}
