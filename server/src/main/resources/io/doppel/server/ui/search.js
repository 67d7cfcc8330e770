// The top search box: suggests twin ids as you type (a STARTSWITH query) and opens the twin on Enter.
import { query, quote } from './api.js';
import { h } from './dom.js';

export function wireSearch(open) {
  const form = document.getElementById('search');
  const input = document.getElementById('search-input');
  const list = document.getElementById('search-suggestions');
  let pending = null;
  input.addEventListener('input', () => {
    clearTimeout(pending);
    const prefix = input.value.trim();
    if (!prefix) return list.replaceChildren();
    pending = setTimeout(async () => {
      try {
        const page = await query(
          `SELECT TOP(12) T.$dtId FROM DIGITALTWINS T WHERE STARTSWITH(T.$dtId, ${quote(prefix)})`, null, 12);
        if (input.value.trim() === prefix) list.replaceChildren(...page.value.map(r => h('option', { value: r.$dtId })));
      } catch { /* suggestions are a convenience: the banner reports a server that is down */ }
    }, 150);
  });
  form.addEventListener('submit', e => {
    e.preventDefault();
    const id = input.value.trim();
    if (id) open(id);
  });
}
