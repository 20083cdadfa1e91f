// A letter's day. The server takes a typed date over a quick choice (without
// JavaScript the quick choice stays picked beside it), so: typing a date picks
// "On a date I choose", and picking a quick choice clears the typed date.
(function () {
  "use strict";

  function on(selector, type, handle) {
    document.addEventListener(type, function (event) {
      var input = event.target;
      if (input.matches && input.matches(selector) && input.form) { handle(input); }
    });
  }

  on("input[name=on_date]", "input", function (input) {
    var choose = input.form.querySelector("input[name=when][value=date]");
    if (choose) { choose.checked = true; }
  });

  on("input[name=when]", "change", function (input) {
    var typed = input.form.querySelector("input[name=on_date]");
    if (typed && input.value !== "date") { typed.value = ""; }
  });
})();
