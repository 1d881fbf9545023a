(function () {
  "use strict";
  // The live desk (reconcile serve): decision controls on every finding, the page kept in
  // step with the server (new runs, decisions made elsewhere), articles dropped onto the page.
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") : "";
  }
  var TOKEN = meta("reconcile-desk-token");
  var run = meta("reconcile-desk-run");
  var decisions = meta("reconcile-desk-decisions");
  var POLL = 1000;
  var EXTENSIONS = /\.(txt|md|markdown|html?)$/i;
  if (!TOKEN) { return; }
  // the token stays out of the address bar (and history, and bookmarks): the cookie and this script hold it
  if (/[?&]token=/.test(location.search)) {
    history.replaceState(null, "", location.pathname + location.hash);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  // ------------------------------------------------------------------ the desk bar
  var bar = el("div", "desk-bar");
  bar.id = "desk-bar";
  bar.setAttribute("role", "region");
  bar.setAttribute("aria-label", "Live desk");
  var title = el("strong", "", "Live desk");
  var live = el("span", "desk-live", "");
  live.id = "desk-live";
  var whoLabel = el("label", "desk-who", "Your initials ");
  var who = el("input");
  who.id = "desk-by";
  who.type = "text";
  who.autocomplete = "off";
  who.maxLength = 60;
  try { who.value = localStorage.getItem("reconcile-desk-by") || ""; } catch (e) { /* storage off */ }
  who.addEventListener("change", function () {
    try { localStorage.setItem("reconcile-desk-by", who.value.trim()); } catch (e) { /* storage off */ }
  });
  whoLabel.appendChild(who);
  var say = el("p", "desk-say", "");
  say.id = "desk-say";
  say.setAttribute("role", "status");
  say.setAttribute("aria-live", "polite");
  var problem = el("p", "desk-problem", "");
  problem.id = "desk-problem";
  problem.setAttribute("role", "alert");
  problem.hidden = true;
  bar.appendChild(title);
  bar.appendChild(live);
  bar.appendChild(whoLabel);
  bar.appendChild(say);
  document.body.insertBefore(bar, document.body.firstChild);
  var mast = document.querySelector(".masthead");
  if (mast && mast.parentNode) { mast.parentNode.insertBefore(problem, mast.nextSibling); }

  function tell(text) { say.textContent = text; }

  // ------------------------------------------------------------------ talking to the server
  function post(path, body) {
    return fetch(path, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-Reconcile-Token": TOKEN },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return { error: r.status + " " + r.statusText }; }).then(function (d) {
        if (!r.ok || d.error) { throw new Error(d.error || (r.status + " " + r.statusText)); }
        return d;
      });
    });
  }
  function get(path) {
    return fetch(path, { credentials: "same-origin", cache: "no-store", headers: { "X-Reconcile-Token": TOKEN } });
  }

  // ------------------------------------------------------------------ controls on each finding
  var ACTIONS = [
    ["confirmed", "Confirm", "The finding is right: the source printed a wrong figure."],
    ["dismissed", "Dismiss", "Not a problem (a note is required)."],
    ["corrected", "Correct", "The finding is right; give the correct figure."]
  ];

  function fid(article) { return article.getAttribute("data-finding") || ""; }

  function decided(article) {
    var m = /\bis-(confirmed|dismissed|corrected)\b/.exec(article.className);
    return m ? m[1] : "";
  }

  function decorate(article) {
    if (!fid(article) || article.querySelector(".desk-actions")) { return; }
    var box = el("div", "desk-actions");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Decision on this finding");
    var state = decided(article);
    ACTIONS.forEach(function (a) {
      var b = el("button", "desk-btn desk-" + a[0], a[1]);
      b.type = "button";
      b.title = a[2];
      b.setAttribute("data-action", a[0]);
      b.setAttribute("aria-pressed", state === a[0] ? "true" : "false");
      b.addEventListener("click", function () { openForm(article, a[0]); });
      box.appendChild(b);
    });
    if (state) {
      var u = el("button", "desk-btn desk-undo", "Undo");
      u.type = "button";
      u.title = "Remove the decision: the finding is open again.";
      u.setAttribute("data-action", "undo");
      u.addEventListener("click", function () { send(article, "/api/undo", { finding: fid(article) }, "Undone"); });
      box.appendChild(u);
    }
    var h = article.querySelector("h3");
    var after = h ? h.nextSibling : null;
    while (after && after.nodeType === 1 && after.classList.contains("decision")) { after = after.nextSibling; }
    article.insertBefore(box, after);
  }

  function field(form, label, name, kind, required) {
    var wrap = el("label", "desk-field", label + (required ? " (required) " : " "));
    var input = el(kind === "textarea" ? "textarea" : "input");
    if (kind !== "textarea") { input.type = "text"; }
    else { input.rows = 2; }
    input.name = name;
    input.required = !!required;
    input.autocomplete = "off";
    wrap.appendChild(input);
    form.appendChild(wrap);
    return input;
  }

  function openForm(article, action) {
    var old = article.querySelector(".desk-form");
    if (old) { old.parentNode.removeChild(old); }
    var form = el("form", "desk-form desk-form-" + action);
    form.noValidate = true;
    var value = null;
    if (action === "corrected") { value = field(form, "Correct value", "value", "input", true); }
    var note = field(form, action === "dismissed" ? "Why it is not a problem" : "Note", "note", "textarea",
      action === "dismissed");
    var row = el("div", "desk-row");
    var save = el("button", "desk-btn desk-save", { confirmed: "Save: confirmed", dismissed: "Save: dismissed",
      corrected: "Save: corrected" }[action]);
    save.type = "submit";
    var cancel = el("button", "desk-btn desk-cancel", "Cancel");
    cancel.type = "button";
    var err = el("span", "desk-err", "");
    err.setAttribute("role", "alert");
    row.appendChild(save);
    row.appendChild(cancel);
    row.appendChild(err);
    form.appendChild(row);
    function close() { if (form.parentNode) { form.parentNode.removeChild(form); } }
    cancel.addEventListener("click", close);
    form.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); close(); article.focus({ preventScroll: true }); }
      if (e.key === "Enter" && e.target.tagName === "TEXTAREA" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (value && !value.value.trim()) { err.textContent = "Give the correct value."; value.focus(); return; }
      if (action === "dismissed" && !note.value.trim()) { err.textContent = "Say why it is not a problem."; note.focus(); return; }
      err.textContent = "";
      save.disabled = true;
      send(article, "/api/decision", {
        finding: fid(article), status: action, note: note.value, value: value ? value.value : "", by: who.value
      }, "Saved").catch(function (x) { err.textContent = String(x.message || x); save.disabled = false; });
    });
    var box = article.querySelector(".desk-actions");
    article.insertBefore(form, box ? box.nextSibling : null);
    (value || note).focus();
  }

  function send(article, path, body, done) {
    tell("Saving…");
    return post(path, body).then(function (d) {
      decisions = String(d.decisions);
      tell(done + ": " + (d.status === "open" ? "open again" : d.status) + " " + d.finding + ".");
      return refresh(article.id);
    }, function (x) { tell("Not saved: " + (x.message || x)); throw x; });
  }

  // ------------------------------------------------------------------ following the server
  var KEEP = ["is-current", "is-target"];
  function swap(node, fresh) {
    var keep = KEEP.filter(function (c) { return node.classList.contains(c); });
    node.className = fresh.className;
    keep.forEach(function (c) { node.classList.add(c); });
    node.innerHTML = fresh.innerHTML;  // the same node: the report's script keeps its place in the list
    if (node.classList.contains("finding")) { decorate(node); }
  }

  function bare(node) {
    var c = node.cloneNode(true);
    Array.prototype.forEach.call(c.querySelectorAll(".desk-actions, .desk-form"), function (x) { x.parentNode.removeChild(x); });
    KEEP.forEach(function (k) { c.classList.remove(k); });
    return c.className + "|" + c.innerHTML;
  }

  function refresh(focusId) {
    return get("/").then(function (r) {
      if (!r.ok) { throw new Error(r.status + " " + r.statusText); }
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var fresh = doc.querySelector('meta[name="reconcile-desk-decisions"]');
      if (fresh) { decisions = fresh.getAttribute("content"); }
      var freshRun = doc.querySelector('meta[name="reconcile-desk-run"]');
      if (freshRun && freshRun.getAttribute("content") !== run) { reload(); return; }
      ["review"].forEach(function (id) {
        var a = document.getElementById(id);
        var b = doc.getElementById(id);
        if (a && b) { a.innerHTML = b.innerHTML; }
      });
      Array.prototype.forEach.call(document.querySelectorAll("article.finding"), function (node) {
        var b = doc.getElementById(node.id);
        if (!b || (node.querySelector(".desk-form") && node.id !== focusId)) { return; }
        if (bare(node) !== b.className + "|" + b.innerHTML) { swap(node, b); }
      });
      if (focusId) {
        var f = document.getElementById(focusId);
        var btn = f ? f.querySelector(".desk-actions button") : null;
        if (btn) { btn.focus({ preventScroll: true }); }
      }
    });
  }

  function busy() {
    var a = document.activeElement;
    return !!document.querySelector(".desk-form") || (a && a !== who && (a.tagName === "TEXTAREA" ||
      (a.tagName === "INPUT" && a.type === "text")));
  }

  function reload() {
    try {
      sessionStorage.setItem("reconcile-desk-scroll", String(window.scrollY));
      sessionStorage.setItem("reconcile-desk-updated", "1");
    } catch (e) { /* storage off */ }
    location.reload();
  }

  var waiting = false;
  function poll() {
    get("/api/status").then(function (r) {
      if (!r.ok) { throw new Error(r.status + " " + r.statusText); }
      return r.json();
    }).then(function (st) {
      live.textContent = st.running ? "re-running…" : "run " + st.run + " of " + st.when;
      if (st.error) {
        problem.hidden = false;
        problem.textContent = "The re-run of " + st.error_when + " failed: " + st.error +
          ". Showing the last good report (" + st.when + ").";
      } else {
        problem.hidden = true;
        problem.textContent = "";
      }
      if (String(st.run) !== run) {
        if (busy()) {
          if (!waiting) { tell("A new run is ready: it will show when you have saved or cancelled the open form."); }
          waiting = true;
        } else {
          reload();
          return;
        }
      } else if (String(st.decisions) !== decisions && !busy()) {
        decisions = String(st.decisions);
        refresh(null).then(function () { tell("Decisions changed elsewhere: shown."); });
      }
      window.setTimeout(poll, POLL);
    }).catch(function (x) {
      live.textContent = "the desk server is not answering (" + (x.message || x) + ")";
      window.setTimeout(poll, POLL * 3);
    });
  }

  // ------------------------------------------------------------------ an article dropped onto the page
  var over = el("div", "desk-drop", "Drop an article (.txt, .md, .html) to save it into the corpus");
  over.hidden = true;
  document.body.appendChild(over);
  var depth = 0;
  function hasFiles(e) {
    return e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], "Files") !== -1;
  }
  document.addEventListener("dragenter", function (e) { if (hasFiles(e)) { depth += 1; over.hidden = false; } });
  document.addEventListener("dragleave", function (e) { if (hasFiles(e)) { depth = Math.max(0, depth - 1); if (!depth) { over.hidden = true; } } });
  document.addEventListener("dragover", function (e) { if (hasFiles(e)) { e.preventDefault(); } });
  document.addEventListener("drop", function (e) {
    if (!hasFiles(e)) { return; }
    e.preventDefault();
    depth = 0;
    over.hidden = true;
    Array.prototype.forEach.call(e.dataTransfer.files, function (file) {
      if (!EXTENSIONS.test(file.name)) { tell("Not an article: " + file.name + " (.txt, .md or .html)."); return; }
      file.text().then(function (text) {
        return post("/api/article", { name: file.name, text: text });
      }).then(function (d) { tell("Saved " + d.saved + " into the corpus; re-running…"); },
        function (x) { tell("Not saved: " + (x.message || x)); });
    });
  });

  // ------------------------------------------------------------------ start
  Array.prototype.forEach.call(document.querySelectorAll("article.finding"), decorate);
  var list = document.getElementById("finding-list");
  if (list && typeof MutationObserver !== "undefined") {
    // findings built later by the report's script (a large report's pages) get their controls too
    new MutationObserver(function (records) {
      records.forEach(function (m) {
        Array.prototype.forEach.call(m.addedNodes, function (n) {
          if (n.nodeType === 1 && n.classList.contains("finding")) { decorate(n); }
        });
      });
    }).observe(list, { childList: true });
  }
  try {
    var y = sessionStorage.getItem("reconcile-desk-scroll");
    if (sessionStorage.getItem("reconcile-desk-updated")) {
      sessionStorage.removeItem("reconcile-desk-updated");
      sessionStorage.removeItem("reconcile-desk-scroll");
      tell("Updated: a new run of the corpus. What changed is under “Since the last run”.");
      if (y !== null) { window.scrollTo(0, Number(y)); }
    }
  } catch (e) { /* storage off */ }
  document.documentElement.setAttribute("data-desk", "ready");
  window.setTimeout(poll, POLL);
}());
