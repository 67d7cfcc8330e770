// Client-side routing with the history API: every page has a real URL under /ui/ that the server answers with
// index.html, so links can be bookmarked, reloaded and opened in a new tab.
import { pages } from './registry.js';

let current = null; // {page, cleanup}
const view = () => document.getElementById('view');

/** Finds the page whose pattern ('/ui/twins/:id') matches the path; returns it with its decoded params. */
export function match(path) {
  if (path === '/' || path === '/ui' || path === '/ui/') path = '/ui/graph';
  const parts = path.split('/').filter(Boolean);
  for (const page of pages) {
    const pattern = page.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params = {};
    const ok = pattern.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return p === parts[i];
    });
    if (ok) return { page, params };
  }
  return null;
}

export function navigate(href, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  render();
}

export async function render() {
  const url = new URL(location.href);
  const found = match(url.pathname);
  current?.cleanup?.();
  current = null;
  // Each render gets its own element: a page still loading when the user moves on writes into a detached one.
  const el = document.createElement('div');
  el.className = 'page';
  view().className = found?.page.layout === 'full' ? 'view full' : 'view';
  view().replaceChildren(el);
  markNav(found?.page);
  if (!found) {
    const { notFound } = await import('./pages/not-found.js');
    notFound(el, url.pathname);
    return;
  }
  document.title = `${found.page.title} · Doppel`;
  const module = await found.page.load();
  performance.mark('doppel:page-module');
  const ctx = { params: found.params, query: url.searchParams, page: found.page };
  const token = { page: found.page };
  current = token;
  try {
    const cleanup = await module.render(el, ctx);
    if (current === token) token.cleanup = cleanup;
    else cleanup?.(); // the user moved on while this page was loading
  } catch (e) {
    const { showError } = await import('./errors.js');
    showError(el, e, `The ${found.page.title} page could not be shown.`);
  }
}

/**
 * The server is back: redraw the current page from fresh data, unless it follows the change stream by itself (its
 * subscription reconnects with its cursor and replays what it missed; a redraw would start it over from now).
 */
export function redrawWhenServerIsBack() {
  if (current?.page?.resumesByItself) return;
  render();
}

function markNav(page) {
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', page !== undefined && a.getAttribute('href') === page.navPath);
  }
}

/** Same-origin links under /ui/ go through the router instead of reloading the page. */
export function start() {
  document.addEventListener('click', e => {
    const a = e.target.closest?.('a[href]');
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || a.target) return;
    const href = a.getAttribute('href');
    if (!href.startsWith('/ui/') || href.startsWith('/ui/static/')) return;
    e.preventDefault();
    navigate(href);
  });
  window.addEventListener('popstate', render);
  render();
}
