/* The conversation kept across reloads in this tab (sessionStorage), written only once the
   visitor has opened the chat: nothing is stored before. Its token proves to Rasa and to the
   web process that this browser started it. `win` is the window (tests pass a stand-in);
   reading win.sessionStorage may itself throw where storage is blocked. */
import { STORAGE_KEY } from "./config.js";

export function loadState(win = window) {
  try {
    const saved = JSON.parse(win.sessionStorage.getItem(STORAGE_KEY) || "null");
    if (saved && typeof saved.sessionId === "string" && Array.isArray(saved.messages)) { return saved; }
  } catch (error) { /* storage blocked or damaged: start afresh */ }
  return null;
}

export function freshState() {
  /* The id and its token come from the web process (newSession), when the chat first connects. */
  return { sessionId: null, token: null, messages: [], open: false, live: false, relayAfter: 0 };
}

export function saveState(state, win = window) {
  try { win.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (error) { /* private mode */ }
}

export function forgetState(win = window) {
  try { win.sessionStorage.removeItem(STORAGE_KEY); } catch (error) { /* nothing stored */ }
}

/* A reply of the assistant (Rasa's bot_uttered) as the message to show, or null when it has
   nothing to show. Buttons need a title and a payload; both become text. */
export function assistantRecord(message) {
  const buttons = (message.quick_replies || message.buttons || [])
    .map((button) => ({ title: String(button.title || ""), payload: String(button.payload || "") }))
    .filter((button) => button.title && button.payload);
  const card = message.card && typeof message.card === "object" ? message.card : null;
  if (card || message.text || buttons.length) {
    return { who: "bot", text: String(message.text || ""), buttons, card };
  }
  return null;
}

/* The assistant hands the visitor to the agency's staff: the live chat waits for someone. */
export function waitsForStaff(message) {
  return Boolean(message.live_chat && message.live_chat.status === "waiting");
}

export function awaitStaff(state) {
  state.live = true;
  state.staffJoined = false;
}

/* Messages from the relay (staff and notices, `live` the live chat's state: "waiting",
   "active" or anything else for over): moves the state on and gives the messages to show. */
export function takeStaffMessages(state, messages, live) {
  const records = messages.map((message) => {
    state.relayAfter = Math.max(state.relayAfter || 0, message.id || 0);
    if (message.kind === "staff") { state.staffJoined = true; }
    if (message.kind === "notice" && live === "active") { state.staffJoined = true; }
    return { who: message.kind === "staff" ? "staff" : "notice", author: message.author,
      text: String(message.text || ""), buttons: message.buttons || [] };
  });
  state.live = live === "waiting" || live === "active";
  if (!state.live) { state.staffJoined = false; }
  return records;
}
