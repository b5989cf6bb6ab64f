/* Configuration: defaults, overridden by a JSON block on the page
   (<script type="application/json" id="lotse-chat-config">) or window.lotseChatConfig.
   Nothing here touches the page by itself: main.js passes in what it reads. */

export const STORAGE_KEY = "lotse-chat";
export const RELAY_POLL_MS = 2000;
export const NO_ANSWER_MS = 20000;

/* The keys a page may set; anything else it gives is ignored. */
export const DEFAULTS = Object.freeze({
  rasaUrl: "http://localhost:5005",
  socketPath: "/socket.io/",
  relayUrl: null,  // the origin the script comes from (configFrom's `origin`)
  privacyUrl: "",
  retentionDays: null,
  maxLength: 500,
  title: "Weiterbildungslotse",
  agency: "Weiterbildungsagentur Sachsen-Anhalt"
});

/* The folder the script was loaded from (the stylesheet lies beside it); /static/widget/ of the
   page's site when the script's element is unknown. */
export function scriptBase(script, pageUrl) {
  return script && script.src ? new URL(".", script.src) : new URL("/static/widget/", pageUrl);
}

/* What the page gives: the JSON block (a damaged one counts as nothing), else the global. */
export function givenConfig(doc, win) {
  const block = doc.getElementById("lotse-chat-config");
  if (block) {
    try { return JSON.parse(block.textContent || "{}"); } catch (error) { return {}; }
  }
  if (win.lotseChatConfig && typeof win.lotseChatConfig === "object") { return win.lotseChatConfig; }
  return {};
}

/* The defaults with what the page gives for known keys (null and undefined leave the default);
   maxLength held between 50 and 2,000 (rasa_addons/message_limit.py cuts at 2,000). */
export function configFrom(given, origin) {
  const config = { ...DEFAULTS, relayUrl: origin };
  Object.keys(given || {}).forEach((key) => {
    if (key in config && given[key] !== null && given[key] !== undefined) { config[key] = given[key]; }
  });
  config.maxLength = Math.max(50, Math.min(2000, parseInt(config.maxLength, 10) || 500));
  return config;
}
