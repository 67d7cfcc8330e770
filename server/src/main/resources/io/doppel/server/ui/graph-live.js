// The graph's live values: follows the change stream for the twins it shows, applies each patch or replacement to
// the twin in the page's map as it comes, and tells the page which twins changed since it last did, at most every
// REDRAW_MS and then in an animation frame. Cytoscape redraws its whole canvas for a colour changed: at a thousand
// changes a second, drawing every frame would take the time the page needs to read the events (and colours changing
// sixty times a second say no more than five). The graph's shape (twins and relationships created or deleted) stays
// as read.
import { subscribe, versionOf, etagAfter } from './live.js';
import { applyPatch } from './patch.js';

const REDRAW_MS = 200;

/**
 * twins: the page's map id -> twin, updated in place. onChange(Set of ids) after changes, as above;
 * onState as in live.js subscribe.
 */
export function followTwins(twins, onChange, onState) {
  // Every change after the newest version among the twins read is replayed: a twin changed before the read has
  // that version or a newer one, and each event a twin already shows is skipped by its version.
  let from = -1;
  for (const twin of twins.values()) from = Math.max(from, versionOf(twin));
  let changed = null;
  let timer = 0;
  let frame = 0;
  let lastTold = 0;
  const stream = subscribe({ type: ['io.doppel.twin.patched', 'io.doppel.twin.replaced'] }, event => {
    const twin = twins.get(event.subject);
    if (!twin || Number(event.id) <= versionOf(twin)) return;
    if (event.type === 'io.doppel.twin.patched') applyPatch(twin, event.data.patch);
    else {
      for (const key of Object.keys(twin)) delete twin[key];
      Object.assign(twin, event.data);
    }
    twin.$etag = etagAfter(event);
    if (!changed) {
      changed = new Set();
      timer = setTimeout(() => {
        frame = requestAnimationFrame(() => {
          const ids = changed;
          changed = null;
          lastTold = performance.now();
          onChange(ids);
        });
      }, Math.max(0, lastTold + REDRAW_MS - performance.now()));
    }
    changed.add(event.subject);
  }, onState, { from: from >= 0 ? from : null });
  return {
    close() {
      stream.close();
      clearTimeout(timer);
      cancelAnimationFrame(frame);
    },
  };
}
