// The guide's list builder (people I can reach out to, boundaries…). Its items are
// fields of an autosaving form; Enter in an item saves the list, rather than pressing
// the form's first button (which would add the "new item" box's text).
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    var item = event.target;
    if (event.key !== "Enter" || !item.hasAttribute || !item.hasAttribute("data-list-item")) {
      return;
    }
    event.preventDefault();
    window.HealingAutosave.saveNow(item.form);
  });
})();
