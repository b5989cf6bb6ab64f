/* Wiring: open and close (focus into the input, Esc closes, focus back to the launcher),
   sending, showing replies, the connection state, the live chat and "Verlauf löschen". */
import { NO_ANSWER_MS } from "./config.js";
import { Relay, connect, forgetOnServer, newSession, requestSession, sendText } from "./connection.js";
import { buildWidget, messageNode } from "./render.js";
import {
  assistantRecord, awaitStaff, forgetState, freshState, loadState, saveState, takeStaffMessages, waitsForStaff
} from "./store.js";

export const CONNECTION_TEXT = {
  connecting: "Verbindung wird aufgebaut …",
  online: "verbunden",
  offline: "Verbindung unterbrochen – wird wiederhergestellt …"
};

export class LotseChat {
  constructor(mount, config, pageUrl) {
    this.config = config;
    this.view = buildWidget(config, pageUrl);
    this.state = loadState();
    this.socket = null;
    this.waiting = null;
    this.relay = new Relay(config, (messages, live) => { this.fromStaff(messages, live); });
    mount.appendChild(this.view.root);
    if (this.state) {
      this.state.messages.forEach((message) => { this.show(message); });
      if (this.state.open) { this.open(false); }
    }
    this.view.launcher.addEventListener("click", () => {
      if (this.view.panel.hidden) { this.open(true); } else { this.close(); }
    });
    this.view.close.addEventListener("click", () => { this.close(); });
    this.view.panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { event.preventDefault(); this.close(); }
    });
    this.view.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.view.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.view.clear.addEventListener("click", () => { this.clear(); });
  }

  open(focus) {
    if (!this.state) { this.state = freshState(); }
    this.state.open = true;
    saveState(this.state);
    this.view.panel.hidden = false;
    this.view.launcher.setAttribute("aria-expanded", "true");
    this.view.root.classList.add("lotse-open");
    if (!this.socket) { this.start(); }
    if (this.state.live) { this.relay.start(this.state); }
    if (focus) { this.view.input.focus(); }
  }

  close() {
    this.view.panel.hidden = true;
    this.view.launcher.setAttribute("aria-expanded", "false");
    this.view.root.classList.remove("lotse-open");
    if (this.state) { this.state.open = false; saveState(this.state); }
    this.view.launcher.focus();
  }

  start() {
    this.setConnection("connecting");
    this.socket = connect(this.config, () => this.session(), {
      connected: () => { this.setConnection("online"); },
      disconnected: () => { this.setConnection("offline"); },
      refused: () => { this.renewSession(); },
      message: (message) => { this.fromAssistant(message); }
    });
  }

  /* The conversation's id and token, asked from the web process the first time. */
  session() {
    if (this.state.sessionId && this.state.token) { return Promise.resolve(this.state); }
    if (!this.pendingSession) {
      this.pendingSession = newSession(this.config).then((fresh) => {
        this.pendingSession = null;
        this.state.sessionId = fresh.sessionId;
        this.state.token = fresh.token;
        saveState(this.state);
        return this.state;
      }, (error) => { this.pendingSession = null; return Promise.reject(error); });
    }
    return this.pendingSession;
  }

  /* Rasa refused the stored conversation (e.g. its key was renewed): a new one, asked again. */
  renewSession() {
    this.state.sessionId = null;
    this.state.token = null;
    requestSession(this.socket, () => this.session(),
      { disconnected: () => { this.setConnection("offline"); } });
  }

  setConnection(state) {
    const previous = this.view.connection.getAttribute("data-state");
    this.view.connection.setAttribute("data-state", state);
    this.view.connection.textContent = CONNECTION_TEXT[state];
    if (state === "offline") { this.status(CONNECTION_TEXT.offline); }
    if (state === "online" && previous === "offline") { this.status("Die Verbindung steht wieder."); }
  }

  status(text) { this.view.status.textContent = text; }

  record(message) {
    this.state.messages.push(message);
    saveState(this.state);
    this.show(message);
  }

  /* Scrolls to the newest message, but never past the first reply of the visitor's turn, so
     that a long answer is read from its start. */
  show(message) {
    const node = messageNode(message, (button) => { this.send(button.payload, button.title); }, this.config.agency);
    this.view.log.appendChild(node);
    const scroller = this.view.scroller;
    const bottom = scroller.scrollHeight - scroller.clientHeight;
    if (message.who === "visitor") {
      this.turnStart = null;
      scroller.scrollTop = bottom;
      return;
    }
    if (!this.turnStart) { this.turnStart = node; }
    scroller.scrollTop = Math.min(bottom, Math.max(0, this.turnStart.offsetTop - 8));
  }

  submit() {
    const text = this.view.input.value.replace(/\s+$/, "");
    if (!text.trim()) { return; }
    this.view.input.value = "";
    this.send(text.slice(0, this.config.maxLength), null);
  }

  /* `shown`: what the visitor sees as their message (a button's title instead of its payload). */
  send(text, shown) {
    this.record({ who: "visitor", text: shown || text });
    sendText(this.socket, this.state.sessionId, text);
    if (this.state.live && this.state.staffJoined) { return; }
    this.status(this.socket.ready ? "Der Assistent schreibt" :
      "Keine Verbindung: Ihre Nachricht wird gesendet, sobald die Verbindung wieder steht.");
    this.view.root.classList.add("lotse-typing");
    window.clearTimeout(this.waiting);
    this.waiting = window.setTimeout(() => {
      this.view.root.classList.remove("lotse-typing");
      this.status("Es kam keine Antwort. Bitte versuchen Sie es noch einmal.");
    }, NO_ANSWER_MS);
  }

  fromAssistant(message) {
    window.clearTimeout(this.waiting);
    this.view.root.classList.remove("lotse-typing");
    this.status("");
    if (waitsForStaff(message)) {
      awaitStaff(this.state);
      saveState(this.state);
      this.relay.start(this.state);
    }
    const record = assistantRecord(message);
    if (record) { this.record(record); }
  }

  fromStaff(messages, live) {
    takeStaffMessages(this.state, messages, live).forEach((record) => { this.record(record); });
    saveState(this.state);
  }

  clear() {
    if (!this.state) { return; }
    if (!this.confirmingClear) {
      this.confirmingClear = true;
      this.view.clear.textContent = "Wirklich löschen?";
      this.status("Noch einmal „Wirklich löschen?“ drücken, um den Verlauf zu löschen. Ein vereinbarter " +
        "Rückruf bleibt bestehen.");
      return;
    }
    this.confirmingClear = false;
    this.view.clear.textContent = "Verlauf löschen";
    forgetOnServer(this.config, this.state.sessionId, this.state.token);
    forgetState();
    this.view.log.textContent = "";
    this.state = freshState();
    this.state.open = true;
    saveState(this.state);
    if (this.socket && this.socket.connected) {
      this.socket.ready = false;  // until Rasa confirms the new session
      requestSession(this.socket, () => this.session(),
        { disconnected: () => { this.setConnection("offline"); } });
    }
    this.status("Der Verlauf ist gelöscht.");
    this.view.input.focus();
  }
}
