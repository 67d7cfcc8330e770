// The cytoscape canvas: builds the elements, lays them out, colours them, and marks when the graph is drawn
// (performance mark 'doppel:graph-drawn', measures 'doppel:graph-elements' and 'doppel:graph-layout', read by the
// browser tests).
import cytoscape from './vendor/cytoscape.esm.min.mjs';
import { FORCE_LAYOUT, PADDING, blocksByModel, FORCE_LIMIT } from './graph-layout.js';
import { categorical, ramp, MISSING, shortModel } from './colors.js';

// A large graph labels only its selected and highlighted twins: measuring thousands of labels for the bounding
// boxes would cost more than the layout itself.
const STYLE = large => [
  { selector: 'node', style: {
    'background-color': 'data(color)', width: large ? 10 : 16, height: large ? 10 : 16,
    label: large ? '' : 'data(id)', 'font-size': 9, color: '#1d232a', 'text-valign': 'bottom', 'text-margin-y': 2 } },
  { selector: 'node:selected, node.hl', style: { label: 'data(id)' } },
  { selector: 'edge', style: {
    width: 1, 'line-color': '#b8c0c8', 'curve-style': large ? 'haystack' : 'bezier',
    'target-arrow-shape': large ? 'none' : 'triangle', 'target-arrow-color': '#b8c0c8', 'arrow-scale': 0.7 } },
  { selector: '.hidden', style: { display: 'none' } },
  { selector: '.dim', style: { opacity: 0.15 } },
  { selector: 'node.hl', style: { 'border-width': 3, 'border-color': '#f0b400', width: 20, height: 20, 'z-index': 10 } },
  { selector: 'edge.hl', style: { width: 3, 'line-color': '#f0b400', 'target-arrow-color': '#f0b400' } },
  { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#1d232a' } },
];

export function createGraph(container, { twins, relationships }) {
  const large = twins.length > FORCE_LIMIT;
  const known = new Set(twins.map(t => t.$dtId));
  const positions = large ? blocksByModel(twins) : null;
  const colours = modelColours(twins.map(t => t.$metadata?.$model));
  const elements = [];
  // Element data stays small (cytoscape copies it); the twins themselves stay in the page's map by id.
  for (const t of twins) {
    const model = t.$metadata?.$model;
    elements.push({ group: 'nodes', data: { id: t.$dtId, model, color: colours.get(model) }, position: positions?.get(t.$dtId) });
  }
  for (const r of relationships) {
    if (!known.has(r.$sourceId) || !known.has(r.$targetId)) continue; // a twin created since the twins' page
    elements.push({ group: 'edges', data: { id: `${r.$sourceId}/${r.$relationshipId}`, source: r.$sourceId,
      target: r.$targetId, name: r.$relationshipName } });
  }
  performance.mark('doppel:elements-start');
  const cy = cytoscape({
    container, elements, style: STYLE(large),
    // Given none, cytoscape runs a 'grid' layout: a large graph keeps the positions its elements came with (and
    // the view is fitted to them), a small one starts with none, then cose lays it out below, timed on its own.
    layout: large ? { name: 'preset', padding: PADDING } : { name: 'null' },
    textureOnViewport: large, hideEdgesOnViewport: large, pixelRatio: large ? 1 : 'auto', minZoom: 0.02, maxZoom: 4,
  });
  performance.mark('doppel:layout-start');
  if (!large) cy.layout(FORCE_LAYOUT).run();
  performance.mark('doppel:layout-end');
  performance.measure('doppel:graph-elements', 'doppel:elements-start', 'doppel:layout-start');
  performance.measure('doppel:graph-layout', 'doppel:layout-start', 'doppel:layout-end');
  container.cytoscape = cy; // the instance behind the canvas, for the console and the browser tests
  cy.one('render', () => {
    performance.mark('doppel:graph-drawn');
    Object.assign(container.dataset, { nodes: cy.nodes().length, edges: cy.edges().length, ready: 'true' });
  });
  return cy;
}

const modelColours = models => categorical(models);

/**
 * Colours nodes by model (property '') or by a property of the twins (a map by id); returns the legend entries
 * [[label, colour]]. Nodes are only touched when their colour changes.
 */
export function colourBy(cy, property, twins) {
  const nodes = cy.nodes();
  const set = (n, colour) => { if (n.data('color') !== colour) n.data('color', colour); };
  if (!property) {
    const colours = modelColours(nodes.map(n => n.data('model')));
    cy.batch(() => nodes.forEach(n => set(n, colours.get(n.data('model')))));
    return [...colours].map(([m, c]) => [shortModel(m), c]);
  }
  const values = nodes.map(n => twins.get(n.id())?.[property]);
  const numbers = values.filter(v => typeof v === 'number');
  if (numbers.length && numbers.length === values.filter(v => v !== undefined && v !== null).length) {
    const min = Math.min(...numbers), max = Math.max(...numbers);
    const colour = ramp(min, max);
    cy.batch(() => nodes.forEach((n, i) => set(n, typeof values[i] === 'number' ? colour(values[i]) : MISSING)));
    return [[`${property} ${min}`, colour(min)], [`${max}`, colour(max)], ['no value', MISSING]];
  }
  const labels = values.map(v => v === undefined || v === null ? undefined : JSON.stringify(v));
  const colours = categorical(labels.filter(v => v !== undefined));
  cy.batch(() => nodes.forEach((n, i) => set(n, labels[i] === undefined ? MISSING : colours.get(labels[i]))));
  return [...[...colours].slice(0, 16), ['no value', MISSING]];
}

/** Names of the properties worth colouring by: top-level, non-system, seen on at least one twin. */
export function colourableProperties(twins) {
  const names = new Set();
  for (const t of twins) {
    for (const [k, v] of Object.entries(t)) {
      if (!k.startsWith('$') && (typeof v !== 'object' || v === null)) names.add(k);
    }
  }
  return [...names].sort();
}
