// A change-stream subscription over the WebSocket at /events. It remembers the last event id and, when the socket
// drops, reconnects with it as the cursor, so no change is missed; when the server no longer has events that old
// (CURSOR_EXPIRED), it tells the page to reload its state and follows from now.
import { reportDown, reportUp } from './health.js';

/**
 * filter: {twin: [...], model: [...], type: [...]} (as in the subscribe message of docs/streams.md).
 * onEvent(cloudEvent); onState('live' | 'reconnecting' | 'resync' | 'failed', detail). from: an engine version
 * (from /health) to replay from, so that no change after it is missed even before the socket is open.
 */
export function subscribe(filter, onEvent, onState = () => {}, { from = null } = {}) {
  // Starting from a known version closes the gap between reading the state and the subscription taking effect.
  let cursor = from;
  let socket = null;
  let closed = false;
  let retry = 500;
  let retryTimer = null;
  let refusal = null; // the error frame the server sends before it closes on a refused subscription

  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/events';

  function open() {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      const message = { type: 'subscribe', filter };
      if (cursor !== null) message.cursor = Number(cursor);
      socket.send(JSON.stringify(message));
      refusal = null;
      retry = 500;
      reportUp();
      onState('live');
    });
    socket.addEventListener('message', e => {
      const event = JSON.parse(e.data);
      if (event.type === 'error' && event.error) { // not a CloudEvent: why the close that follows happens
        refusal = event.error;
        return;
      }
      cursor = event.id;
      onEvent(event);
    });
    socket.addEventListener('close', e => {
      if (closed) return;
      // Expired, or ahead of a server that restarted without its data: the gap cannot be replayed, so the page
      // reloads what it shows and follows from now.
      if (e.code === 1008 && (e.reason.startsWith('CURSOR_EXPIRED') || e.reason.startsWith('INVALID_ARGUMENT: cursor'))) {
        cursor = null;
        onState('resync', e.reason);
      } else if (e.code === 1008 && !e.reason.startsWith('SUBSCRIBER_TOO_SLOW')) {
        closed = true; // a refused filter: reconnecting would be refused again
        onState('failed', refusal ? `${refusal.code}: ${refusal.message}` : e.reason);
        return;
      } else {
        if (e.code !== 1001 && e.code !== 1008) reportDown(); // 1001: shutting down, also seen by the fetches
        onState('reconnecting', e.reason || `closed (${e.code})`);
      }
      retryTimer = setTimeout(open, retry);
      retry = Math.min(retry * 2, 10000);
    });
  }

  open();
  return {
    close() {
      closed = true;
      clearTimeout(retryTimer);
      socket?.close(1000, 'page closed');
    },
    get cursor() { return cursor; },
  };
}

/** The twin's ETag is its version in hex (W/"0000000000000208"); unknown shapes never skip an event. */
export function versionOf(twin) {
  const m = /"([0-9a-f]+)"/.exec(twin.$etag ?? '');
  return m ? parseInt(m[1], 16) : -1;
}

/** The ETag a twin has after the change that an event (its id: the engine's version) reports. */
export function etagAfter(event) {
  return `W/"${Number(event.id).toString(16).padStart(16, '0')}"`;
}
