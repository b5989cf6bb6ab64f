/* The conversation kept across reloads in this tab (sessionStorage), written only once the
   visitor has opened the chat: nothing is stored before. Its token proves to Rasa and to the
   web process that this browser started it. */
function loadState() {
  try {
    var saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "null");
    if (saved && typeof saved.sessionId === "string" && Array.isArray(saved.messages)) { return saved; }
  } catch (error) { /* storage blocked or damaged: start afresh */ }
  return null;
}

function freshState() {
  /* The id and its token come from the web process (newSession), when the chat first connects. */
  return { sessionId: null, token: null, messages: [], open: false, live: false, relayAfter: 0 };
}

function saveState(state) {
  try { window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (error) { /* private mode */ }
}

function forgetState() {
  try { window.sessionStorage.removeItem(STORAGE_KEY); } catch (error) { /* nothing stored */ }
}
