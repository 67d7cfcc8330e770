import { h, clear } from '../dom.js';

export function notFound(el, path) {
  clear(el, h('h1', {}, 'No such page'),
    h('p', {}, 'The UI has no page at ', h('code', {}, path), '. ', h('a', { href: '/ui/graph' }, 'Open the graph'),
      ' or pick a page on the left.'));
}
