/* Wiring: open and close (focus into the input, Esc closes, focus back to the launcher),
   sending, showing replies, the connection state, the live chat and "Verlauf löschen". */
function LotseChat(mount) {
  var chat = this;
  chat.view = buildWidget();
  chat.state = loadState();
  chat.socket = null;
  chat.waiting = null;
  chat.relay = new Relay(function (messages, live) { chat.fromStaff(messages, live); });
  mount.appendChild(chat.view.root);
  if (chat.state) {
    chat.state.messages.forEach(function (message) { chat.show(message); });
    if (chat.state.open) { chat.open(false); }
  }
  chat.view.launcher.addEventListener("click", function () {
    if (chat.view.panel.hidden) { chat.open(true); } else { chat.close(); }
  });
  chat.view.close.addEventListener("click", function () { chat.close(); });
  chat.view.panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); chat.close(); }
  });
  chat.view.form.addEventListener("submit", function (event) {
    event.preventDefault();
    chat.submit();
  });
  chat.view.input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      chat.submit();
    }
  });
  chat.view.clear.addEventListener("click", function () { chat.clear(); });
}

LotseChat.prototype.open = function (focus) {
  if (!this.state) { this.state = freshState(); }
  this.state.open = true;
  saveState(this.state);
  this.view.panel.hidden = false;
  this.view.launcher.setAttribute("aria-expanded", "true");
  this.view.root.classList.add("lotse-open");
  if (!this.socket) { this.start(); }
  if (this.state.live) { this.relay.start(this.state); }
  if (focus) { this.view.input.focus(); }
};

LotseChat.prototype.close = function () {
  this.view.panel.hidden = true;
  this.view.launcher.setAttribute("aria-expanded", "false");
  this.view.root.classList.remove("lotse-open");
  if (this.state) { this.state.open = false; saveState(this.state); }
  this.view.launcher.focus();
};

LotseChat.prototype.start = function () {
  var chat = this;
  chat.setConnection("connecting");
  chat.socket = connect(function () { return chat.session(); }, {
    connected: function () { chat.setConnection("online"); },
    disconnected: function () { chat.setConnection("offline"); },
    refused: function () { chat.renewSession(); },
    message: function (message) { chat.fromAssistant(message); }
  });
};

/* The conversation's id and token, asked from the web process the first time. */
LotseChat.prototype.session = function () {
  var chat = this;
  if (chat.state.sessionId && chat.state.token) { return Promise.resolve(chat.state); }
  if (!chat.pendingSession) {
    chat.pendingSession = newSession().then(function (fresh) {
      chat.pendingSession = null;
      chat.state.sessionId = fresh.sessionId;
      chat.state.token = fresh.token;
      saveState(chat.state);
      return chat.state;
    }, function (error) { chat.pendingSession = null; return Promise.reject(error); });
  }
  return chat.pendingSession;
};

/* Rasa refused the stored conversation (e.g. its key was renewed): a new one, asked again. */
LotseChat.prototype.renewSession = function () {
  var chat = this;
  chat.state.sessionId = null;
  chat.state.token = null;
  requestSession(chat.socket, function () { return chat.session(); },
    { disconnected: function () { chat.setConnection("offline"); } });
};

var CONNECTION_TEXT = {
  connecting: "Verbindung wird aufgebaut …",
  online: "verbunden",
  offline: "Verbindung unterbrochen – wird wiederhergestellt …"
};

LotseChat.prototype.setConnection = function (state) {
  var previous = this.view.connection.getAttribute("data-state");
  this.view.connection.setAttribute("data-state", state);
  this.view.connection.textContent = CONNECTION_TEXT[state];
  if (state === "offline") { this.status(CONNECTION_TEXT.offline); }
  if (state === "online" && previous === "offline") { this.status("Die Verbindung steht wieder."); }
};

LotseChat.prototype.status = function (text) { this.view.status.textContent = text; };

LotseChat.prototype.record = function (message) {
  this.state.messages.push(message);
  saveState(this.state);
  this.show(message);
};

/* Scrolls to the newest message, but never past the first reply of the visitor's turn, so
   that a long answer is read from its start. */
LotseChat.prototype.show = function (message) {
  var chat = this;
  var node = messageNode(message, function (button) { chat.send(button.payload, button.title); });
  chat.view.log.appendChild(node);
  var scroller = chat.view.scroller;
  var bottom = scroller.scrollHeight - scroller.clientHeight;
  if (message.who === "visitor") {
    chat.turnStart = null;
    scroller.scrollTop = bottom;
    return;
  }
  if (!chat.turnStart) { chat.turnStart = node; }
  scroller.scrollTop = Math.min(bottom, Math.max(0, chat.turnStart.offsetTop - 8));
};

LotseChat.prototype.submit = function () {
  var text = this.view.input.value.replace(/\s+$/, "");
  if (!text.trim()) { return; }
  this.view.input.value = "";
  this.send(text.slice(0, config.maxLength), null);
};

/* `shown`: what the visitor sees as their message (a button's title instead of its payload). */
LotseChat.prototype.send = function (text, shown) {
  var chat = this;
  chat.record({ who: "visitor", text: shown || text });
  sendText(chat.socket, chat.state.sessionId, text);
  if (chat.state.live && chat.state.staffJoined) { return; }
  chat.status(chat.socket.ready ? "Der Assistent schreibt" :
    "Keine Verbindung: Ihre Nachricht wird gesendet, sobald die Verbindung wieder steht.");
  chat.view.root.classList.add("lotse-typing");
  window.clearTimeout(chat.waiting);
  chat.waiting = window.setTimeout(function () {
    chat.view.root.classList.remove("lotse-typing");
    chat.status("Es kam keine Antwort. Bitte versuchen Sie es noch einmal.");
  }, NO_ANSWER_MS);
};

LotseChat.prototype.fromAssistant = function (message) {
  window.clearTimeout(this.waiting);
  this.view.root.classList.remove("lotse-typing");
  this.status("");
  if (message.live_chat && message.live_chat.status === "waiting") {
    this.state.live = true;
    this.state.staffJoined = false;
    saveState(this.state);
    this.relay.start(this.state);
  }
  var buttons = (message.quick_replies || message.buttons || []).map(function (button) {
    return { title: String(button.title || ""), payload: String(button.payload || "") };
  }).filter(function (button) { return button.title && button.payload; });
  var card = message.card && typeof message.card === "object" ? message.card : null;
  if (card || message.text || buttons.length) {
    this.record({ who: "bot", text: String(message.text || ""), buttons: buttons, card: card });
  }
};

LotseChat.prototype.fromStaff = function (messages, live) {
  var chat = this;
  messages.forEach(function (message) {
    chat.state.relayAfter = Math.max(chat.state.relayAfter || 0, message.id || 0);
    if (message.kind === "staff") { chat.state.staffJoined = true; }
    if (message.kind === "notice" && live === "active") { chat.state.staffJoined = true; }
    chat.record({ who: message.kind === "staff" ? "staff" : "notice", author: message.author,
      text: String(message.text || ""), buttons: message.buttons || [] });
  });
  chat.state.live = live === "waiting" || live === "active";
  if (!chat.state.live) { chat.state.staffJoined = false; }
  saveState(chat.state);
};

LotseChat.prototype.clear = function () {
  var chat = this;
  if (!chat.state) { return; }
  if (!chat.confirmingClear) {
    chat.confirmingClear = true;
    chat.view.clear.textContent = "Wirklich löschen?";
    chat.status("Noch einmal „Wirklich löschen?“ drücken, um den Verlauf zu löschen. Ein vereinbarter " +
      "Rückruf bleibt bestehen.");
    return;
  }
  chat.confirmingClear = false;
  chat.view.clear.textContent = "Verlauf löschen";
  forgetOnServer(chat.state.sessionId, chat.state.token);
  forgetState();
  chat.view.log.textContent = "";
  chat.state = freshState();
  chat.state.open = true;
  saveState(chat.state);
  if (chat.socket && chat.socket.connected) {
    chat.socket.ready = false;  // until Rasa confirms the new session
    requestSession(chat.socket, function () { return chat.session(); },
      { disconnected: function () { chat.setConnection("offline"); } });
  }
  chat.status("Der Verlauf ist gelöscht.");
  chat.view.input.focus();
};

function start() {
  var stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = new URL("lotse-chat.css", here).href;
  document.head.appendChild(stylesheet);
  window.lotseChat = new LotseChat(document.body);
}

if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
