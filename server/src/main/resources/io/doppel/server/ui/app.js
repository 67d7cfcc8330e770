// Boots the UI: the nav from the page registry, the search box, the server-status line and the router.
import { pages } from './registry.js';
import { start, navigate, redrawWhenServerIsBack } from './router.js';
import { checkHealth, onServerBack } from './health.js';
import { h, twinHref } from './dom.js';
import { wireSearch } from './search.js';

performance.mark('doppel:app-start'); // every static import above is loaded and evaluated by now

function buildNav() {
  const nav = document.getElementById('nav');
  let group = null;
  for (const page of pages.filter(p => p.navPath)) {
    if (page.group !== group) {
      group = page.group;
      nav.append(h('div.group', {}, group));
    }
    nav.append(h('a', { href: page.navPath }, page.title));
  }
}

// A failure nobody caught still ends as words on the page, not as a blank one.
window.addEventListener('unhandledrejection', e => console.error('unhandled', e.reason));

buildNav();
// A page may take the search itself (the graph selects the twin in place) by cancelling the event; else the twin opens.
wireSearch(id => {
  if (dispatchEvent(new CustomEvent('doppel:search', { detail: id, cancelable: true }))) navigate(twinHref(id));
});
onServerBack(redrawWhenServerIsBack); // the current page reads fresh data once the server answers again
checkHealth();
start();
