// Draws a series' forecast after its last value on the history charts: the mean as a dashed line and the 80%
// prediction interval as a band, with the model's name. Reads GET /digitaltwins/{id}/forecast with a horizon of a
// quarter of the shown range; a chart zoomed into the past (not ending now) shows none.
import { get, enc } from './api.js';
import { addChartOverlay } from './history-chart.js';

// The forecast's step: the finest of these that gives at most ~200 steps over the shown range.
const STEPS = [1, 5, 15, 60, 300, 900, 3600, 21600, 86400];

export async function loadForecast(twinId, name, from, to) {
  if (to < Date.now() - 120e3) return null;
  const target = (to - from) / 1000 / 200;
  const step = STEPS.find(s => s >= target) ?? STEPS.at(-1);
  const horizon = Math.max(2, Math.round((to - from) / 4 / 1000 / step));
  const body = await get(`/digitaltwins/${enc(twinId)}/forecast?name=${enc(name)}&horizon=${horizon}`
    + `&interval=PT${step}S&points=800`);
  return body.points.length ? body : null;
}

export function drawForecast(u, forecast) {
  const ctx = u.ctx;
  const xs = forecast.points.map(p => u.valToPos(Date.parse(p.t) / 1000, 'x', true));
  const at = (v) => u.valToPos(v, 'y', true);
  ctx.save();
  ctx.fillStyle = 'rgba(191, 135, 0, 0.18)';
  ctx.beginPath();
  forecast.points.forEach((p, i) => (i ? ctx.lineTo(xs[i], at(p.hi80)) : ctx.moveTo(xs[i], at(p.hi80))));
  for (let i = forecast.points.length - 1; i >= 0; i--) ctx.lineTo(xs[i], at(forecast.points[i].lo80));
  ctx.closePath();
  ctx.fill();
  ctx.strokeStyle = '#bf8700';
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.beginPath();
  forecast.points.forEach((p, i) => (i ? ctx.lineTo(xs[i], at(p.v)) : ctx.moveTo(xs[i], at(p.v))));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = '#9a6700';
  ctx.font = `${11 * devicePixelRatio}px sans-serif`;
  ctx.fillText(`forecast: ${forecast.model} (80% interval)`, xs[0] + 4, u.bbox.top + 12 * devicePixelRatio);
  ctx.restore();
  u.root.dataset.forecast = String(forecast.points.length);
}

addChartOverlay({
  load: loadForecast,
  draw: drawForecast,
  extent: (f) => Date.parse(f.points.at(-1).t),
  bounds: (f) => [Math.min(...f.points.map(p => p.lo80)), Math.max(...f.points.map(p => p.hi80))],
});
