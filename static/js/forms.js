// After a form comes back with errors, put the keyboard focus on the first field
// that needs attention (or on the message, when it is about the whole form), so
// screen-reader users hear it at once.
(function () {
  "use strict";
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
