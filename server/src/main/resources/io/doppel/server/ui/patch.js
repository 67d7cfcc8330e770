// Applies a JSON Patch (RFC 6902) from a change event to the twin the page shows, so that live values update
// without reading the twin again. Paths are JSON Pointers from the twin's root.

function parse(pointer) {
  return pointer.split('/').slice(1).map(s => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function parentOf(doc, segments, create) {
  let node = doc;
  for (const s of segments.slice(0, -1)) {
    if (node[s] === undefined || node[s] === null) {
      if (!create) return undefined;
      node[s] = {};
    }
    node = node[s];
  }
  return node;
}

function read(doc, pointer) {
  return parse(pointer).reduce((n, s) => n?.[s], doc);
}

/** Returns the set of changed paths ('/replicas', '/motor/ratedPower'); mutates doc. */
export function applyPatch(doc, patch) {
  const changed = new Set();
  for (const op of patch) {
    const segments = parse(op.path);
    const last = segments.at(-1);
    const parent = parentOf(doc, segments, op.op !== 'remove');
    if (op.op === 'add' || op.op === 'replace') {
      if (Array.isArray(parent) && last === '-') parent.push(op.value);
      else parent[last] = op.value;
    } else if (op.op === 'remove') {
      if (parent) Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
    } else if (op.op === 'copy' || op.op === 'move') {
      const value = structuredClone(read(doc, op.from));
      if (op.op === 'move') applyPatch(doc, [{ op: 'remove', path: op.from }]);
      parent[last] = value;
      if (op.op === 'move') changed.add(op.from);
    }
    changed.add(op.path);
  }
  return changed;
}
