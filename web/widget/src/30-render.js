/* Building the widget and its messages. Every text is set as text (textContent), never as
   HTML; links become <a> only for http(s) addresses. */
var URL_PATTERN = /(https?:\/\/[^\s<>"]+|www\.[^\s<>"]+\.[a-z]{2,}[^\s<>"]*)/gi;

function el(tag, attributes, text) {
  var node = document.createElement(tag);
  Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
  if (text !== undefined && text !== null) { node.textContent = text; }
  return node;
}

function safeHref(address) {
  var candidate = /^www\./i.test(address) ? "https://" + address : address;
  try {
    var url = new URL(candidate);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch (error) { return null; }
}

/* Text with line breaks (CSS pre-line) and clickable addresses. */
function appendText(parent, text) {
  var rest = String(text || "");
  var last = 0;
  rest.replace(URL_PATTERN, function (match, _group, offset) {
    var trimmed = match.replace(/[).,;:!?]+$/, "");
    parent.appendChild(document.createTextNode(rest.slice(last, offset)));
    var href = safeHref(trimmed);
    if (href) {
      var link = el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, trimmed);
      link.appendChild(el("span", { "class": "lotse-visually-hidden" }, " (öffnet in neuem Fenster)"));
      parent.appendChild(link);
    } else {
      parent.appendChild(document.createTextNode(trimmed));
    }
    last = offset + trimmed.length;
    return match;
  });
  parent.appendChild(document.createTextNode(rest.slice(last)));
}

/* Cards: a programme or a course with its key facts in fixed places (actions/cards.py sends
   the fields). The heading and the first lines are what a screen reader announces; the rest
   waits behind "Mehr dazu", a disclosure button. */
var cardCount = 0;

function telHref(phone) {
  var digits = String(phone || "").replace(/[^0-9+]/g, "");
  return digits.length >= 5 ? "tel:" + digits : null;
}

function line(parent, className, text) {
  if (!text) { return null; }
  var node = el("p", { "class": className });
  appendText(node, text);
  parent.appendChild(node);
  return node;
}

function officeNode(office, fallback) {
  var node = el("p", { "class": "lotse-card-office" });
  if (!office || !office.name) { appendText(node, fallback || ""); return node; }
  node.appendChild(document.createTextNode("Zuständig: " + office.name));
  var phone = telHref(office.phone);
  if (phone) {
    node.appendChild(document.createTextNode(", Tel. "));
    node.appendChild(el("a", { href: phone }, office.phone));
  }
  if (office.email) {
    node.appendChild(document.createTextNode(", "));
    node.appendChild(el("a", { href: "mailto:" + office.email }, office.email));
  }
  var web = office.web ? safeHref(office.web) : null;
  if (web) {
    node.appendChild(document.createTextNode(" · "));
    var link = el("a", { href: web, target: "_blank", rel: "noopener noreferrer" }, "Internetseite");
    link.appendChild(el("span", { "class": "lotse-visually-hidden" }, " von " + office.name + " (öffnet in neuem Fenster)"));
    node.appendChild(link);
  }
  return node;
}

function disclosure(card, details) {
  var wrap = el("div", { "class": "lotse-card-more" });
  cardCount += 1;
  var id = "lotse-card-more-" + cardCount;
  var toggle = el("button", { type: "button", "class": "lotse-more", "aria-expanded": "false", "aria-controls": id },
    "Mehr dazu");
  toggle.appendChild(el("span", { "class": "lotse-visually-hidden" }, ": " + card.title));
  details.id = id;
  details.hidden = true;
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    details.hidden = !open;
  });
  wrap.appendChild(toggle);
  wrap.appendChild(details);
  return wrap;
}

function programmeCard(card) {
  var node = el("article", { "class": "lotse-card-box" });
  node.appendChild(el("h3", { "class": "lotse-card-title" }, card.title));
  line(node, "lotse-card-fit" + (card.fits ? " lotse-fits" : ""), card.fit);
  line(node, "lotse-card-gets", card.headline);
  line(node, "lotse-card-step", card.next_step ? "Nächster Schritt: " + card.next_step : "");
  node.appendChild(officeNode(card.office, card.office_text));
  line(node, "lotse-card-stand", card.stand ? "(" + card.stand + ")" : "");
  var details = el("div", { "class": "lotse-card-details" });
  (card.details || []).forEach(function (text) { line(details, "lotse-card-line", text); });
  if (details.childNodes.length) { node.appendChild(disclosure(card, details)); }
  return node;
}

function courseCard(card) {
  var node = el("article", { "class": "lotse-card-box" });
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

var SPEAKER = { visitor: "Sie", bot: "Assistent", notice: "Hinweis" };

function messageNode(message, onChoice) {
  var who = message.who;
  var item = el("li", { "class": "lotse-msg lotse-" + who });
  if (who === "bot" && !message.card && /^\d+\. /.test(message.text || "")) { item.classList.add("lotse-card"); }
  if (who === "staff") {
    item.appendChild(el("p", { "class": "lotse-author" },
      (message.author || "Mitarbeiterin oder Mitarbeiter") + " · " + config.agency));
  } else {
    item.appendChild(el("span", { "class": "lotse-visually-hidden" }, SPEAKER[who] + ": "));
  }
  if (who === "bot" && message.card && typeof message.card === "object") {
    item.classList.add("lotse-card-item");
    item.appendChild(cardNode(message.card));
  } else {
    var body = el("p", { "class": "lotse-text" });
    appendText(body, message.text);
    item.appendChild(body);
  }
  if (message.buttons && message.buttons.length) {
    var group = el("div", { role: "group", "aria-label": "Antwortmöglichkeiten", "class": "lotse-choices" });
    message.buttons.forEach(function (button) {
      var choice = el("button", { type: "button", "class": "lotse-choice" }, button.title);
      choice.addEventListener("click", function () { onChoice(button); });
      group.appendChild(choice);
    });
    item.appendChild(group);
  }
  return item;
}

function buildWidget() {
  var root = el("div", { "class": "lotse-chat", lang: "de" });
  var launcher = el("button", { type: "button", "class": "lotse-launcher", "aria-expanded": "false",
    "aria-controls": "lotse-panel" }, "Chat: Fragen zu Weiterbildung und Förderung");
  var panel = el("section", { id: "lotse-panel", "class": "lotse-panel", role: "dialog",
    "aria-modal": "false", "aria-labelledby": "lotse-title" });
  panel.hidden = true;
  var header = el("div", { "class": "lotse-header" });
  header.appendChild(el("h2", { id: "lotse-title" }, config.title));
  var close = el("button", { type: "button", "class": "lotse-close", "aria-label": "Chat schließen" }, "×");
  header.appendChild(close);
  var connection = el("p", { "class": "lotse-connection", "data-state": "offline" }, "nicht verbunden");
  header.appendChild(connection);
  var clear = el("button", { type: "button", "class": "lotse-clear" }, "Verlauf löschen");
  header.appendChild(clear);
  panel.appendChild(header);

  var notice = el("div", { "class": "lotse-disclosure" });
  notice.appendChild(el("p", { "class": "lotse-bot-notice" },
    "Sie sprechen mit einem digitalen Assistenten, nicht mit einem Menschen."));
  var privacy = el("p", {}, "Ihre Nachrichten werden gespeichert, damit der Assistent antworten kann" +
    (config.retentionDays ? ", und nach " + config.retentionDays + " Tagen gelöscht" : "") +
    ". Bitte schreiben Sie keine Gesundheits- oder Kontodaten. Ihre Telefonnummer oder E-Mail-Adresse " +
    "speichern wir nur, wenn Sie einem Rückruf zustimmen.");
  if (config.privacyUrl && safeHref(new URL(config.privacyUrl, location.href).href)) {
    privacy.appendChild(document.createTextNode(" "));
    privacy.appendChild(el("a", { href: new URL(config.privacyUrl, location.href).href }, "Datenschutz"));
  }
  notice.appendChild(privacy);

  // The disclosure scrolls away with the conversation, before its first message. The live
  // region holds the list (an <ol> with role=log would stop being a list).
  var scroller = el("div", { "class": "lotse-scroller", tabindex: "0", "aria-label": "Chatverlauf" });
  scroller.setAttribute("role", "region");
  scroller.appendChild(notice);
  var region = el("div", { "class": "lotse-log", role: "log", "aria-live": "polite", "aria-label": "Gesprächsverlauf" });
  var log = el("ol", { "class": "lotse-messages" });
  region.appendChild(log);
  scroller.appendChild(region);
  panel.appendChild(scroller);
  var status = el("p", { "class": "lotse-status", role: "status" });
  panel.appendChild(status);

  var form = el("form", { "class": "lotse-form" });
  form.appendChild(el("label", { "for": "lotse-input" }, "Ihre Nachricht"));
  var input = el("textarea", { id: "lotse-input", rows: "2", maxlength: String(config.maxLength),
    "aria-describedby": "lotse-hint", autocomplete: "off" });
  form.appendChild(input);
  var hint = el("p", { id: "lotse-hint", "class": "lotse-hint" },
    "Enter sendet, Umschalt+Enter beginnt eine neue Zeile. Höchstens " + config.maxLength + " Zeichen.");
  form.appendChild(hint);
  form.appendChild(el("button", { type: "submit", "class": "lotse-send" }, "Senden"));
  panel.appendChild(form);

  root.appendChild(launcher);
  root.appendChild(panel);
  return { root: root, launcher: launcher, panel: panel, scroller: scroller, log: log, status: status, form: form,
    input: input, clear: clear, close: close, connection: connection };
}
