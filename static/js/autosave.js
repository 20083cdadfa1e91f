/* The autosave engine: one for every page where a person writes (the guide's
 * exercises, the journal). Page-specific behaviour lives in small files beside it
 * (list-builder.js, practice-days.js), which use window.HealingAutosave.
 *
 * ---- The contract with the server -------------------------------------------
 *
 * A form opts in with `data-autosave`. Inside it:
 *   input[name=base]     the save counter the page's text started from;
 *   input[name=editor]   this page's editor id (random, one per page view);
 *   [data-save-status]   the status line (role=status), where the state is said in words.
 * Its nearest [data-autosave-root] ancestor is what a conflict view replaces.
 * Fields marked `data-autosave-pending` (a list's "new item" box) are saved only by
 * their button: autosave leaves them out, but text in them counts as unsaved.
 * Fields with `data-limit` show a live count of characters (code points) once the
 * text passes 80% of the limit.
 *
 * Autosave POSTs the form's fields to its action, form-encoded, plus `autosave=1`,
 * with the CSRF token in X-CSRFToken and `HX-Request: true`. The server answers:
 *   200  saved. The body holds a [data-save-status] whose words are shown, and
 *        whose data-base is the new counter, copied into input[name=base]. The form
 *        then fires `autosave:saved` (for page-specific files), whose detail.page is
 *        the parsed reply (which may hold more, such as a plan's days table).
 *   400  refused as it stands (too long, say): the status's words say why. The text
 *        stays, unsaved, and is not sent again until it changes.
 *   409  another page saved first. Nothing was replaced, and this page's text is
 *        kept aside on the server. The body is a conflict view (both texts, and the
 *        choices), which replaces the [data-autosave-root]; autosave stops there.
 *        Words typed while that reply was on its way are sent first, so the text
 *        kept aside is everything on the page.
 *   a redirect to sign-in, 401 or 403: signed out, or the CSRF token went stale. The
 *        text stays; a fresh token is read from this page's URL; saving retries.
 *   anything else, or no answer in 30 s: retried, waiting 5 s, 10 s, 20 s… at most 60 s.
 * A retry of a save whose reply was lost carries the same editor id, so the server
 * acknowledges it instead of calling it a conflict.
 *
 * Buttons in the form (Save, Answer again…) post through htmx and swap the root with
 * the server's new version of it (400 and 409 are swapped too). One request per
 * form at a time: a button pressed during an autosave waits for it, and words typed
 * during a button's request are carried into the new form and saved after it.
 *
 * Nothing is written to browser storage. Leaving the page with unsaved words asks
 * first, except through Quick exit, which must never be held back.
 *
 * HealingAutosave.flush(root) saves the forms inside `root` (or the whole page) at
 * once, without waiting for a pause in typing, in requests that outlive the page
 * (keepalive, like a beacon). It resolves when each is settled, or after 8 s at most:
 * to true when the server holds all of it, false when something could not be saved
 * yet (the words stay on the page and saving goes on retrying). Quick exit calls it
 * before leaving, and the grounding pause before the person steps away.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 1200;
  var HEARTBEAT_MS = 10000;
  var RETRY_MS = 5000;
  var MAX_RETRY_MS = 60000;
  var TIMEOUT_MS = 30000; // a hung autosave must not hold a button back for ever
  var COUNT_FROM = 0.8;
  var KEEPALIVE_BYTES = 60000; // under the browser's 64 KB for requests that outlive a page

  var states = {}; // one per form, by its action: outlives swaps
  var ready = new WeakSet();

  // -- Shared with the page-specific files ------------------------------------------

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

  // The status is a live region: say a thing once, not again on every keystroke.
  function show(status, text, state) {
    if (status && (status.textContent !== text || status.getAttribute("data-state") !== state)) {
      status.textContent = text;
      status.setAttribute("data-state", state);
      linkSignIn(status);
    }
  }

  // Signed out: the words that say so become a link to sign in in a new tab, which
  // comes back to this page there; this tab keeps its words and saves them once the
  // person returns to it. The status carries the sign-in address (data-login-url).
  var SIGN_IN_WORDS = "sign in again in a new tab";
  function linkSignIn(status) {
    var url = status.getAttribute("data-login-url");
    var text = status.textContent;
    var at = text.indexOf(SIGN_IN_WORDS);
    if (!url || at < 0) { return; }
    var link = document.createElement("a");
    link.href = url + "?next=" + encodeURIComponent(window.location.pathname + window.location.search);
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = SIGN_IN_WORDS;
    status.replaceChildren(text.slice(0, at), link, text.slice(at + SIGN_IN_WORDS.length));
  }

  function failureText(kind, what) {
    what = what || "your text is";
    return {
      network: "Not saved — will retry. The connection seems to be lost; " + what +
        " still here, keep this page open.",
      session: "Not saved — will retry. You seem to be signed out; " + what + " still here: " +
        SIGN_IN_WORDS + ", then come back to this one and it will save what is on it.",
      server: "Not saved — will retry. Something went wrong on our side; " + what + " still here.",
    }[kind];
  }

  function backoff(failures) {
    return Math.min(RETRY_MS * Math.pow(2, failures - 1), MAX_RETRY_MS);
  }

  // POST form-encoded, like htmx, so a line break counts as one character on both
  // paths (multipart would send two). Resolves to [response, html]; rejects on a
  // network failure or after TIMEOUT_MS. `outlive` asks the browser to finish the
  // request even if the page goes away (it allows at most 64 KB in such requests).
  function post(url, body, outlive) {
    body.set("csrfmiddlewaretoken", csrfToken());
    var controller = new AbortController();
    var timeout = window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "HX-Request": "true", "X-CSRFToken": csrfToken() },
      signal: controller.signal,
      keepalive: Boolean(outlive) && body.toString().length < KEEPALIVE_BYTES,
    }).then(function (response) {
      return response.text().then(function (html) {
        window.clearTimeout(timeout);
        return [response, html];
      });
    }, function (error) {
      window.clearTimeout(timeout);
      throw error;
    });
  }

  function signedOut(response) {
    return response.redirected || response.status === 401 || response.status === 403;
  }

  // -- What a form holds -----------------------------------------------------------

  function isAutosaveForm(element) {
    return Boolean(element && element.matches && element.matches("form[data-autosave]"));
  }

  function isPending(element) {
    return Boolean(element && element.hasAttribute && element.hasAttribute("data-autosave-pending"));
  }

  function pendingNames(form) {
    return Array.prototype.filter.call(form.elements, isPending).map(function (el) { return el.name; });
  }

  // What autosave would store, as one comparable string.
  function valuesOf(form) {
    var skip = pendingNames(form).concat(["csrfmiddlewaretoken", "base", "editor"]);
    var parts = [];
    new FormData(form).forEach(function (value, name) {
      if (skip.indexOf(name) < 0) { parts.push([name, value]); }
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
        element.type !== "submit" && element.type !== "button" && element.type !== "hidden";
    });
  }

  function valueOf(element) {
    if (element.type === "checkbox" || element.type === "radio") { return String(element.checked); }
    return element.value;
  }

  function statusOf(form) { return form.querySelector("[data-save-status]"); }

  function rootOf(form) { return form.closest("[data-autosave-root]") || form; }

  // -- State per form --------------------------------------------------------------

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
        carried: false, // the next form set up came from a swap planned here
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
    return Array.prototype.some.call(st.form.elements, function (el) {
      return isPending(el) && el.value.trim();
    });
  }

  function say(st, text, state) { show(statusOf(st.form), text, state); }

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
    say(st, failureText(kind), "error");
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
      .then(function () { return send(st); })
      .catch(function () { failed(st, "network"); })
      .then(function () {
        st.busy = null;
        drain(st);
      });
  }

  function send(st, outlive) {
    var form = st.form;
    var sent = valuesOf(form);
    if (!st.kind) { say(st, "Saving…", "saving"); }
    var body = new URLSearchParams(new FormData(form));
    pendingNames(form).forEach(function (name) { body.delete(name); });
    body.append("autosave", "1");
    return post(form.action, body, outlive).then(function (result) {
      var response = result[0];
      var page = new DOMParser().parseFromString(result[1], "text/html");
      var fresh = page.querySelector("[data-save-status]");
      if (signedOut(response)) {
        failed(st, "session");
      } else if (response.status === 409) {
        conflicted(st, sent, page);
      } else if (response.status === 400 && fresh) {
        // The text itself needs changing (too long…): say why, keep it unsaved,
        // and send it again once it has changed.
        succeeded(st);
        st.rejected = sent;
        say(st, fresh.textContent, "error");
      } else if (!response.ok || !fresh) {
        failed(st, "server");
      } else {
        succeeded(st);
        st.saved = sent;
        st.rejected = null;
        if (form.elements.base && fresh.hasAttribute("data-base")) {
          form.elements.base.value = fresh.getAttribute("data-base");
        }
        st.savedWords = fresh.textContent;
        say(st, fresh.textContent, needsSave(st) ? "dirty" : "saved");
        form.dispatchEvent(new CustomEvent("autosave:saved", { bubbles: true, detail: { page: page } }));
      }
    }, function () {
      failed(st, "network");
    });
  }

  // Another page saved first. Show both texts, once the server holds all of this one's.
  function conflicted(st, sent, page) {
    succeeded(st);
    var view = page.querySelector("[data-autosave-root]");
    if (valuesOf(st.form) !== sent || !view) {
      say(st, "Changed in another tab too. Keeping your words before showing both…", "saving");
      st.saved = null; // send again at once: the server keeps them aside, then answers 409
      return;
    }
    var root = rootOf(st.form);
    root.replaceWith(view);
    if (window.htmx) { window.htmx.process(view); }
    var title = view.querySelector("[data-conflict] [tabindex='-1']");
    if (title) { title.focus(); }
  }

  function setup(form) {
    if (ready.has(form)) { return; }
    ready.add(form);
    var st = stateFor(form);
    if (st.form !== form && !st.carried) {
      // A new form from the server (after settling a conflict): it shows what is stored.
      st.saved = renderedValuesOf(form);
      st.rejected = null;
    }
    st.form = form;
    st.carried = false;
    st.savedWords = statusOf(form) ? statusOf(form).textContent : "";

    function edited(event) {
      if (!event.target.name || isPending(event.target)) { return; }
      if (!st.kind && valuesOf(form) === st.saved) {
        say(st, st.savedWords, "saved"); // back to what is stored (nothing, if never saved)
      } else if (!st.kind) {
        say(st, "Changes not saved yet", "dirty");
      }
      schedule(st, DEBOUNCE_MS);
    }
    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
    form.addEventListener("input", function (event) { count(event.target); });
    form.addEventListener("focusout", function (event) {
      // Pressing one of this form's buttons saves everything anyway.
      var next = event.relatedTarget;
      if (next && next.form === form && next.type === "submit") { return; }
      save(st);
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
    Array.prototype.forEach.call(form.elements, count);
  }

  function setupAll(root) {
    if (isAutosaveForm(root)) { setup(root); }
    if (root && root.querySelectorAll) {
      root.querySelectorAll("form[data-autosave]").forEach(setup);
    }
  }

  // -- A live count near the limit ---------------------------------------------------

  function count(field) {
    var limit = field && field.getAttribute && Number(field.getAttribute("data-limit"));
    if (!limit) { return; }
    var length = Array.from(field.value).length; // code points, as the server counts
    var id = field.id ? field.id + "-count" : "";
    var note = id && document.getElementById(id);
    if (length < limit * COUNT_FROM) {
      if (note) { note.hidden = true; }
      return;
    }
    if (!note) {
      if (!id) { return; }
      note = document.createElement("p");
      note.id = id;
      note.className = "char-count";
      field.insertAdjacentElement("afterend", note);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", described ? described + " " + id : id);
    }
    note.hidden = false;
    note.textContent = length.toLocaleString("en") + " of " + limit.toLocaleString("en") +
      " characters" + (length > limit ? " — too long to save; shorten it a little." : "");
    note.setAttribute("data-over", length > limit ? "true" : "false");
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

  function changedDuringRequest(st) {
    return Boolean(st.snapshot) && fieldsOf(st.form).some(function (field, i) {
      return valueOf(field) !== st.snapshot[i];
    });
  }

  function planCarry(st, detail) {
    var incoming = new DOMParser().parseFromString(detail.serverResponse, "text/html")
      .querySelector("form[data-autosave]");
    if (!incoming) {
      if (detail.xhr.status === 409 && changedDuringRequest(st)) {
        // A conflict, and words typed meanwhile: keep them on the page and let
        // autosave send them; the server keeps them aside before showing both.
        detail.shouldSwap = false;
        st.saved = null;
      }
      return;
    }
    succeeded(st);
    st.carried = true;
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
          st.carried = false;
          say(st, "Changes not saved yet", "dirty");
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
    rootOf(form).querySelectorAll("[autofocus]").forEach(function (element) {
      element.removeAttribute("autofocus");
    });
    say(stateFor(form), "Changes not saved yet", "dirty");
    schedule(st, DEBOUNCE_MS);
  }

  // -- htmx requests from buttons ------------------------------------------------------

  // A button pressed while this form's autosave is on its way waits for it, so the
  // server always gets them in the order they happened. A second press while a
  // button's own request is on its way is ignored (its buttons are disabled too).
  document.addEventListener("htmx:confirm", function (event) {
    var form = event.detail.elt;
    if (!isAutosaveForm(form)) { return; }
    var st = stateFor(form);
    if (!st.busy) { return; }
    event.preventDefault();
    if (st.busy === "autosave" && !st.queued) {
      var issue = event.detail.issueRequest;
      st.queued = function () { issue(true); };
    }
  });

  // Send exactly the button that was pressed, even when its request had to wait, and
  // the counter as it is now (an autosave may have moved it while the button waited).
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.detail.elt;
    if (!isAutosaveForm(form)) { return; }
    var data = event.detail.formData;
    var trigger = event.detail.triggeringEvent;
    var submitter = trigger && trigger.submitter;
    form.querySelectorAll("button[name]").forEach(function (button) { data.delete(button.name); });
    if (submitter && submitter.name) { data.set(submitter.name, submitter.value); }
    if (form.elements.base) { data.set("base", form.elements.base.value); }
  });

  function failure(elt, kind) {
    var form = elt && elt.closest ? elt.closest("form") : null;
    if (!form) { return; }
    if (isAutosaveForm(form)) {
      failed(stateFor(form), kind);
    } else {
      show(form.querySelector("[data-save-status]"), failureText(kind), "error");
    }
  }

  // Show a refusal (400) or a conflict (409) in place, never swap a sign-in page over
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
    if (xhr.status === 400 || xhr.status === 409) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
    if (detail.shouldSwap && isAutosaveForm(source)) {
      planCarry(stateFor(source), detail);
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var root = event.target;
    var form = isAutosaveForm(root) ? root : root.querySelector("form[data-autosave]");
    if (!form) { return; }
    // The browser may focus the new [autofocus] button before htmx's settle gives the
    // form its handlers: Enter pressed then would post the whole page. Give them now.
    if (window.htmx) { window.htmx.process(rootOf(form)); }
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

  function autosaveForms() {
    return Array.prototype.slice.call(document.querySelectorAll("form[data-autosave]"));
  }

  window.setInterval(function () {
    autosaveForms().forEach(function (form) { save(stateFor(form)); });
  }, HEARTBEAT_MS);

  // One form, for flush(): the request on its way first (a later one must not land
  // before it), then whatever is still unsaved, at once, in a request that outlives the page.
  function whenIdle(st) {
    return new Promise(function (resolve) {
      (function check() {
        if (st.busy) { window.setTimeout(check, 25); } else { resolve(); }
      })();
    });
  }

  function flushForm(st) {
    return whenIdle(st).then(function () {
      window.clearTimeout(st.timer);
      st.timer = null;
      if (!needsSave(st)) { return null; }
      st.busy = "autosave";
      return send(st, true).then(function () { st.busy = null; });
    });
  }

  // Back from signing in in another tab: try at once rather than after the back-off.
  function retrySignedOut() {
    if (document.visibilityState !== "visible") { return; }
    autosaveForms().forEach(function (form) {
      var st = stateFor(form);
      if (st.kind === "session") {
        st.retryAt = 0;
        save(st);
      }
    });
  }
  document.addEventListener("visibilitychange", retrySignedOut);
  window.addEventListener("focus", retrySignedOut);

  window.addEventListener("beforeunload", function (event) {
    // Quick exit hides the page before leaving: never hold the person back then.
    if (document.body.hidden) { return; }
    var waiting = autosaveForms().some(function (form) { return unsaved(stateFor(form)); }) ||
      document.querySelector("[data-unsaved]");
    if (waiting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  var FLUSH_WAIT_MS = 8000; // a pause is never held back longer than this

  function flush(root) {
    var forms = autosaveForms().filter(function (form) { return !root || root.contains(form); });
    var stored = function (form) {
      var st = stateFor(form);
      return !attached(st) || (!st.busy && valuesOf(st.form) === st.saved);
    };
    var all = Promise.all(forms.map(function (form) { return flushForm(stateFor(form)); }));
    var late = new Promise(function (resolve) { window.setTimeout(resolve, FLUSH_WAIT_MS); });
    return Promise.race([all, late]).then(function () { return forms.every(stored); });
  }

  window.HealingAutosave = {
    flush: flush,
    csrfToken: csrfToken,
    refreshToken: refreshToken,
    show: show,
    failureText: failureText,
    backoff: backoff,
    post: post,
    signedOut: signedOut,
    saveNow: function (form) { if (isAutosaveForm(form)) { save(stateFor(form)); } },
  };

  document.addEventListener("htmx:load", function (event) { setupAll(event.detail.elt); });
  document.addEventListener("DOMContentLoaded", function () { setupAll(document); });
})();
