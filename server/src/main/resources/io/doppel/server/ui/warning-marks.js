// Marks a series' time-to-threshold warnings on its history charts: the threshold as a dashed line, the expected
// crossing time T as a vertical line and its prediction interval (earliest..latest) as a band, with a label.
// Reads GET /digitaltwins/{id}/warnings. The chart's time axis is stretched to show T when it lies within one more
// shown range past now; a crossing further ahead is only named at the right edge.
import { get, enc } from './api.js';
import { addChartOverlay } from './history-chart.js';
import { warningText } from './warning-text.js';

export async function loadWarnings(twinId, name, from, to) {
  const body = await get(`/digitaltwins/${enc(twinId)}/warnings`);
  const warnings = body.value.filter(w => w.series === name);
  return warnings.length ? { warnings, reach: to + (to - from) } : null;
}

export function drawWarnings(u, state) {
  const ctx = u.ctx;
  const dpr = devicePixelRatio;
  const x = t => u.valToPos(Date.parse(t) / 1000, 'x', true);
  const left = u.bbox.left;
  const right = u.bbox.left + u.bbox.width;
  ctx.save();
  ctx.font = `${11 * dpr}px sans-serif`;
  ctx.textAlign = 'left'; // uPlot leaves the axes' alignment behind
  state.warnings.forEach((w, i) => {
    const y = u.valToPos(w.threshold, 'y', true);
    ctx.strokeStyle = '#cf222e';
    ctx.lineWidth = 1 * dpr;
    ctx.setLineDash([3 * dpr, 3 * dpr]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.setLineDash([]);
    const t = x(w.expectedAt);
    const from = Math.max(left, x(w.earliest));
    const to = w.latest ? Math.min(right, x(w.latest)) : right;
    if (from < right) {
      ctx.fillStyle = 'rgba(207, 34, 46, 0.12)';
      ctx.fillRect(from, u.bbox.top, Math.max(1, to - from), u.bbox.height);
    }
    if (t >= left && t <= right) {
      ctx.lineWidth = 2 * dpr;
      ctx.beginPath();
      ctx.moveTo(t, u.bbox.top);
      ctx.lineTo(t, u.bbox.top + u.bbox.height);
      ctx.stroke();
    }
    ctx.fillStyle = '#a40e26';
    const label = warningText(w) + (t > right ? ' →' : '');
    const width = ctx.measureText(label).width;
    ctx.fillText(label, Math.max(left + 4, Math.min(t + 4, right - width - 4)),
      u.bbox.top + (26 + 13 * i) * dpr);
  });
  ctx.restore();
  u.root.dataset.warnings = String(state.warnings.length);
}

addChartOverlay({
  load: loadWarnings,
  draw: drawWarnings,
  // the latest end of an interval, as far as one more shown range ahead
  extent: (s) => Math.min(s.reach, Math.max(...s.warnings.map(w => Date.parse(w.latest ?? w.expectedAt)))),
  bounds: (s) => [Math.min(...s.warnings.map(w => w.threshold)), Math.max(...s.warnings.map(w => w.threshold))],
});
