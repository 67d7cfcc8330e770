// The graph's live values: follows the change stream for the twins it shows, applies each patch or replacement to
// the twin in the page's map as it comes, and tells the page once a frame which twins changed since the last one,
// so that at a thousand changes a second the graph is recoloured and its side panel redrawn at most once a frame.
// The graph's shape (twins and relationships created or deleted) stays as read.
import { subscribe, versionOf, etagAfter } from './live.js';
import { applyPatch } from './patch.js';

/**
 * twins: the page's map id -> twin, updated in place. onChange(Set of ids) once a frame after changes;
 * onState as in live.js subscribe.
 */
export function followTwins(twins, onChange, onState) {
  // Every change after the newest version among the twins read is replayed: a twin changed before the read has
  // that version or a newer one, and each event a twin already shows is skipped by its version.
  let from = -1;
  for (const twin of twins.values()) from = Math.max(from, versionOf(twin));
  let changed = null;
  let frame = 0;
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
      frame = requestAnimationFrame(() => {
        const ids = changed;
        changed = null;
        onChange(ids);
      });
    }
    changed.add(event.subject);
  }, onState, { from: from >= 0 ? from : null });
  return {
    close() {
      stream.close();
      cancelAnimationFrame(frame);
    },
  };
}
