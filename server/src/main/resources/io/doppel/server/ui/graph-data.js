// The twin graph, read through the query API page by page (1,000 rows a page), up to MAX_TWINS twins: beyond
// that a drawing of every twin says little and costs the browser seconds; filter by model or query instead.
import { queryAll } from './api.js';

export const MAX_TWINS = 20_000;

export async function loadGraph(onProgress = () => {}) {
  const twins = await queryAll('SELECT * FROM DIGITALTWINS', { limit: MAX_TWINS, onPage: n => onProgress(`${n} twins`) });
  const truncated = twins.length >= MAX_TWINS;
  twins.length = Math.min(twins.length, MAX_TWINS);
  const relationships = await queryAll(
    'SELECT R.$relationshipId, R.$sourceId, R.$targetId, R.$relationshipName FROM RELATIONSHIPS R',
    { onPage: n => onProgress(`${twins.length} twins, ${n} relationships`) });
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
