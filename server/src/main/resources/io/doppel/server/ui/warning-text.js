// How a time-to-threshold warning reads, in the inspector's panel and on the history charts.

/** "13:50", or "1 Dec 13:50" when not today. */
export function clock(iso) {
  const d = new Date(iso);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
  return d.toDateString() === new Date().toDateString() ? time
    : `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}`;
}

/** "temperature crosses 90 at about 14:20 (80%: 13:50..15:10)". */
export function warningText(w) {
  if (w.state === 'crossed') return `${w.series} is ${w.direction} ${w.threshold} since ${clock(w.lastValueAt)}`;
  return `${w.series} crosses ${w.threshold} at about ${clock(w.expectedAt)} (${Math.round(w.level * 100)}%: `
    + `${clock(w.earliest)}..${w.latest ? clock(w.latest) : 'after the horizon'})`;
}
