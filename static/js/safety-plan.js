// The safety plan page. Examples and a country's crisis lines can be added to a step
// with one press; the text of each step is mirrored for printing (a text box prints
// cut off). For a visitor, nothing typed is ever sent: the page only asks, without
// the plan, whether the person has signed in (in another tab), and then offers
// "Save to my account", the one request that carries the plan.
(function () {
  "use strict";

  var choicesNode = document.getElementById("plan-choices");
  var choices = choicesNode ? JSON.parse(choicesNode.textContent) : { lines: {}, zones: {}, prefixes: {} };

  function addTo(field, text) {
    var value = field.value.replace(/\s+$/, "");
    field.value = value ? value + "\n" + text : text;
    field.dispatchEvent(new Event("input", { bubbles: true })); // autosave and the mirror
    field.focus();
  }

  function mirror(field) {
    var copy = document.querySelector('[data-mirror="' + field.id + '"]');
    if (copy) { copy.textContent = field.value; }
  }

  document.querySelectorAll(".plan-step textarea").forEach(mirror);
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches(".plan-step textarea")) { mirror(event.target); }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-add-to]");
    if (!button) { return; }
    var field = document.getElementById(button.getAttribute("data-add-to"));
    if (!field) { return; }
    if (button.hasAttribute("data-add-lines")) {
      var country = choices.lines[document.getElementById("id_country").value];
      if (country) { addTo(field, country.text); }
    } else {
      addTo(field, button.getAttribute("data-text"));
    }
  });
  document.querySelectorAll("button[data-add-to]").forEach(function (button) { button.hidden = false; });

  // -- The crisis lines of the chosen country ------------------------------------------

  var select = document.getElementById("id_country");
  function offerLines() {
    var offer = document.querySelector("[data-lines-offer]");
    var country = select && choices.lines[select.value];
    if (!offer) { return; }
    offer.hidden = !country;
    if (country) { offer.querySelector("[data-lines-text]").textContent = country.text; }
  }
  if (select) { select.addEventListener("change", offerLines); }

  var visitorForm = document.querySelector("form[data-visitor-plan]");
  if (!visitorForm) { return; }

  // -- A visitor: everything stays in this page -------------------------------------------

  visitorForm.addEventListener("submit", function (event) { event.preventDefault(); });

  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  if (select && !select.value) {
    var guess = choices.zones[zone] || "";
    Object.keys(choices.prefixes).forEach(function (prefix) {
      if (!guess && zone.indexOf(prefix) === 0) { guess = choices.prefixes[prefix]; }
    });
    select.value = guess;
    offerLines();
  }

  var printRow = document.querySelector("[data-print-row]");
  var fallback = document.querySelector("[data-print-fallback]");
  if (printRow) { printRow.hidden = false; }
  if (fallback) { fallback.hidden = true; }
  document.querySelector("[data-print]").addEventListener("click", function () { window.print(); });

  function typed() {
    return Array.prototype.some.call(visitorForm.querySelectorAll("textarea"), function (field) {
      return field.value.trim() !== "";
    });
  }
  window.addEventListener("beforeunload", function (event) {
    if (document.body.hidden || !typed() || saving) { return; }
    event.preventDefault();
    event.returnValue = "";
  });

  // Signed in, in another tab? Asked when the person comes back to this one.
  var adopt = document.querySelector("[data-adopt]");
  var adoptStatus = document.querySelector("[data-adopt-status]");
  var token = "";
  var saving = false;
  function check() {
    if (document.visibilityState !== "visible") { return; }
    fetch(visitorForm.getAttribute("data-signed-in-url"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        token = answer.csrf || "";
        adopt.hidden = !answer.signed_in;
      })
      .catch(function () {});
  }
  document.addEventListener("visibilitychange", check);
  window.addEventListener("focus", check);

  document.querySelector("[data-adopt-button]").addEventListener("click", function () {
    var body = new URLSearchParams(new FormData(visitorForm));
    body.set("adopt", "1");
    body.set("csrfmiddlewaretoken", token);
    saving = true;
    adoptStatus.textContent = "Saving…";
    fetch(visitorForm.getAttribute("data-save-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "HX-Request": "true" },
    }).then(function (response) {
      if (response.status === 204) {
        window.location.href = visitorForm.getAttribute("data-save-url");
        return;
      }
      saving = false;
      adoptStatus.textContent = "Not saved yet. Your plan is still here; please try again.";
    }, function () {
      saving = false;
      adoptStatus.textContent = "Not saved yet: the connection seems to be lost. Your plan is still here.";
    });
  });
})();
