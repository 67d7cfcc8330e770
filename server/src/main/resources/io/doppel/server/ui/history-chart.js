// A uPlot chart of one series of a twin's history over a chosen range. Raw points when the range holds at most
// 2,000 of them, else buckets (avg) sized to ~400 per range; drag across the chart to zoom (it reads the zoomed
// range again at a finer grain), "Reset zoom" to come back.
import uPlot from './vendor/uPlot.esm.js';
import { get, enc } from './api.js';
import { h, clear } from './dom.js';
import { errorBox } from './errors.js';

export const RANGES = [['15m', 15 * 60e3], ['1h', 3600e3], ['6h', 6 * 3600e3], ['24h', 86400e3], ['7d', 7 * 86400e3],
  ['30d', 30 * 86400e3]];
const BUCKETS = [['PT1S', 1e3], ['PT5S', 5e3], ['PT15S', 15e3], ['PT1M', 60e3], ['PT5M', 300e3], ['PT15M', 900e3],
  ['PT1H', 3600e3], ['PT6H', 6 * 3600e3], ['P1D', 86400e3]];
const RAW_LIMIT = 2000;

// Modules that draw on every history chart (anomaly marks, forecasts): {load(twinId, name, from, to) -> Promise of
// a state, draw(u, state)}; draw runs in uPlot's draw hook, on the chart's canvas. An overlay that reaches beyond
// the read range (a forecast) also has extent(state) -> its last time in ms and bounds(state) -> [low, high], so
// the axes make room for it.
const overlays = [];
export function addChartOverlay(overlay) { overlays.push(overlay); }

/** Reads [times in s, values] for [from, to) (ms since the epoch); bucketed when raw would be too many points. */
export async function readSeries(twinId, name, from, to) {
  const base = `/digitaltwins/${enc(twinId)}/history?name=${enc(name)}&from=${new Date(from).toISOString()}`
    + `&to=${new Date(to).toISOString()}`;
  let body = await get(`${base}&maxPoints=${RAW_LIMIT}`);
  let bucket = null;
  if (body.nextLink) {
    const target = (to - from) / 400;
    bucket = (BUCKETS.find(([, ms]) => ms >= target) ?? BUCKETS.at(-1))[0];
    body = await get(`${base}&bucket=${bucket}&agg=avg`);
  }
  const xs = body.points.map(p => Date.parse(p.t) / 1000);
  const ys = body.points.map(p => p.v);
  return { data: [xs, ys], bucket };
}

/** A chart panel for one series; returns {el, reload(), destroy()}. */
export function historyChart(twinId, name, { rangeMs = 3600e3, unit = '' } = {}) {
  const info = h('span.muted');
  const ranges = h('span.ranges');
  const plotEl = h('div.chart', { id: 'history-chart' });
  const message = h('div');
  const el = h('div.card', {}, h('div', {}, h('strong', {}, name), ' ', ranges, ' ',
    h('button', { on: { click: () => load(null) } }, 'Reset zoom'), ' ', info), message, plotEl);
  let plot = null;
  let zoomed = null; // the zoomed [from, to], or null for "the last rangeMs"
  let loading = false;
  let overlayStates = [];
  let xRange = [0, 1]; // seconds: the x axis always shows the asked range, not just where the points are

  for (const [label, ms] of RANGES) {
    ranges.append(h('button', { dataset: { range: label }, class: ms === rangeMs ? 'active' : '',
      on: { click: () => { rangeMs = ms; markRange(); load(null); } } }, label));
  }
  function markRange() {
    for (const b of ranges.children) b.classList.toggle('active', RANGES.find(r => r[0] === b.dataset.range)[1] === rangeMs);
  }

  async function load(zoom) {
    zoomed = zoom;
    const to = zoom ? zoom[1] : Date.now();
    const from = zoom ? zoom[0] : to - rangeMs;
    loading = true;
    try {
      const { data, bucket } = await readSeries(twinId, name, from, to);
      overlayStates = await Promise.all(overlays.map(o => o.load(twinId, name, from, to).catch(() => null)));
      message.replaceChildren();
      info.textContent = `${data[0].length} ${bucket ? `buckets of ${bucket} (avg)` : 'points'}`;
      plotEl.dataset.points = String(data[0].length);
      const ends = overlays.map((o, i) => overlayStates[i] != null && o.extent ? o.extent(overlayStates[i]) : to);
      draw(data, from, Math.max(to, ...ends));
    } catch (e) {
      message.replaceChildren(errorBox(e, `The history of ${name} could not be read.`));
    } finally {
      loading = false;
    }
  }

  /** The values' range widened to what the overlays draw, with a little air as uPlot leaves by default. */
  function yRange(min, max) {
    for (let i = 0; i < overlays.length; i++) {
      if (overlayStates[i] == null || !overlays[i].bounds) continue;
      const [lo, hi] = overlays[i].bounds(overlayStates[i]);
      if (Number.isFinite(lo)) min = min == null ? lo : Math.min(min, lo);
      if (Number.isFinite(hi)) max = max == null ? hi : Math.max(max, hi);
    }
    if (min == null || max == null) return [0, 1];
    const pad = (max - min) * 0.05 || Math.abs(max) * 0.05 || 1;
    return [min - pad, max + pad];
  }

  function draw(data, from, to) {
    xRange = [from / 1000, to / 1000];
    const width = Math.max(300, plotEl.clientWidth || 600);
    if (!plot) {
      plot = new uPlot({
        width, height: 220,
        scales: { x: { time: true, range: () => xRange }, y: { range: (u, min, max) => yRange(min, max) } },
        series: [{}, { label: unit ? `${name} (${unit})` : name, stroke: '#1f6feb', width: 1.5, points: { show: data[0].length < 200 } }],
        cursor: { drag: { x: true, y: false } },
        hooks: { draw: [u => overlays.forEach((o, i) => overlayStates[i] != null && o.draw(u, overlayStates[i]))],
          setSelect: [u => {
          if (u.select.width < 5) return;
          const a = u.posToVal(u.select.left, 'x') * 1000, b = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
          u.setSelect({ left: 0, width: 0 }, false);
          load([a, b]);
        }] },
      }, data, plotEl);
    } else {
      plot.setData(data);
    }
    plotEl.dataset.ready = 'true';
  }

  load(null);
  return {
    el,
    /** Reads again when showing the live range (a zoomed view stays as the user left it). */
    reload() { if (!zoomed && !loading) load(null); },
    destroy() { plot?.destroy(); },
  };
}
