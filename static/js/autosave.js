/* Autosave for the guide's exercises.
 *
 * Saves while typing (debounced), when leaving a field, and at least every 10 s
 * while there are unsaved changes. The typed text is never replaced by an error:
 * a failed save says what happened in words and tries again. Nothing is written
 * to browser storage. Buttons (Save, Add, Answer again…) go through htmx.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 1200;
  var HEARTBEAT_MS = 10000;
  var RETRY_MS = 5000;

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  // After a session expiry or a sign-in in another tab the token on this page is
  // stale: read a fresh one from the page itself, then try again.
  function refreshToken() {
    return fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").body;
        var headers = fresh && fresh.getAttribute("hx-headers");
        if (headers) { document.body.setAttribute("hx-headers", headers); }
        // The forms' hidden tokens take precedence over the header: renew them too.
        document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
          input.value = csrfToken();
        });
      })
      .catch(function () {});
  }

  function statusOf(form) {
    return form.querySelector("[data-save-status]") || form.querySelector("[data-tick-status]");
  }

  function show(form, text, state) {
    var status = statusOf(form);
    if (status) {
      status.textContent = text;
      status.setAttribute("data-state", state);
    }
  }

  var FAILURES = {
    network: "Not saved — will retry. The connection seems to be lost; your text is still here, keep this page open.",
    session: "Not saved — will retry. You seem to be signed out: sign in again in another tab and this page will save what you typed.",
    server: "Not saved — will retry. Something went wrong on our side; your text is still here.",
  };

  function setup(form) {
    if (form.hasAttribute("data-autosave-ready")) { return; }
    form.setAttribute("data-autosave-ready", "");
    var dirty = false;
    var saving = false;
    var timer = null;

    function schedule(delay) {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, delay);
    }

    function failed(kind) {
      dirty = true;
      show(form, FAILURES[kind], "error");
      if (kind === "session") { refreshToken(); }
      schedule(RETRY_MS);
    }

    function save() {
      if (!dirty || saving || !document.body.contains(form)) { return; }
      saving = true;
      dirty = false;
      show(form, "Saving…", "saving");
      var body = new FormData(form);
      body.append("autosave", "1");
      body.set("csrfmiddlewaretoken", csrfToken());
      fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "HX-Request": "true", "X-CSRFToken": csrfToken() },
      })
        .then(function (response) {
          return response.text().then(function (html) { return [response, html]; });
        })
        .then(function (result) {
          var response = result[0];
          var fresh = new DOMParser().parseFromString(result[1], "text/html")
            .querySelector("[data-save-status]");
          if (response.redirected || response.status === 401 || response.status === 403) {
            failed("session");
          } else if (response.status === 400 && fresh) {
            // The answer itself needs changing (too long…): say why, retry on the next edit.
            show(form, fresh.textContent, "error");
          } else if (!response.ok || !fresh) {
            failed("server");
          } else {
            show(form, fresh.textContent, dirty ? "dirty" : "saved");
          }
        })
        .catch(function () { failed("network"); })
        .then(function () {
          saving = false;
          if (dirty) { schedule(DEBOUNCE_MS); }
        });
    }

    form.addEventListener("input", function (event) {
      if (event.target.name && event.target.name.slice(-9) === "-new_item") { return; }
      dirty = true;
      show(form, "Changes not saved yet", "dirty");
      schedule(DEBOUNCE_MS);
    });
    form.addEventListener("focusout", function () { if (dirty) { save(); } });
    form.addEventListener("keydown", function (event) {
      // Enter in a list item saves it instead of pressing the form's first button.
      if (event.key === "Enter" && event.target.hasAttribute("data-list-item")) {
        event.preventDefault();
        dirty = true;
        save();
      }
    });
    form.addEventListener("htmx:beforeRequest", function () { window.clearTimeout(timer); dirty = false; });
    window.setInterval(function () { if (dirty) { save(); } }, HEARTBEAT_MS);
    window.addEventListener("beforeunload", function (event) {
      if (dirty || saving) { event.preventDefault(); event.returnValue = ""; }
    });
    form.retrySave = function (kind) { failed(kind); };
  }

  function setupAll(root) {
    (root || document).querySelectorAll("form[data-autosave]").forEach(setup);
  }

  // A button press through htmx: show an invalid answer with its message (400),
  // and treat anything else that failed like a failed autosave.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    var asked = new URL(event.detail.requestConfig.path, window.location.href).pathname;
    if (xhr.responseURL && new URL(xhr.responseURL).pathname !== asked) {
      // Redirected (to sign in): never swap that page over what was typed.
      event.detail.shouldSwap = false;
      var form = event.detail.elt.closest("form");
      if (form && form.retrySave) {
        form.retrySave("session");
      } else if (form) {
        show(form, FAILURES.session, "error");
      }
    } else if (xhr.status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  function onFailure(kind) {
    return function (event) {
      var form = event.detail.elt.closest("form");
      if (!form) { return; }
      if (form.retrySave) { form.retrySave(kind(event)); } else { show(form, FAILURES[kind(event)], "error"); }
    };
  }
  document.addEventListener("htmx:sendError", onFailure(function () { return "network"; }));
  document.addEventListener("htmx:responseError", onFailure(function (event) {
    return event.detail.xhr.status === 403 ? "session" : "server";
  }));
  document.addEventListener("htmx:load", function (event) { setupAll(event.detail.elt); });
  document.addEventListener("DOMContentLoaded", function () { setupAll(document); });
})();
