/* The conversation kept across reloads in this tab (sessionStorage), written only once the
   visitor has opened the chat: nothing is stored before. */
function newSessionId() {
  var bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
}

function loadState() {
  try {
    var saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "null");
    if (saved && typeof saved.sessionId === "string" && Array.isArray(saved.messages)) { return saved; }
  } catch (error) { /* storage blocked or damaged: start afresh */ }
  return null;
}

function freshState() {
  return { sessionId: newSessionId(), messages: [], open: false, live: false, relayAfter: 0 };
}

function saveState(state) {
  try { window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (error) { /* private mode */ }
}

function forgetState() {
  try { window.sessionStorage.removeItem(STORAGE_KEY); } catch (error) { /* nothing stored */ }
}
