/* The socket.io connection to Rasa (reconnecting by itself) and the relay of the web process
   that brings messages from the agency's staff during a live chat. */
/* Messages are sent only once Rasa has confirmed the session (it then answers to this
   session's room); until then, also after a drop, they wait here in order. socket.io's own
   buffer would send them before the session request, and the replies would be lost. */
function relayBase() { return config.relayUrl.replace(/\/$/, ""); }

/* A new conversation from the web process: its id and the token that binds it to this browser. */
function newSession() {
  return fetch(relayBase() + "/chat/session", { method: "POST", credentials: "omit", cache: "no-store" })
    .then(function (answer) { return answer.ok ? answer.json() : Promise.reject(answer.status); });
}

function tokenHeaders(token) {
  return { "X-Lotse-Conversation-Token": token || "" };
}

/* session(): a promise of the conversation ({sessionId, token}), made when first needed. */
function connect(session, handlers) {
  var socket = io(config.rasaUrl, {
    path: config.socketPath, transports: ["websocket"], reconnection: true,
    reconnectionDelay: 1000, reconnectionDelayMax: 5000, timeout: 10000
  });
  socket.ready = false;
  socket.pending = [];
  socket.on("connect", function () { requestSession(socket, session, handlers); });
  socket.on("session_refused", function () { socket.ready = false; handlers.refused(); });
  socket.on("session_confirm", function () {
    socket.ready = true;
    handlers.connected();
    while (socket.pending.length && socket.ready) {
      socket.emit("user_uttered", socket.pending.shift());
    }
  });
  socket.on("disconnect", function () { socket.ready = false; handlers.disconnected(); });
  socket.on("connect_error", function () { socket.ready = false; handlers.disconnected(); });
  socket.on("bot_uttered", function (message) { handlers.message(message || {}); });
  return socket;
}

function requestSession(socket, session, handlers) {
  session().then(function (current) {
    socket.emit("session_request", { session_id: current.sessionId, token: current.token });
  }, function () { handlers.disconnected(); });
}

function sendText(socket, sessionId, text) {
  var message = { message: text, session_id: sessionId };
  if (socket.ready) { socket.emit("user_uttered", message); } else { socket.pending.push(message); }
}

function Relay(onMessages) {
  this.timer = null;
  this.onMessages = onMessages;
}

Relay.prototype.start = function (state) {
  var relay = this;
  if (relay.timer) { return; }
  function poll() {
    var url = relayBase() + "/chat/" + encodeURIComponent(state.sessionId) +
      "/messages?after=" + encodeURIComponent(state.relayAfter || 0);
    fetch(url, { credentials: "omit", cache: "no-store", headers: tokenHeaders(state.token) })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (body) {
        if (body) { relay.onMessages(body.messages || [], body.live); }
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () {
        relay.timer = state.live ? window.setTimeout(poll, RELAY_POLL_MS) : null;
      });
  }
  relay.timer = window.setTimeout(poll, 0);
};

function forgetOnServer(sessionId, token) {
  if (!sessionId) { return Promise.resolve(true); }
  var url = relayBase() + "/chat/" + encodeURIComponent(sessionId) + "/forget";
  return fetch(url, { method: "POST", credentials: "omit", headers: tokenHeaders(token) })
    .then(function (answer) { return answer.ok; },
    function () { return false; });
}
