// Explains a failure in words: what happened, the API's code and message, and what to do. Never a stack trace.
import { ApiError, ServerUnreachable } from './api.js';
import { h } from './dom.js';

export function errorBox(error, context) {
  if (error instanceof ServerUnreachable) {
    return h('div.error', {}, h('div', {}, h('span.code', {}, 'Server unreachable'), ' ', context ?? ''),
      h('div.muted', {}, 'The page reloads its data by itself when the server answers again.'));
  }
  if (error instanceof ApiError) {
    return h('div.error', { dataset: { code: error.code } },
      h('div', {}, h('span.code', {}, error.code), ' ', error.message),
      error.details.length ? h('ul', {}, error.details.map(d =>
        h('li', {}, d.target ? h('code', {}, d.target) : '', d.target ? ': ' : '', d.message ?? d.code))) : null,
      context ? h('div.muted', {}, context) : null);
  }
  console.error(error);
  return h('div.error', {}, h('span.code', {}, 'Unexpected problem'), ' ', context ?? '',
    h('div.muted', {}, String(error?.message ?? error)));
}

export function showError(el, error, context) {
  el.replaceChildren(errorBox(error, context));
}
