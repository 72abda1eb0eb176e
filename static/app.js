/* app.js: small progressive enhancements for the portal; every page works without it.
   The hooks are data attributes described in docs/ui-patterns.md:
     input[type=search][data-filter="ID"]   filter as you type (replaces #ID from the response)
     form[data-validate] + [data-submit]    submit button enabled once the form is valid
     input[type=checkbox][data-controls=ID] shows #ID and enables its fields while checked
     input[type=checkbox][data-excludes=ID] disables the checkbox #ID (and shows #ID-reason)
     form[data-confirm-dialog="ID"]         asks in <dialog id=ID> before submitting
     .menu-toggle[aria-controls=ID]         folds the navigation on phones
   No dependencies, no eval, no inline handlers (the Content-Security-Policy forbids them).
   Loaded from <head> without defer so that the "js" class is set before the first paint. */
(function () {
  "use strict";

  var doc = document;
  doc.documentElement.classList.add("js");

  var FILTER_DELAY_MS = 200;

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function byId(id) {
    return id ? doc.getElementById(id) : null;
  }

  /* ---------- form[data-validate]: submit enabled only when every field is valid ---------- */

  function submitButtons(form) {
    /* form.elements also holds buttons placed outside the form with form="…" (page header) */
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.hasAttribute("data-submit");
    });
  }

  function checkForm(form) {
    if (!form || !form.hasAttribute("data-validate")) {
      return;
    }
    var ok = form.checkValidity();
    each(submitButtons(form), function (b) {
      b.disabled = !ok;
    });
  }

  /* ---------- [data-controls]: dependent fields follow their switch ---------- */

  function setFieldsEnabled(box, on) {
    each(box.querySelectorAll("input, select, textarea, button"), function (el) {
      if (!on) {
        if (!el.disabled) {
          el.disabled = true;
          el.setAttribute("data-js-disabled", "");
        }
      } else if (el.hasAttribute("data-js-disabled")) {
        /* only undo what this script did; fields the server disabled stay disabled */
        el.disabled = false;
        el.removeAttribute("data-js-disabled");
      }
    });
  }

  function applyControls(sw) {
    var target = byId(sw.getAttribute("data-controls"));
    if (!target) {
      return;
    }
    var on = sw.checked;
    target.hidden = !on;
    setFieldsEnabled(target, on);
    if (on) {
      /* switches nested inside the dependent block get their own say again */
      each(target.querySelectorAll("input[type=checkbox][data-controls]"), applyControls);
      each(target.querySelectorAll("input[type=checkbox][data-excludes]"), applyExcludes);
    }
  }

  /* ---------- [data-excludes]: two options that cannot both be on ---------- */

  function applyExcludes(box) {
    var id = box.getAttribute("data-excludes");
    var other = byId(id);
    var reason = byId(id + "-reason");
    if (!other) {
      return;
    }
    var key = box.id || box.name || "1";
    if (box.checked) {
      if (!other.disabled) {
        other.disabled = true;
        other.setAttribute("data-excluded-by", key);
      }
      if (reason) {
        reason.hidden = false;
      }
    } else if (other.getAttribute("data-excluded-by") === key) {
      other.disabled = false;
      other.removeAttribute("data-excluded-by");
      if (reason) {
        reason.hidden = true;
      }
    }
  }

  function onToggle(el) {
    if (el.type !== "checkbox") {
      return;
    }
    if (el.hasAttribute("data-controls")) {
      applyControls(el);
    }
    if (el.hasAttribute("data-excludes")) {
      applyExcludes(el);
    }
  }

  /* ---------- filter as you type ---------- */

  function setupFilter(input) {
    var form = input.form;
    var targetId = input.getAttribute("data-filter");
    if (!form || !targetId || (form.getAttribute("method") || "get").toLowerCase() !== "get") {
      return;
    }
    var statusId = input.getAttribute("data-filter-status");
    var timer = 0;
    var pending = null;
    var lastQuery = null;

    function queryUrl() {
      var url = new URL(form.getAttribute("action") || location.pathname, location.href);
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (name !== "page" && typeof value === "string") {
          params.append(name, value);
        }
      });
      url.search = params.toString();
      url.hash = "";
      return url;
    }

    function run() {
      clearTimeout(timer);
      var url = queryUrl();
      if (url.href === lastQuery) {
        return;
      }
      lastQuery = url.href;
      if (pending) {
        pending.abort();
      }
      var ctrl = new AbortController();
      pending = ctrl;
      var current = byId(targetId);
      if (current) {
        current.setAttribute("aria-busy", "true");
      }
      fetch(url.href, {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
        signal: ctrl.signal
      }).then(function (r) {
        /* a redirect (signed out) or an error page: let the browser show it */
        if (!r.ok || r.redirected) {
          throw new Error("navigate");
        }
        return r.text();
      }).then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var next = fresh.getElementById(targetId);
        var cur = byId(targetId);
        if (!next || !cur) {
          throw new Error("navigate");
        }
        cur.replaceWith(doc.importNode(next, true));
        var live = byId(statusId);
        var liveNext = statusId ? fresh.getElementById(statusId) : null;
        if (live && liveNext && live.textContent !== liveNext.textContent) {
          live.textContent = liveNext.textContent;
        }
        if (history.replaceState) {
          history.replaceState(history.state, "", url.href);
        }
      }).catch(function (err) {
        if (err && err.name === "AbortError") {
          return;
        }
        location.assign(url.href);
      }).then(function () {
        if (pending === ctrl) {
          pending = null;
        }
      });
    }

    lastQuery = queryUrl().href;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, FILTER_DELAY_MS);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      run();
    });
  }

  /* ---------- confirmation dialog before a destructive submit ---------- */

  var confirmState = null; /* { form, submitter } while a dialog is open */

  function onSubmit(e) {
    var form = e.target;
    var dialogId = form.getAttribute && form.getAttribute("data-confirm-dialog");
    if (!dialogId || e.defaultPrevented || form.getAttribute("data-confirmed") === "1") {
      return;
    }
    var dialog = byId(dialogId);
    if (!dialog || typeof dialog.showModal !== "function") {
      return; /* no dialog support: the server asks on a confirmation page */
    }
    e.preventDefault();
    confirmState = { form: form, submitter: e.submitter || null };
    var subject = form.getAttribute("data-confirm-subject");
    each(dialog.querySelectorAll("[data-confirm-subject]"), function (el) {
      el.textContent = subject || "";
    });
    dialog.showModal();
  }

  function onDialogClick(e) {
    var btn = e.target.closest && e.target.closest("[data-dialog-confirm], [data-dialog-cancel]");
    if (!btn) {
      return;
    }
    var dialog = btn.closest("dialog");
    if (!dialog) {
      return;
    }
    if (btn.hasAttribute("data-dialog-cancel")) {
      dialog.close();
      confirmState = null;
      return;
    }
    var state = confirmState;
    dialog.close();
    confirmState = null;
    if (!state) {
      return;
    }
    var form = state.form;
    /* tell the server the person has confirmed, so it acts instead of asking again */
    var flag = doc.createElement("input");
    flag.type = "hidden";
    flag.name = "confirmed";
    flag.value = "1";
    form.appendChild(flag);
    form.setAttribute("data-confirmed", "1");
    try {
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit(state.submitter && state.submitter.form === form ? state.submitter : null);
      } else {
        form.submit();
      }
    } finally {
      /* the form data is taken synchronously; a page restored with Back asks again */
      form.removeAttribute("data-confirmed");
      flag.remove();
    }
  }

  /* ---------- navigation menu on phones ---------- */

  function setupMenu(btn) {
    var nav = byId(btn.getAttribute("aria-controls"));
    if (!nav) {
      return;
    }
    function setOpen(open) {
      btn.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    }
    btn.addEventListener("click", function () {
      setOpen(btn.getAttribute("aria-expanded") !== "true");
    });
    doc.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && btn.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        btn.focus();
      }
    });
  }

  /* ---------- error summary: take focus, and its links focus their field ---------- */

  function setupErrorSummary(summary) {
    summary.focus();
    summary.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[href^='#']");
      var field = a ? byId(decodeURIComponent(a.getAttribute("href").slice(1))) : null;
      if (!field || typeof field.focus !== "function") {
        return;
      }
      e.preventDefault();
      var label = doc.querySelector("label[for='" + field.id.replace(/['\\]/g, "\\$&") + "']");
      (label || field).scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    });
  }

  /* ---------- start ---------- */

  doc.addEventListener("DOMContentLoaded", function () {
    each(doc.querySelectorAll("input[type=checkbox][data-controls]"), applyControls);
    each(doc.querySelectorAll("input[type=checkbox][data-excludes]"), applyExcludes);
    each(doc.forms, checkForm);
    each(doc.querySelectorAll("input[type=search][data-filter]"), setupFilter);
    each(doc.querySelectorAll(".menu-toggle[aria-controls]"), setupMenu);
    var summary = doc.querySelector(".error-summary");
    if (summary) {
      setupErrorSummary(summary);
    }

    /* delegated, so rows replaced by the filter keep working */
    doc.addEventListener("change", function (e) {
      onToggle(e.target);
      checkForm(e.target.form);
    });
    doc.addEventListener("input", function (e) {
      checkForm(e.target.form);
    });
    doc.addEventListener("submit", onSubmit);
    doc.addEventListener("click", onDialogClick);
    doc.addEventListener("close", function (e) {
      if (e.target.tagName === "DIALOG") {
        confirmState = null;
      }
    }, true);
  });
}());
