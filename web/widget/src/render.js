/* Building the widget and its messages. Every text is set as text (textContent), never as
   HTML; links become <a> only for http(s) addresses (text.js). */
import { safeHref, telHref, textParts } from "./text.js";

function el(tag, attributes, text) {
  const node = document.createElement(tag);
  Object.keys(attributes || {}).forEach((name) => { node.setAttribute(name, attributes[name]); });
  if (text !== undefined && text !== null) { node.textContent = text; }
  return node;
}

function newWindowLink(href, text, hiddenNote) {
  const link = el("a", { href, target: "_blank", rel: "noopener noreferrer" }, text);
  link.appendChild(el("span", { "class": "lotse-visually-hidden" }, hiddenNote));
  return link;
}

/* Text with line breaks (CSS pre-line) and clickable addresses. */
function appendText(parent, text) {
  textParts(text).forEach((part) => {
    parent.appendChild(part.href ? newWindowLink(part.href, part.text, " (öffnet in neuem Fenster)")
      : document.createTextNode(part.text));
  });
}

/* Cards: a programme or a course with its key facts in fixed places (actions/cards.py sends
   the fields). The heading and the first lines are what a screen reader announces; the rest
   waits behind "Mehr dazu", a disclosure button. */
let cardCount = 0;

function line(parent, className, text) {
  if (!text) { return null; }
  const node = el("p", { "class": className });
  appendText(node, text);
  parent.appendChild(node);
  return node;
}

function officeNode(office, fallback) {
  const node = el("p", { "class": "lotse-card-office" });
  if (!office || !office.name) { appendText(node, fallback || ""); return node; }
  node.appendChild(document.createTextNode("Zuständig: " + office.name));
  const phone = telHref(office.phone);
  if (phone) {
    node.appendChild(document.createTextNode(", Tel. "));
    node.appendChild(el("a", { href: phone }, office.phone));
  }
  if (office.email) {
    node.appendChild(document.createTextNode(", "));
    node.appendChild(el("a", { href: "mailto:" + office.email }, office.email));
  }
  const web = office.web ? safeHref(office.web) : null;
  if (web) {
    node.appendChild(document.createTextNode(" · "));
    node.appendChild(newWindowLink(web, "Internetseite", " von " + office.name + " (öffnet in neuem Fenster)"));
  }
  return node;
}

function disclosure(card, details) {
  const wrap = el("div", { "class": "lotse-card-more" });
  cardCount += 1;
  const id = "lotse-card-more-" + cardCount;
  const toggle = el("button", { type: "button", "class": "lotse-more", "aria-expanded": "false", "aria-controls": id },
    "Mehr dazu");
  toggle.appendChild(el("span", { "class": "lotse-visually-hidden" }, ": " + card.title));
  details.id = id;
  details.hidden = true;
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    details.hidden = !open;
  });
  wrap.appendChild(toggle);
  wrap.appendChild(details);
  return wrap;
}

function programmeCard(card) {
  const node = el("article", { "class": "lotse-card-box" });
  node.appendChild(el("h3", { "class": "lotse-card-title" }, card.title));
  line(node, "lotse-card-fit" + (card.fits ? " lotse-fits" : ""), card.fit);
  line(node, "lotse-card-gets", card.headline);
  line(node, "lotse-card-step", card.next_step ? "Nächster Schritt: " + card.next_step : "");
  node.appendChild(officeNode(card.office, card.office_text));
  line(node, "lotse-card-stand", card.stand ? "(" + card.stand + ")" : "");
  const details = el("div", { "class": "lotse-card-details" });
  (card.details || []).forEach((text) => { line(details, "lotse-card-line", text); });
  if (details.childNodes.length) { node.appendChild(disclosure(card, details)); }
  return node;
}

function courseCard(card) {
  const node = el("article", { "class": "lotse-card-box" });
  node.appendChild(el("h3", { "class": "lotse-card-title" }, card.number + ". " + card.title));
  line(node, "lotse-card-line", [card.provider, card.place].filter(Boolean).join(" · "));
  line(node, "lotse-card-line", [card.start, card.duration, card.format].filter(Boolean).join(" · "));
  line(node, "lotse-card-gets", [card.cost, card.funding].filter(Boolean).join(" · "));
  line(node, "lotse-card-line", card.link);
  return node;
}

function cardNode(card) {
  return card.kind === "course" ? courseCard(card) : programmeCard(card);
}

const SPEAKER = { visitor: "Sie", bot: "Assistent", notice: "Hinweis" };

/* One message as a list item; `agency` names the staff's employer beside their name. */
export function messageNode(message, onChoice, agency) {
  const who = message.who;
  const item = el("li", { "class": "lotse-msg lotse-" + who });
  if (who === "bot" && !message.card && /^\d+\. /.test(message.text || "")) { item.classList.add("lotse-card"); }
  if (who === "staff") {
    item.appendChild(el("p", { "class": "lotse-author" },
      (message.author || "Mitarbeiterin oder Mitarbeiter") + " · " + agency));
  } else {
    item.appendChild(el("span", { "class": "lotse-visually-hidden" }, SPEAKER[who] + ": "));
  }
  if (who === "bot" && message.card && typeof message.card === "object") {
    item.classList.add("lotse-card-item");
    item.appendChild(cardNode(message.card));
  } else {
    const body = el("p", { "class": "lotse-text" });
    appendText(body, message.text);
    item.appendChild(body);
  }
  if (message.buttons && message.buttons.length) {
    const group = el("div", { role: "group", "aria-label": "Antwortmöglichkeiten", "class": "lotse-choices" });
    message.buttons.forEach((button) => {
      const choice = el("button", { type: "button", "class": "lotse-choice" }, button.title);
      choice.addEventListener("click", () => { onChoice(button); });
      group.appendChild(choice);
    });
    item.appendChild(group);
  }
  return item;
}

/* The privacy notice's sentence (retentionDays: after how many days messages are deleted). */
export function privacyText(retentionDays) {
  return "Ihre Nachrichten werden gespeichert, damit der Assistent antworten kann" +
    (retentionDays ? ", und nach " + retentionDays + " Tagen gelöscht" : "") +
    ". Bitte schreiben Sie keine Gesundheits- oder Kontodaten. Ihre Telefonnummer oder E-Mail-Adresse " +
    "speichern wir nur, wenn Sie einem Rückruf zustimmen.";
}

export function buildWidget(config, pageUrl) {
  const root = el("div", { "class": "lotse-chat", lang: "de" });
  const launcher = el("button", { type: "button", "class": "lotse-launcher", "aria-expanded": "false",
    "aria-controls": "lotse-panel" }, "Chat: Fragen zu Weiterbildung und Förderung");
  const panel = el("section", { id: "lotse-panel", "class": "lotse-panel", role: "dialog",
    "aria-modal": "false", "aria-labelledby": "lotse-title" });
  panel.hidden = true;
  const header = el("div", { "class": "lotse-header" });
  header.appendChild(el("h2", { id: "lotse-title" }, config.title));
  const close = el("button", { type: "button", "class": "lotse-close", "aria-label": "Chat schließen" }, "×");
  header.appendChild(close);
  const connection = el("p", { "class": "lotse-connection", "data-state": "offline" }, "nicht verbunden");
  header.appendChild(connection);
  const clear = el("button", { type: "button", "class": "lotse-clear" }, "Verlauf löschen");
  header.appendChild(clear);
  panel.appendChild(header);

  const notice = el("div", { "class": "lotse-disclosure" });
  notice.appendChild(el("p", { "class": "lotse-bot-notice" },
    "Sie sprechen mit einem digitalen Assistenten, nicht mit einem Menschen."));
  const privacy = el("p", {}, privacyText(config.retentionDays));
  if (config.privacyUrl && safeHref(new URL(config.privacyUrl, pageUrl).href)) {
    privacy.appendChild(document.createTextNode(" "));
    privacy.appendChild(el("a", { href: new URL(config.privacyUrl, pageUrl).href }, "Datenschutz"));
  }
  notice.appendChild(privacy);

  // The disclosure scrolls away with the conversation, before its first message. The live
  // region holds the list (an <ol> with role=log would stop being a list).
  const scroller = el("div", { "class": "lotse-scroller", tabindex: "0", "aria-label": "Chatverlauf" });
  scroller.setAttribute("role", "region");
  scroller.appendChild(notice);
  const region = el("div", { "class": "lotse-log", role: "log", "aria-live": "polite", "aria-label": "Gesprächsverlauf" });
  const log = el("ol", { "class": "lotse-messages" });
  region.appendChild(log);
  scroller.appendChild(region);
  panel.appendChild(scroller);
  const status = el("p", { "class": "lotse-status", role: "status" });
  panel.appendChild(status);

  const form = el("form", { "class": "lotse-form" });
  form.appendChild(el("label", { "for": "lotse-input" }, "Ihre Nachricht"));
  const input = el("textarea", { id: "lotse-input", rows: "2", maxlength: String(config.maxLength),
    "aria-describedby": "lotse-hint", autocomplete: "off" });
  form.appendChild(input);
  const hint = el("p", { id: "lotse-hint", "class": "lotse-hint" },
    "Enter sendet, Umschalt+Enter beginnt eine neue Zeile. Höchstens " + config.maxLength + " Zeichen.");
  form.appendChild(hint);
  form.appendChild(el("button", { type: "submit", "class": "lotse-send" }, "Senden"));
  panel.appendChild(form);

  root.appendChild(launcher);
  root.appendChild(panel);
  return { root, launcher, panel, scroller, log, status, form, input, clear, close, connection };
}
