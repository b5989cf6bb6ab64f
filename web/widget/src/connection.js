/* The socket.io connection to Rasa (reconnecting by itself) and the relay of the web process
   that brings messages from the agency's staff during a live chat. */
/* Messages are sent only once Rasa has confirmed the session (it then answers to this
   session's room); until then, also after a drop, they wait here in order. socket.io's own
   buffer would send them before the session request, and the replies would be lost. */
import { io } from "socket.io-client";
import { RELAY_POLL_MS } from "./config.js";

export function relayBase(config) { return config.relayUrl.replace(/\/$/, ""); }

export function tokenHeaders(token) {
  return { "X-Lotse-Conversation-Token": token || "" };
}

/* Where the relay gives the messages after the last one seen. */
export function relayMessagesUrl(base, state) {
  return base + "/chat/" + encodeURIComponent(state.sessionId) +
    "/messages?after=" + encodeURIComponent(state.relayAfter || 0);
}

/* A new conversation from the web process: its id and the token that binds it to this browser. */
export function newSession(config) {
  return fetch(relayBase(config) + "/chat/session", { method: "POST", credentials: "omit", cache: "no-store" })
    .then((answer) => (answer.ok ? answer.json() : Promise.reject(answer.status)));
}

/* session(): a promise of the conversation ({sessionId, token}), made when first needed. */
export function connect(config, session, handlers) {
  const socket = io(config.rasaUrl, {
    path: config.socketPath, transports: ["websocket"], reconnection: true,
    reconnectionDelay: 1000, reconnectionDelayMax: 5000, timeout: 10000
  });
  socket.ready = false;
  socket.pending = [];
  socket.on("connect", () => { requestSession(socket, session, handlers); });
  socket.on("session_refused", () => { socket.ready = false; handlers.refused(); });
  socket.on("session_confirm", () => {
    socket.ready = true;
    handlers.connected();
    flush(socket);
  });
  socket.on("disconnect", () => { socket.ready = false; handlers.disconnected(); });
  socket.on("connect_error", () => { socket.ready = false; handlers.disconnected(); });
  socket.on("bot_uttered", (message) => { handlers.message(message || {}); });
  return socket;
}

export function requestSession(socket, session, handlers) {
  session().then((current) => {
    socket.emit("session_request", { session_id: current.sessionId, token: current.token });
  }, () => { handlers.disconnected(); });
}

/* The waiting messages, in order, while the session stands. */
export function flush(socket) {
  while (socket.pending.length && socket.ready) {
    socket.emit("user_uttered", socket.pending.shift());
  }
}

export function sendText(socket, sessionId, text) {
  const message = { message: text, session_id: sessionId };
  if (socket.ready) { socket.emit("user_uttered", message); } else { socket.pending.push(message); }
}

/* Polls the relay while the live chat lasts (state.live); onMessages(messages, live). */
export class Relay {
  constructor(config, onMessages) {
    this.config = config;
    this.timer = null;
    this.onMessages = onMessages;
  }

  start(state) {
    if (this.timer) { return; }
    const poll = () => {
      fetch(relayMessagesUrl(relayBase(this.config), state),
        { credentials: "omit", cache: "no-store", headers: tokenHeaders(state.token) })
        .then((answer) => (answer.ok ? answer.json() : null))
        .then((body) => {
          if (body) { this.onMessages(body.messages || [], body.live); }
        })
        .catch(() => { /* the next poll tries again */ })
        .then(() => {
          this.timer = state.live ? window.setTimeout(poll, RELAY_POLL_MS) : null;
        });
    };
    this.timer = window.setTimeout(poll, 0);
  }
}

export function forgetOnServer(config, sessionId, token) {
  if (!sessionId) { return Promise.resolve(true); }
  const url = relayBase(config) + "/chat/" + encodeURIComponent(sessionId) + "/forget";
  return fetch(url, { method: "POST", credentials: "omit", headers: tokenHeaders(token) })
    .then((answer) => answer.ok, () => false);
}
