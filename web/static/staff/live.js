// One live chat in the staff console: polls the conversation every 2 seconds and sends the
// staff member's actions. Texts are always inserted with textContent, never as HTML.
(function () {
  "use strict";
  var root = document.getElementById("live");
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!root || !meta) {
    return;
  }
  var POLL_MS = 2000;
  var WHO = {visitor: "Besucher/in", assistant: "Assistent", staff: "Mitarbeiter/in"};
  var base = "/staff/live/" + encodeURIComponent(root.dataset.chat);
  var list = document.getElementById("live-messages");
  var statusText = document.getElementById("live-status");
  var errorText = document.getElementById("live-error");
  var retryButton = document.getElementById("live-retry");
  var takeButton = document.getElementById("live-take");
  var sendForm = document.getElementById("live-send");
  var messageBox = document.getElementById("live-text");
  var handBackButton = document.getElementById("live-handback");
  var rendered = "";
  var pollError = "";
  var actionError = "";
  var retry = null;

  function clock(at) {
    var moment = at ? new Date(at) : null;
    if (!moment || isNaN(moment.getTime())) {
      return "";
    }
    return moment.toLocaleTimeString("de-DE", {hour: "2-digit", minute: "2-digit"}) + " Uhr";
  }

  function showErrors() {
    var text = actionError || pollError;
    errorText.textContent = text;
    errorText.hidden = !text;
    retryButton.hidden = !retry;
  }

  function showState(data) {
    if (data.status_label) {
      statusText.textContent = data.status_label + (data.staff_name ? " (" + data.staff_name + ")" : "");
    }
    var mine = data.status === "active" && data.mine;
    takeButton.hidden = data.status !== "waiting";
    sendForm.hidden = !mine;
    handBackButton.hidden = !mine;
  }

  function showMessages(messages) {
    var key = JSON.stringify(messages);
    if (key === rendered) {
      return;
    }
    rendered = key;
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    messages.forEach(function (message) {
      var who = WHO[message.who] ? message.who : "assistant";
      var item = document.createElement("li");
      item.className = "from-" + who;
      var label = document.createElement("span");
      label.className = "meta";
      label.textContent = WHO[who] + " · " + clock(message.at);
      var text = document.createElement("span");
      text.className = "text";
      text.textContent = message.text;
      item.appendChild(label);
      item.appendChild(text);
      list.appendChild(item);
    });
    if (list.lastElementChild) {
      list.lastElementChild.scrollIntoView({block: "nearest"});
    }
  }

  function toLogin(response) {
    if (response.status === 401) {
      window.location.href = "/staff/login";
      return true;
    }
    return false;
  }

  function poll() {
    fetch(base + "/events", {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (toLogin(response)) {
          return null;
        }
        return response.json().then(function (data) {
          showState(data);
          if (response.ok) {
            showMessages(data.messages || []);
          }
          pollError = response.ok ? "" : (data.error || "");
          showErrors();
        });
      })
      .catch(function () {
        pollError = "Keine Verbindung zum Server. Die Anzeige wird wiederholt versucht.";
        showErrors();
      })
      .then(function () {
        window.setTimeout(poll, POLL_MS);
      });
  }

  // POST an action; resolves to true when the visitor got it (also on 502: only Rasa failed).
  function act(path, body, retryable) {
    return fetch(base + path, {
      method: "POST",
      credentials: "same-origin",
      headers: {"X-CSRF-Token": meta.content, "Accept": "application/json", "Content-Type": "application/json"},
      body: JSON.stringify(body || {})
    }).then(function (response) {
      if (toLogin(response)) {
        return false;
      }
      return response.json().then(function (data) {
        actionError = response.ok ? "" : (data.error || "Das hat leider nicht geklappt.");
        retry = response.status === 502 && retryable ? function () { act(path, body, retryable); } : null;
        showErrors();
        return response.ok || response.status === 502;
      });
    }).catch(function () {
      actionError = "Keine Verbindung zum Server. Bitte versuchen Sie es noch einmal.";
      retry = null;
      showErrors();
      return false;
    });
  }

  takeButton.addEventListener("click", function () { act("/take", {}, true); });
  handBackButton.addEventListener("click", function () { act("/handback", {}, true); });
  retryButton.addEventListener("click", function () {
    var again = retry;
    retry = null;
    if (again) {
      again();
    }
  });
  sendForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = messageBox.value.trim();
    if (!text) {
      return;
    }
    act("/send", {text: text}, false).then(function (delivered) {
      if (delivered) {
        messageBox.value = "";
        messageBox.focus();
      }
    });
  });

  poll();
})();
