// The twin graph, read through the query API page by page (1,000 rows a page), up to MAX_TWINS twins: beyond
// that a drawing of every twin says little and costs the browser seconds; filter by model or query instead.
// The twins and the relationships are read at the same time (they do not depend on each other: an edge whose twin
// is not among those read is dropped when the graph is built).
import { queryAll } from './api.js';
import { TWINS, RELATIONSHIPS, PAGE_SIZE, takeFirstPages } from './graph-queries.js';

export const MAX_TWINS = 20_000;

export async function loadGraph(onProgress = () => {}) {
  const first = takeFirstPages();
  let twinsRead = 0;
  let relationshipsRead = 0;
  const progress = () => onProgress(`${twinsRead} twins, ${relationshipsRead} relationships`);
  const [twins, relationships] = await Promise.all([
    queryAll(TWINS, { pageSize: PAGE_SIZE, limit: MAX_TWINS, firstPage: first?.twins,
      onPage: n => { twinsRead = n; progress(); } }),
    queryAll(RELATIONSHIPS, { pageSize: PAGE_SIZE, firstPage: first?.relationships,
      onPage: n => { relationshipsRead = n; progress(); } }),
  ]);
  const truncated = twins.length >= MAX_TWINS;
  twins.length = Math.min(twins.length, MAX_TWINS);
  return { twins, relationships, truncated };
}

/** Every twin id and relationship id anywhere in a query's rows (whole twins, projections, MATCH aliases). */
export function idsInRows(rows) {
  const twins = new Set();
  const relationships = new Set();
  const visit = (value, depth) => {
    if (!value || typeof value !== 'object' || depth > 3) return;
    if (typeof value.$relationshipId === 'string') relationships.add(`${value.$sourceId}/${value.$relationshipId}`);
    else if (typeof value.$dtId === 'string') twins.add(value.$dtId);
    for (const v of Object.values(value)) visit(v, depth + 1);
  };
  rows.forEach(r => visit(r, 0));
  return { twins, relationships };
}
