// Small helpers for every form. After a form comes back with errors, the keyboard
// focus goes to the first field that needs attention (or to the message, when it is
// about the whole form), so screen-reader users hear it at once.
(function () {
  "use strict";

  // Sign-up asks the browser for its time zone, so "today" is the person's today.
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  document.querySelectorAll('input[type="hidden"][name="time_zone"]').forEach(function (input) {
    if (!input.value) {
      input.value = zone;
    }
  });

  var target =
    document.querySelector('main [aria-invalid="true"]') ||
    document.querySelector("main .errorlist");
  if (target) {
    if (!target.matches("input, select, textarea")) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }
})();
