// "Take a pause": saves what is on the page first (HealingAutosave.flush), then opens
// the grounding pause in a panel over the page, so closing it leaves the person where
// they were, with their words in place. Without the panel (or without JavaScript) the
// link opens /pause/, which links back here.
(function () {
  "use strict";

  var panel = document.getElementById("pause-panel");
  var status = panel && panel.querySelector("[data-pause-status]");

  function saveFirst() {
    var engine = window.HealingAutosave;
    if (!engine || !document.querySelector("form[data-autosave]")) {
      return Promise.resolve(null);
    }
    return engine.flush();
  }

  function say(text) {
    if (status) { status.textContent = text; }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-pause]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey ||
        event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    if (panel && panel.showModal) {
      say("");
      panel.showModal();
      panel.querySelector("#pause-panel-title").focus();
      if (document.querySelector("form[data-autosave]")) { say("Saving what you wrote…"); }
      saveFirst().then(function (stored) {
        if (stored === true) { say("What you wrote is saved. It will be here when you come back."); }
        if (stored === false) {
          say("What you wrote is still on the page, and will be saved as soon as it can be.");
        }
      });
      return;
    }
    saveFirst().then(function () { window.location.href = link.href; });
  });
})();
