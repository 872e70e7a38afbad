// The live connection (/chargepriority/ws): status messages in, a ping every 30 s, and a reconnect every 3 s
// (constant, forever) after any loss. The token, when there is one, goes in a subprotocol "bearer.<token>" next to
// "chargepriority" (browsers cannot set headers on a WebSocket), or as ?token= when it has characters a
// subprotocol cannot carry.
import { token } from './api.js';

const RECONNECT_MS = 3000;
const PING_MS = 30000;
const PROTOCOL_SAFE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function connect({ onStatus, onPlan, onState, onHandshakeFailed }) {
  let socket = null;
  let pingTimer = null;
  let opened = false;

  function url() {
    const u = new URL('ws', window.location.href);
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    const tok = token();
    if (tok && !PROTOCOL_SAFE.test(tok)) {
      u.searchParams.set('token', tok);
    }
    return u.toString();
  }

  function protocols() {
    const tok = token();
    return tok && PROTOCOL_SAFE.test(tok) ? ['chargepriority', `bearer.${tok}`] : ['chargepriority'];
  }

  function open() {
    opened = false;
    try {
      socket = new WebSocket(url(), protocols());
    } catch (e) {
      retry();
      return;
    }
    socket.addEventListener('open', () => {
      opened = true;
      onState('connected');
      pingTimer = setInterval(() => send({ type: 'ping' }), PING_MS);
    });
    socket.addEventListener('message', (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (message.type === 'initial_status' || message.type === 'status_update') {
        onStatus(message);
      } else if (message.type === 'plan_update' && onPlan) {
        onPlan(message);
      }
    });
    socket.addEventListener('close', () => {
      clearInterval(pingTimer);
      if (!opened && onHandshakeFailed) {
        // A refused handshake looks like any other failure to a page: let the app find out why (e.g. a 401).
        onHandshakeFailed();
      }
      retry();
    });
  }

  function retry() {
    onState('reconnecting');
    setTimeout(open, RECONNECT_MS);
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  open();
  return {
    /** Reconnects at once, e.g. after a new token was entered. */
    restart() {
      if (socket) {
        socket.close();
      }
    },
  };
}
