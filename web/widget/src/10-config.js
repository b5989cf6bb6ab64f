/* Configuration: defaults, overridden by a JSON block on the page
   (<script type="application/json" id="lotse-chat-config">) or window.lotseChatConfig. */
var script = document.currentScript;
var here = script ? new URL(".", script.src) : new URL("/static/widget/", location.href);

function readConfig() {
  var given = {};
  var block = document.getElementById("lotse-chat-config");
  if (block) {
    try { given = JSON.parse(block.textContent || "{}"); } catch (error) { given = {}; }
  } else if (window.lotseChatConfig && typeof window.lotseChatConfig === "object") {
    given = window.lotseChatConfig;
  }
  var config = {
    rasaUrl: "http://localhost:5005",
    socketPath: "/socket.io/",
    relayUrl: here.origin,
    privacyUrl: "",
    retentionDays: null,
    maxLength: 500,
    title: "Weiterbildungslotse",
    agency: "Weiterbildungsagentur Sachsen-Anhalt"
  };
  Object.keys(given).forEach(function (key) {
    if (key in config && given[key] !== null && given[key] !== undefined) { config[key] = given[key]; }
  });
  config.maxLength = Math.max(50, Math.min(2000, parseInt(config.maxLength, 10) || 500));
  return config;
}

var config = readConfig();
var STORAGE_KEY = "lotse-chat";
var RELAY_POLL_MS = 2000;
var NO_ANSWER_MS = 20000;
