// The graph's two queries. When the graph is the first page, their first pages are asked for as soon as the document
// arrives (index.html loads this module first, and it imports nothing), while the UI's modules, cytoscape above all,
// load and compile; graph-data.js then takes these answers instead of asking again once its page is drawn.
export const TWINS = 'SELECT * FROM DIGITALTWINS';
export const RELATIONSHIPS = 'SELECT R.$relationshipId, R.$sourceId, R.$targetId, R.$relationshipName FROM RELATIONSHIPS R';
export const PAGE_SIZE = 1000;

// The paths the router (router.js) shows the graph at.
const graphIsFirst = ['/', '/ui', '/ui/', '/ui/graph'].includes(location.pathname);
let sent = graphIsFirst ? { twins: send(TWINS), relationships: send(RELATIONSHIPS) } : null;

/** The first pages' requests sent at load ({twins, relationships}, fetch's promises), once; else null. */
export function takeFirstPages() {
  const taken = sent;
  sent = null; // a later visit of the graph reads afresh
  return taken;
}

function send(query) {
  const request = fetch('/query', { method: 'POST', body: JSON.stringify({ query }),
    headers: { 'Content-Type': 'application/json', 'max-items-per-page': String(PAGE_SIZE) } });
  request.catch(() => {}); // a failure is reported by the page that takes the answer (api.js answer())
  return request;
}
