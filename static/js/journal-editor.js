// The journal editor. A new entry has its address from the start; once its first
// save lands, the address bar shows it, so reloading opens this entry, not a blank one.
(function () {
  "use strict";

  document.addEventListener("autosave:saved", function (event) {
    var url = event.target.getAttribute("data-edit-url");
    if (url && window.location.pathname !== url) {
      window.history.replaceState(null, "", url);
    }
  });
})();
