/* Autosave for the guide's exercises.
 *
 * Saves while typing (debounced), when leaving a field, and at least every 10 s
 * while there are unsaved changes. The typed text is never replaced by an error:
 * a failed save says what happened in words and tries again, waiting longer after
 * each failure (5 s, 10 s, 20 s… at most a minute). Nothing is written to browser
 * storage. Buttons (Save, Add, Answer again…) go through htmx.
 *
 * One request per exercise at a time: a button pressed while an autosave is on its
 * way waits for it, and autosaves wait for a button's request. Words typed while a
 * button's request is on its way are carried into the section the server sends
 * back, and saved after it.
 *
 * "Unsaved" means: the form differs from what the server is known to have stored,
 * a request is on its way, or a list's "new item" box holds text. Leaving the page
 * then asks first (except through Quick exit, which must never be held back).
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 1200;
  var HEARTBEAT_MS = 10000;
  var RETRY_MS = 5000;
  var MAX_RETRY_MS = 60000;
  var TIMEOUT_MS = 30000; // a hung autosave must not hold a button back for ever

  var states = {}; // one per exercise, by the form's action: outlives swaps
  var ticks = new WeakMap(); // practice-days forms
  var ready = new WeakSet();

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  // After a session expiry or a sign-in in another tab the token on this page is
  // stale: read a fresh one from the page itself. One fetch at a time.
  var refreshing = null;
  function refreshToken() {
    if (refreshing) { return refreshing; }
    refreshing = fetch(window.location.pathname, { credentials: "same-origin" })
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
      .catch(function () {})
      .then(function () { refreshing = null; });
    return refreshing;
  }

  function statusOf(form) {
    return form.querySelector("[data-save-status]") || form.querySelector("[data-tick-status]");
  }

  // The status is a live region: say a thing once, not again on every keystroke.
  function show(form, text, state) {
    var status = statusOf(form);
    if (status && (status.textContent !== text || status.getAttribute("data-state") !== state)) {
      status.textContent = text;
      status.setAttribute("data-state", state);
    }
  }

  function failureText(kind, days) {
    var what = days ? "your ticks are" : "your text is";
    return {
      network: "Not saved — will retry. The connection seems to be lost; " + what +
        " still here, keep this page open.",
      session: "Not saved — will retry. You seem to be signed out: sign in again in another " +
        "tab and this page will save " + (days ? "your ticks." : "what you typed."),
      server: "Not saved — will retry. Something went wrong on our side; " + what + " still here.",
    }[kind];
  }

  function backoff(failures) {
    return Math.min(RETRY_MS * Math.pow(2, failures - 1), MAX_RETRY_MS);
  }

  function isNewItem(name) { return (name || "").slice(-9) === "-new_item"; }

  function isExerciseForm(element) {
    return Boolean(element && element.matches && element.matches("form[data-autosave]"));
  }

  // What autosave would store, as one comparable string ("new item" text is only
  // added by its button, so it is left out here and counted apart).
  function valuesOf(form) {
    var parts = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && !isNewItem(name)) { parts.push([name, value]); }
    });
    return JSON.stringify(parts);
  }

  // The values the server rendered, ignoring anything the browser restored.
  function renderedValuesOf(form) {
    var copy = new DOMParser().parseFromString(form.outerHTML, "text/html").querySelector("form");
    return copy ? valuesOf(copy) : valuesOf(form);
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.name && element.name !== "csrfmiddlewaretoken" &&
        element.type !== "submit" && element.type !== "button";
    });
  }

  function valueOf(element) {
    if (element.type === "checkbox" || element.type === "radio") { return String(element.checked); }
    return element.value;
  }

  function stateFor(form) {
    var key = form.getAttribute("action");
    if (!states[key]) {
      states[key] = {
        form: form,
        saved: renderedValuesOf(form), // what the server is known to have stored
        rejected: null, // what the server refused (too long…): not sent again unchanged
        busy: null, // "autosave" or "button" while a request is on its way
        queued: null, // a button pressed during an autosave
        timer: null,
        failures: 0,
        retryAt: 0,
        kind: null, // the last failure's kind, until a save succeeds
        snapshot: null, // the fields' values when a button's request left
        carry: null,
      };
    }
    return states[key];
  }

  function attached(st) { return document.body.contains(st.form); }

  function needsSave(st) {
    if (!attached(st)) { return false; }
    var values = valuesOf(st.form);
    return values !== st.saved && values !== st.rejected;
  }

  function unsaved(st) {
    if (!attached(st)) { return false; }
    if (st.busy || st.queued || valuesOf(st.form) !== st.saved) { return true; }
    var box = st.form.querySelector("input[name$='-new_item']");
    return Boolean(box && box.value.trim());
  }

  // Never sooner than the back-off after a failure allows.
  function schedule(st, delay) {
    window.clearTimeout(st.timer);
    var wait = Math.max(delay, st.retryAt - Date.now());
    st.timer = window.setTimeout(function () {
      st.timer = null;
      save(st);
    }, wait);
  }

  function succeeded(st) {
    st.failures = 0;
    st.retryAt = 0;
    st.kind = null;
  }

  function failed(st, kind) {
    st.failures += 1;
    st.kind = kind;
    var delay = backoff(st.failures);
    st.retryAt = Date.now() + delay;
    show(st.form, failureText(kind, false), "error");
    schedule(st, delay);
  }

  // After a request: a button waiting for it goes first, then any newer words.
  function drain(st) {
    if (st.busy) { return; }
    if (st.queued) {
      var issue = st.queued;
      st.queued = null;
      issue();
      return;
    }
    if (needsSave(st)) { schedule(st, DEBOUNCE_MS); }
  }

  function save(st) {
    if (st.busy || !needsSave(st)) { return; }
    if (Date.now() < st.retryAt) {
      schedule(st, 0);
      return;
    }
    window.clearTimeout(st.timer);
    st.timer = null;
    st.busy = "autosave";
    var before = st.kind === "session" ? refreshToken() : Promise.resolve();
    before
      .then(function () { return send(st, st.form); })
      .catch(function () { failed(st, "network"); })
      .then(function () {
        st.busy = null;
        drain(st);
      });
  }

  function send(st, form) {
    var sent = valuesOf(form);
    if (!st.kind) { show(form, "Saving…", "saving"); }
    // Form-encoded like htmx's requests, so a line break counts as one character
    // for both (multipart would send it as two, and a long answer that the field
    // allows could be refused by autosave alone).
    var body = new URLSearchParams(new FormData(form));
    body.append("autosave", "1");
    body.set("csrfmiddlewaretoken", csrfToken());
    var controller = new AbortController();
    var timeout = window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    return fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "HX-Request": "true", "X-CSRFToken": csrfToken() },
      signal: controller.signal,
    })
      .then(function (response) {
        return response.text().then(function (html) {
          window.clearTimeout(timeout);
          return [response, html];
        });
      })
      .then(function (result) {
        var response = result[0];
        var fresh = new DOMParser().parseFromString(result[1], "text/html")
          .querySelector("[data-save-status]");
        if (response.redirected || response.status === 401 || response.status === 403) {
          failed(st, "session");
        } else if (response.status === 400 && fresh) {
          // The answer itself needs changing (too long…): say why, keep it unsaved,
          // and send it again once it has changed.
          succeeded(st);
          st.rejected = sent;
          show(form, fresh.textContent, "error");
        } else if (!response.ok || !fresh) {
          failed(st, "server");
        } else {
          succeeded(st);
          st.saved = sent;
          st.rejected = null;
          show(form, fresh.textContent, needsSave(st) ? "dirty" : "saved");
        }
      }, function () {
        window.clearTimeout(timeout);
        failed(st, "network");
      });
  }

  function setup(form) {
    if (ready.has(form)) { return; }
    ready.add(form);
    var st = stateFor(form);
    st.form = form;

    function edited(event) {
      if (!event.target.name || isNewItem(event.target.name)) { return; }
      if (!st.kind) { show(form, "Changes not saved yet", "dirty"); }
      schedule(st, DEBOUNCE_MS);
    }
    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
    form.addEventListener("focusout", function (event) {
      // Pressing one of this form's buttons saves everything anyway.
      var next = event.relatedTarget;
      if (next && next.form === form && next.type === "submit") { return; }
      save(st);
    });
    form.addEventListener("keydown", function (event) {
      // Enter in a list item saves it instead of pressing the form's first button.
      if (event.key === "Enter" && event.target.hasAttribute("data-list-item")) {
        event.preventDefault();
        save(st);
      }
    });
    // These fire on this form even once it has been swapped out of the page.
    form.addEventListener("htmx:beforeRequest", function (event) {
      if (event.detail.elt !== form) { return; }
      window.clearTimeout(st.timer);
      st.timer = null;
      st.busy = "button";
      st.snapshot = fieldsOf(form).map(valueOf);
    });
    form.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.elt !== form) { return; }
      st.busy = null;
      st.snapshot = null;
      drain(st);
    });
  }

  function setupAll(root) {
    if (isExerciseForm(root)) { setup(root); }
    if (root && root.querySelectorAll) {
      root.querySelectorAll("form[data-autosave]").forEach(setup);
    }
  }

  // -- Words typed while a button's request was on its way ---------------------------

  // Where a field edited during the request sits in the server's new form, or -1.
  function place(field, before, fresh, used) {
    var same = [];
    fresh.forEach(function (candidate, index) {
      var free = used.indexOf(index) < 0;
      if (free && candidate.name === field.name && candidate.type === field.type) {
        same.push(index);
      }
    });
    var match = same.filter(function (index) {
      if (field.type === "checkbox" || field.type === "radio") {
        return fresh[index].value === field.value;
      }
      // Several fields share the name (list items, which may have moved): find
      // the one that held what this field held when the request left.
      return same.length === 1 || valueOf(fresh[index]) === before;
    });
    return match.length ? match[0] : -1;
  }

  function planCarry(st, detail) {
    var incoming = new DOMParser().parseFromString(detail.serverResponse, "text/html")
      .querySelector("form[data-autosave]");
    if (!incoming) { return; }
    succeeded(st);
    if (detail.xhr.status === 400) {
      st.rejected = valuesOf(incoming);
    } else {
      st.saved = valuesOf(incoming);
      st.rejected = null;
    }
    if (!st.snapshot) { return; }
    var old = fieldsOf(st.form);
    var fresh = fieldsOf(incoming);
    var used = [];
    var plan = [];
    for (var i = 0; i < old.length; i += 1) {
      if (valueOf(old[i]) !== st.snapshot[i]) {
        var index = place(old[i], st.snapshot[i], fresh, used);
        if (index < 0) {
          // No safe place for these words in the new form: keep this one, unsaved.
          detail.shouldSwap = false;
          show(st.form, "Changes not saved yet", "dirty");
          return;
        }
        used.push(index);
        plan.push({ from: old[i], to: index });
      }
    }
    if (plan.length) {
      var active = document.activeElement;
      st.carry = {
        plan: plan,
        focus: active,
        start: active && active.selectionStart,
        end: active && active.selectionEnd,
      };
    }
  }

  function applyCarry(st, form) {
    var carry = st.carry;
    st.carry = null;
    if (!carry) { return; }
    var live = fieldsOf(form);
    carry.plan.forEach(function (step) {
      var field = live[step.to];
      if (!field || field.name !== step.from.name) { return; }
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = step.from.checked;
      } else {
        field.value = step.from.value;
      }
      if (step.from === carry.focus) {
        field.focus({ preventScroll: true });
        if (carry.start !== null && field.setSelectionRange) {
          try { field.setSelectionRange(carry.start, carry.end); } catch (error) { /* not text */ }
        }
      }
    });
    // The person is typing: the section's autofocus must not pull the caret away.
    var section = form.closest("section") || form;
    section.querySelectorAll("[autofocus]").forEach(function (element) {
      element.removeAttribute("autofocus");
    });
    show(form, "Changes not saved yet", "dirty");
    schedule(st, DEBOUNCE_MS);
  }

  // -- Practice days: saved by htmx on each change, retried after a failure ---------

  function tickState(form) {
    if (!ticks.has(form)) {
      ticks.set(form, { busy: false, failures: 0, timer: null, kind: null, failedNow: false });
    }
    return ticks.get(form);
  }

  function tickFailed(form, kind) {
    var ts = tickState(form);
    ts.failures += 1;
    ts.kind = kind;
    ts.failedNow = true;
    show(form, failureText(kind, true), "error");
    window.clearTimeout(ts.timer);
    ts.timer = window.setTimeout(function () {
      ts.timer = null;
      if (!document.body.contains(form)) { return; }
      var before = ts.kind === "session" ? refreshToken() : Promise.resolve();
      before.then(function () { form.requestSubmit(); });
    }, backoff(ts.failures));
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form.matches && form.matches("form.practice-days")) {
      var ts = tickState(form);
      window.clearTimeout(ts.timer);
      ts.timer = null;
      ts.busy = true;
      ts.failedNow = false;
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form.matches && form.matches("form.practice-days")) {
      var ts = tickState(form);
      ts.busy = false;
      if (event.detail.successful === true && !ts.failedNow) {
        ts.failures = 0;
        ts.kind = null;
      }
    }
  });

  // -- htmx requests from buttons ------------------------------------------------------

  function failure(elt, kind) {
    var form = elt && elt.closest ? elt.closest("form") : null;
    if (!form) { return; }
    if (isExerciseForm(form)) {
      failed(stateFor(form), kind);
    } else if (form.matches("form.practice-days")) {
      tickFailed(form, kind);
    } else {
      show(form, failureText(kind, false), "error");
    }
  }

  // A button pressed while this exercise's autosave is on its way waits for it, so
  // the server always gets them in the order they happened. A second press while a
  // button's own request is on its way is ignored (its buttons are disabled too).
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.detail.elt;
    if (!isExerciseForm(form)) { return; }
    var st = stateFor(form);
    if (!st.busy) { return; }
    event.preventDefault();
    if (st.busy === "autosave" && !st.queued) {
      var issue = event.detail.issueRequest;
      st.queued = function () { issue(true); };
    }
  });

  // Send exactly the button that was pressed, even when its request had to wait.
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!isExerciseForm(form)) { return; }
    var data = event.detail.formData;
    var trigger = event.detail.triggeringEvent;
    var submitter = trigger && trigger.submitter;
    form.querySelectorAll("button[name]").forEach(function (button) { data.delete(button.name); });
    if (submitter && submitter.name) { data.set(submitter.name, submitter.value); }
  });

  // Show an invalid answer with its message (400), never swap a sign-in page over
  // what was typed, and keep words typed while the request was on its way.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var xhr = detail.xhr;
    var source = detail.requestConfig.elt; // detail.elt is the target here
    var asked = new URL(detail.requestConfig.path, window.location.href).pathname;
    if (xhr.responseURL && new URL(xhr.responseURL).pathname !== asked) {
      detail.shouldSwap = false;
      failure(source, "session");
      return;
    }
    if (xhr.status === 400) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
    if (detail.shouldSwap && isExerciseForm(source)) {
      planCarry(stateFor(source), detail);
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var root = event.target;
    var form = isExerciseForm(root) ? root : root.querySelector("form[data-autosave]");
    if (!form) { return; }
    setup(form);
    applyCarry(stateFor(form), form);
  });
  document.addEventListener("htmx:sendError", function (event) {
    failure(event.detail.elt, "network");
  });
  document.addEventListener("htmx:responseError", function (event) {
    failure(event.detail.elt, event.detail.xhr.status === 403 ? "session" : "server");
  });

  // -- The page: one heartbeat, one question before leaving ---------------------------

  function exerciseForms() {
    return Array.prototype.slice.call(document.querySelectorAll("form[data-autosave]"));
  }

  window.setInterval(function () {
    exerciseForms().forEach(function (form) { save(stateFor(form)); });
  }, HEARTBEAT_MS);

  window.addEventListener("beforeunload", function (event) {
    // Quick exit hides the page before leaving: never hold the person back then.
    if (document.body.hidden) { return; }
    var waiting = exerciseForms().some(function (form) { return unsaved(stateFor(form)); }) ||
      Array.prototype.some.call(document.querySelectorAll("form.practice-days"), function (form) {
        var ts = ticks.get(form);
        return Boolean(ts && (ts.busy || ts.failures));
      });
    if (waiting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  document.addEventListener("htmx:load", function (event) { setupAll(event.detail.elt); });
  document.addEventListener("DOMContentLoaded", function () { setupAll(document); });
})();
