// Keeps a staff member's "available for live chats" mark alive while a console page is
// open (the mark lapses after a few minutes without renewal, e.g. when the browser closes).
// It only renews: switching on and off is the page's form.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!meta) {
    return;
  }
  var RENEW_EVERY_MS = 60000;

  function renew() {
    if (document.body.dataset.available !== "yes") {
      return;
    }
    fetch("/staff/presence", {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "X-CSRF-Token": meta.content,
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded"
      },
      body: "renew=1"
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data && !data.available) {
        document.body.dataset.available = "no";
      }
    }).catch(function () {
      // Offline for a moment: the next round tries again.
    });
  }

  renew();
  window.setInterval(renew, RENEW_EVERY_MS);
})();
