// Practice days: each box ticked or unticked is sent on its own, as one change
// (`tick=<cell>` or `was=<cell>`), so a page opened earlier can never undo days ticked
// on another. Changes leave one at a time, in order, each saying the box's state at
// that moment; a failed one is tried again, waiting longer each time. Without
// JavaScript the form posts every box with the ticks it was drawn with (`was`), and
// the server writes only the difference.
(function () {
  "use strict";

  var A = window.HealingAutosave;
  var queues = new WeakMap();

  function queueOf(form) {
    if (!queues.has(form)) {
      queues.set(form, { pending: [], busy: false, timer: null, failures: 0, kind: null });
    }
    return queues.get(form);
  }

  function status(form) { return form.querySelector("[data-tick-status]"); }

  // The hidden `was` inputs follow what the server holds, for a later full post.
  function remember(box) {
    var cell = box.parentNode;
    var was = cell.querySelector("input[name=was]");
    if (box.checked && !was) {
      was = document.createElement("input");
      was.type = "hidden";
      was.name = "was";
      was.value = box.value;
      cell.appendChild(was);
    } else if (!box.checked && was) {
      was.remove();
    }
  }

  function failed(form, q, kind) {
    q.failures += 1;
    q.kind = kind;
    A.show(status(form), A.failureText(kind, "your ticks are"), "error");
    q.timer = window.setTimeout(function () {
      q.timer = null;
      next(form, q);
    }, A.backoff(q.failures));
  }

  function next(form, q) {
    if (q.busy || q.timer) { return; }
    if (!q.pending.length) {
      form.removeAttribute("data-unsaved");
      return;
    }
    var box = q.pending[0];
    var body = new URLSearchParams();
    body.set(box.checked ? "tick" : "was", box.value);
    q.busy = true;
    A.show(status(form), "Saving…", "saving");
    var before = q.kind === "session" ? A.refreshToken() : Promise.resolve();
    before
      .then(function () { return A.post(form.action, body); })
      .then(function (result) {
        var response = result[0];
        var fresh = new DOMParser().parseFromString(result[1], "text/html")
          .querySelector("[data-tick-status]");
        q.busy = false;
        if (A.signedOut(response)) { return failed(form, q, "session"); }
        if (response.status === 400 && fresh) {
          q.pending.shift(); // the days moved on (past midnight): reloading is the answer
          A.show(status(form), fresh.textContent, "error");
          return next(form, q);
        }
        if (!response.ok || !fresh) { return failed(form, q, "server"); }
        q.pending.shift();
        q.failures = 0;
        q.kind = null;
        remember(box);
        A.show(status(form), fresh.textContent, "saved");
        next(form, q);
      }, function () {
        q.busy = false;
        failed(form, q, "network");
      });
  }

  // A practice plan was saved: its days table follows at once (new practices get a
  // row, dropped ones lose theirs). Not while ticks are still on their way: those
  // boxes must stay on the page until they are saved.
  document.addEventListener("autosave:saved", function (event) {
    var root = event.target.closest("[data-autosave-root]");
    var live = root && root.querySelector("[data-practice-days-slot]");
    var fresh = event.detail && event.detail.page.querySelector("[data-practice-days-slot]");
    if (!live || !fresh || live.querySelector("form[data-unsaved]")) { return; }
    live.replaceWith(document.importNode(fresh, true));
  });

  document.addEventListener("change", function (event) {
    var box = event.target;
    var form = box.closest && box.closest("form[data-practice-days]");
    if (!form || box.name !== "tick") { return; }
    var q = queueOf(form);
    var waiting = q.pending.slice(q.busy ? 1 : 0); // the first may be on its way already
    if (waiting.indexOf(box) < 0) { q.pending.push(box); }
    form.setAttribute("data-unsaved", "");
    next(form, q);
  });
})();
