// The only way the UI reaches data: the public HTTP API, same paths and bodies any client uses.
import { reportDown, reportUp } from './health.js';

/** An answer with the API's error envelope {"error":{"code","message","details"}}. */
export class ApiError extends Error {
  constructor(status, body) {
    const error = body?.error ?? {};
    super(error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error.code ?? `HTTP_${status}`;
    this.details = error.details ?? [];
  }
  /** The first detail's target: a field, a parameter or a query position such as "1:44". */
  get target() {
    return this.details.find(d => d.target)?.target;
  }
}

/** The server did not answer at all (down, restarting, network gone). */
export class ServerUnreachable extends Error {}

export function request(method, path, body, headers = {}) {
  return answer(fetch(path, {
    method,
    headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
}

/** The API's answer to a request already sent (fetch's promise): its JSON, or an ApiError or ServerUnreachable. */
export async function answer(sent) {
  let response;
  try {
    response = await sent;
  } catch (e) {
    reportDown();
    throw new ServerUnreachable(`the server at ${location.host} does not answer (${e.message})`);
  }
  if (response.status === 502 || response.status === 503 && !response.headers.get('content-type')?.includes('json')) {
    reportDown();
    throw new ServerUnreachable(`the server answers ${response.status}`);
  }
  reportUp();
  if (response.status === 401 && location.pathname !== '/ui/login') {
    // the session cookie is missing or its key was revoked: sign in again, then come back here
    location.assign('/ui/login?next=' + encodeURIComponent(location.pathname + location.search));
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path, headers) => request('GET', path, undefined, headers);
export const post = (path, body, headers) => request('POST', path, body, headers);

export const enc = encodeURIComponent;

/** The engine's current version: a cursor for the change stream that misses nothing after this moment. */
export async function engineVersion() {
  return (await get('/health')).engineVersion;
}

export function getTwin(id) {
  return get(`/digitaltwins/${enc(id)}`);
}

export async function getModel(id) {
  return get(`/models/${enc(id)}?includeModelDefinition=true`);
}

/** Follows nextLink to the end (list endpoints page with an absolute nextLink). */
export async function getAllPages(path, limit = 100_000) {
  const items = [];
  let next = path;
  while (next && items.length < limit) {
    const page = await get(next.startsWith('http') ? new URL(next).pathname + new URL(next).search : next);
    items.push(...(page.value ?? []));
    next = page.nextLink;
  }
  return items;
}

/** One page of a query: {value, continuationToken}. */
export function query(text, continuationToken = null, pageSize = 100) {
  const body = continuationToken ? { query: text, continuationToken } : { query: text };
  return post('/query', body, { 'max-items-per-page': String(pageSize) });
}

/**
 * Every row of a query, page by page; onPage(rowsSoFar) lets a caller show progress. firstPage: the first page's
 * request when it was sent already (fetch's promise, see graph-queries.js).
 */
export async function queryAll(text, { pageSize = 1000, limit = 100_000, onPage, firstPage = null } = {}) {
  const rows = [];
  let page = await (firstPage ? answer(firstPage) : query(text, null, pageSize));
  for (;;) {
    rows.push(...page.value);
    onPage?.(rows.length);
    if (!page.continuationToken || rows.length >= limit) return rows;
    page = await query(text, page.continuationToken, pageSize);
  }
}

export function explain(text) {
  return post('/query/explain', { query: text });
}

/** A quoted string literal for the query language. */
export function quote(s) {
  return "'" + String(s).replaceAll('\\', '\\\\').replaceAll("'", "\\'") + "'";
}
