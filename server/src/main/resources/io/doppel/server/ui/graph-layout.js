// Layouts: a force-directed one (cose) while the graph is small enough for it to finish at once, and for large
// graphs a precomputed one: one square block per model, blocks side by side (linear time, readable by model).

export const FORCE_LIMIT = 400;

export const PADDING = 20;

/** The force-directed layout of a graph of up to FORCE_LIMIT twins. */
export const FORCE_LAYOUT = { name: 'cose', animate: false, nodeRepulsion: () => 200000, idealEdgeLength: () => 90,
  nodeOverlap: 20, gravity: 0.3, padding: PADDING };

/** The positions a large graph's elements are created with: a block per model, each a square grid. */
export function blocksByModel(twins, spacing = 28) {
  const groups = new Map();
  for (const t of twins) {
    const model = t.$metadata?.$model ?? '?';
    if (!groups.has(model)) groups.set(model, []);
    groups.get(model).push(t.$dtId);
  }
  const positions = new Map();
  const width = Math.sqrt(twins.length) * spacing * 1.6;
  let x0 = 0, y0 = 0, rowHeight = 0;
  for (const ids of [...groups.values()].sort((a, b) => b.length - a.length)) {
    const side = Math.ceil(Math.sqrt(ids.length));
    const blockSize = side * spacing;
    if (x0 > 0 && x0 + blockSize > width) {
      x0 = 0;
      y0 += rowHeight + spacing * 3;
      rowHeight = 0;
    }
    ids.forEach((id, i) => positions.set(id, { x: x0 + (i % side) * spacing, y: y0 + Math.floor(i / side) * spacing }));
    x0 += blockSize + spacing * 3;
    rowHeight = Math.max(rowHeight, blockSize);
  }
  return positions;
}
