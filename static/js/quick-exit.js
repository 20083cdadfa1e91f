// Quick exit: the page's content disappears at once, unsaved words are sent
// (HealingAutosave.flush, in requests that outlive the page), and the page is
// replaced in the history by /quick-exit/, which signs out and leaves for a neutral
// site, so "Back" does not return here. Escape pressed three times in quick
// succession does the same. Other open tabs of the site are told at once: they
// hide, send their own unsaved words, and leave for the neutral site directly.
// Without JavaScript the button is a plain link to /quick-exit/.
(function () {
  "use strict";

  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  var ESCAPES_WITHIN_MS = 1500;
  var SAVE_AT_MOST_MS = 1500; // the longest the hidden page waits for its last saves
  var HEAR_FROM_TABS_MS = 150; // time for other tabs to say they have words to save
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("quick-exit") : null;
  var presses = [];
  var leaving = false;
  var tabsSaving = 0;

  function hide() {
    leaving = true;
    // A hidden body also tells autosave not to ask "leave this page?".
    document.body.hidden = true;
    document.title = "";
  }

  function saveWhatIsTyped() {
    return window.HealingAutosave ? window.HealingAutosave.flush() : Promise.resolve();
  }

  function atMost(promise, ms) {
    return Promise.race([promise, new Promise(function (resolve) { window.setTimeout(resolve, ms); })]);
  }

  function pause(ms) {
    return new Promise(function (resolve) { window.setTimeout(resolve, ms); });
  }

  // Signing out must wait until the other tabs' words are in, or they would be refused.
  function otherTabsSaved() {
    if (!channel) {
      return Promise.resolve();
    }
    return pause(HEAR_FROM_TABS_MS).then(function () {
      return new Promise(function (resolve) {
        (function check() {
          if (tabsSaving > 0) { window.setTimeout(check, 25); } else { resolve(); }
        })();
      });
    });
  }

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    if (leaving) {
      return;
    }
    hide();
    if (channel) {
      channel.postMessage("leave");
    }
    atMost(Promise.all([saveWhatIsTyped(), otherTabsSaved()]), SAVE_AT_MOST_MS).then(function () {
      window.location.replace(link.href);
    });
  }

  function follow() {
    if (leaving) {
      return;
    }
    hide();
    channel.postMessage("saving");
    atMost(saveWhatIsTyped(), SAVE_AT_MOST_MS).then(function () {
      channel.postMessage("saved");
      window.location.replace(link.getAttribute("data-quick-exit"));
    });
  }

  if (channel) {
    channel.addEventListener("message", function (event) {
      if (event.data === "leave") {
        follow();
      } else if (event.data === "saving") {
        tabsSaving += 1;
      } else if (event.data === "saved") {
        tabsSaving = Math.max(0, tabsSaving - 1);
      }
    });
  }

  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (time) {
      return now - time < ESCAPES_WITHIN_MS;
    });
    presses.push(now);
    if (presses.length >= 3) {
      leave();
    }
  });
})();
