/* The entry point (web/widget/build.mjs bundles from here): reads the configuration while the
   script runs (document.currentScript is only set then), adds the stylesheet that lies beside
   the script and starts the widget once the page is parsed. Only window.lotseChat reaches the
   host page. */
import { configFrom, givenConfig, scriptBase } from "./config.js";
import { LotseChat } from "./widget.js";

const here = scriptBase(document.currentScript, location.href);
const config = configFrom(givenConfig(document, window), here.origin);

function start() {
  const stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = new URL("lotse-chat.css", here).href;
  document.head.appendChild(stylesheet);
  window.lotseChat = new LotseChat(document.body, config, location.href);
}

if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
