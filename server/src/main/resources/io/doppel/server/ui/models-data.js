// Models as the API gives them, with what a twin of a model has: its own contents and every inherited one.
import { getAllPages, getModel } from './api.js';

const cache = new Map();

/** The model data with its DTDL ('model'); cached for the page's life (models are immutable once added). */
export function modelWithDefinition(id) {
  if (!cache.has(id)) cache.set(id, getModel(id).catch(e => { cache.delete(id); throw e; }));
  return cache.get(id);
}

export async function allModels() {
  const models = await getAllPages('/models?includeModelDefinition=true');
  for (const m of models) cache.set(m.id, Promise.resolve(m));
  return models;
}

export function parentsOf(definition) {
  const ext = definition?.extends;
  if (!ext) return [];
  return (Array.isArray(ext) ? ext : [ext]).map(e => typeof e === 'string' ? e : e['@id']).filter(Boolean);
}

/** [{content, from}] for a model and its ancestors, nearest first; a name declared twice keeps the nearest. */
export async function contentsWithInherited(id, seen = new Set()) {
  if (seen.has(id)) return [];
  seen.add(id);
  const model = await modelWithDefinition(id);
  const own = (model.model?.contents ?? []).map(content => ({ content, from: id }));
  const inherited = (await Promise.all(parentsOf(model.model).map(p => contentsWithInherited(p, seen)))).flat();
  const names = new Set(own.map(c => c.content.name));
  return [...own, ...inherited.filter(c => !names.has(c.content.name))];
}

export function kind(content) {
  const types = Array.isArray(content['@type']) ? content['@type'] : [content['@type']];
  return ['Property', 'Telemetry', 'Relationship', 'Component', 'Command'].find(t => types.includes(t)) ?? types[0];
}

export function semanticType(content) {
  const types = Array.isArray(content['@type']) ? content['@type'] : [];
  return types.find(t => !['Property', 'Telemetry'].includes(t));
}

export function schemaLabel(schema) {
  if (typeof schema === 'string') return schema;
  if (!schema) return '';
  return schema['@type'] ?? 'object';
}

const NUMERIC = new Set(['double', 'float', 'integer', 'long', 'boolean']);

export function isNumeric(schema) {
  return typeof schema === 'string' && NUMERIC.has(schema);
}

export function text(localized) {
  if (!localized) return '';
  if (typeof localized === 'string') return localized;
  return localized.en ?? Object.values(localized)[0] ?? '';
}
