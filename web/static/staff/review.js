// Conversation review: text selected in a visitor message goes into the next empty
// "Text" field of that message's correction form (typing it in works just as well).
(function () {
  "use strict";
  document.addEventListener("mouseup", function () {
    var selection = window.getSelection();
    var text = selection ? selection.toString().trim() : "";
    if (!text || !selection.anchorNode) {
      return;
    }
    var element = selection.anchorNode.nodeType === 1 ? selection.anchorNode : selection.anchorNode.parentElement;
    var message = element ? element.closest("p.said") : null;
    if (!message) {
      return;
    }
    var form = document.querySelector('form.correction[data-message="' + message.dataset.message + '"]');
    if (!form) {
      return;
    }
    form.closest("details").open = true;
    var fields = form.querySelectorAll("input.mark-text");
    for (var i = 0; i < fields.length; i += 1) {
      if (!fields[i].value) {
        fields[i].value = text;
        var kind = fields[i].parentElement.querySelector("#" + fields[i].id.replace("markiert", "angabe"));
        if (kind) {
          kind.focus();
        }
        return;
      }
    }
  });
}());
