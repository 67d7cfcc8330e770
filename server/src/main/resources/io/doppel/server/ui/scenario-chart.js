// A uPlot chart of one time series of a scenario run, baseline against scenario, per window of simulated time.
import uPlot from './vendor/uPlot.esm.js';
import { h } from './dom.js';

/**
 * Draws series `key` of both sides of a run's result into a new element, each mean with its 95% band over the
 * replications (`seriesLow`/`seriesHigh`; absent in runs archived before them); returns {el, destroy()}.
 */
export function scenarioChart(result, key) {
  const el = h('div.chart', { id: 'scenario-chart' });
  const window = result.baseline.window;
  const base = result.baseline.series[key] ?? [];
  const scen = result.scenario.series[key] ?? [];
  const n = Math.max(base.length, scen.length);
  const xs = Array.from({ length: n }, (_, i) => (i + 0.5) * window);
  const column = (values) => xs.map((_, i) => values?.[i] ?? null);
  const data = [xs, column(base), column(scen),
    column(result.baseline.seriesLow?.[key]), column(result.baseline.seriesHigh?.[key]),
    column(result.scenario.seriesLow?.[key]), column(result.scenario.seriesHigh?.[key])];
  el.dataset.points = String(n);
  el.dataset.bands = String(data.slice(3).filter((c) => c.some((v) => v !== null)).length / 2);
  const bound = (label, stroke) => ({ label, stroke, width: 0.5, dash: [4, 4] });
  let plot = null;
  // drawn once the element is in the page, so that it knows its width
  requestAnimationFrame(() => {
    plot = new uPlot({
      width: Math.max(300, el.clientWidth || 700), height: 240,
      scales: { x: { time: false } },
      axes: [{ label: 'simulated time (s)' }, {}],
      series: [{ label: 's' }, { label: `baseline ${key}`, stroke: '#66707a', width: 1.5 },
        { label: `scenario ${key}`, stroke: '#1f6feb', width: 2 },
        bound('baseline 95% low', '#66707a'), bound('baseline 95% high', '#66707a'),
        bound('scenario 95% low', '#1f6feb'), bound('scenario 95% high', '#1f6feb')],
      bands: [{ series: [4, 3], fill: 'rgba(102, 112, 122, 0.12)' }, { series: [6, 5], fill: 'rgba(31, 111, 235, 0.12)' }],
    }, data, el);
    el.dataset.ready = 'true';
  });
  return { el, destroy() { plot?.destroy(); } };
}
