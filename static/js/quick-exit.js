// Quick exit: leave for a neutral site at once, replacing this page in the
// history so "Back" does not return here. Escape pressed three times in quick
// succession does the same. Without JavaScript the button is a plain link.
(function () {
  "use strict";

  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  var WINDOW_MS = 1500;
  var presses = [];

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.body.hidden = true;
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (time) {
      return now - time < WINDOW_MS;
    });
    presses.push(now);
    if (presses.length >= 3) {
      leave();
    }
  });
})();
