// A query error drawn at its place: the API names the position as "line:column"; the line is shown with a caret
// under that column, and the text area's cursor is put there.
import { ApiError } from './api.js';
import { h } from './dom.js';
import { errorBox } from './errors.js';

export function positionOf(error) {
  const m = error instanceof ApiError ? /^(\d+):(\d+)$/.exec(error.target ?? '') : null;
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

export function queryErrorBox(error, text, textarea) {
  const box = errorBox(error);
  const at = positionOf(error);
  if (!at) return box;
  const line = text.split('\n')[at.line - 1] ?? '';
  box.append(h('pre', { id: 'query-error-position' },
    `line ${at.line}, column ${at.column}\n${line}\n${' '.repeat(Math.max(0, at.column - 1))}^`));
  if (textarea) {
    const offset = text.split('\n').slice(0, at.line - 1).reduce((n, l) => n + l.length + 1, 0) + at.column - 1;
    textarea.focus();
    textarea.setSelectionRange(offset, Math.min(text.length, offset + 1));
  }
  return box;
}
