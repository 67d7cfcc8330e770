// Marks a twin's raised anomalies on its history charts: a red ring at each anomaly's time and value, with its
// score and expected range as a tooltip-like label. Reads GET /digitaltwins/{id}/anomalies?name=&from=&to=.
import { get, enc } from './api.js';
import { addChartOverlay } from './history-chart.js';

export async function loadAnomalies(twinId, name, from, to) {
  const body = await get(`/digitaltwins/${enc(twinId)}/anomalies?name=${enc(name)}`
    + `&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`);
  const series = body.series[0];
  return series ? series.anomalies : [];
}

export function drawAnomalies(u, anomalies) {
  const ctx = u.ctx;
  const r = 6 * devicePixelRatio;
  ctx.save();
  ctx.strokeStyle = '#d1242f';
  ctx.fillStyle = '#d1242f';
  ctx.lineWidth = 2 * devicePixelRatio;
  ctx.font = `${11 * devicePixelRatio}px sans-serif`;
  for (const a of anomalies) {
    const x = u.valToPos(Date.parse(a.time) / 1000, 'x', true);
    const y = u.valToPos(a.value, 'y', true);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.stroke();
    const range = a.expectedLow != null ? ` (expected ${fmt(a.expectedLow)}..${fmt(a.expectedHigh)})` : '';
    ctx.fillText(`${a.kind.replace('_', ' ')} ${a.score.toFixed(2)}${range}`, x + r + 2, y - r);
  }
  ctx.restore();
  u.root.dataset.anomalies = String(anomalies.length);
}

function fmt(v) {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}

addChartOverlay({ load: loadAnomalies, draw: drawAnomalies });
