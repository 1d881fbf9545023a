(function () {
  "use strict";
  var PAGE = 50;
  var ROW_PAGE = 100;
  var SCORE_PAGE = 60;
  var bar = document.getElementById("filters");
  var query = document.getElementById("q");
  var sorter = document.getElementById("sort");
  var status = document.getElementById("filter-status");
  var list = document.getElementById("finding-list");
  var matrixBody = document.getElementById("matrix-body");
  var scoreBody = document.getElementById("score-body");
  var moreSources = document.getElementById("more-sources");
  var holder = document.querySelector("[data-z]");
  var DATA = null;
  if (!bar || !query || !status || !list) { return; }
  var boxes = Array.prototype.slice.call(bar.querySelectorAll("input[data-sev]"));

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function link(href, text, cls) {
    var a = el("a", cls, text);
    a.setAttribute("href", "#" + href);
    return a;
  }
  function fmt(n) { return Number(n).toLocaleString("en"); }

  // ------------------------------------------------------------------ findings
  var records = Array.prototype.map.call(
    document.querySelectorAll("#findings article.finding"),
    function (node) {
      return {
        el: node, id: node.id, sev: node.getAttribute("data-sev"),
        order: Number(node.getAttribute("data-order")), q: node.getAttribute("data-q") || "",
        text: null, data: null
      };
    }
  );
  var byAnchor = {};
  records.forEach(function (r) { byAnchor[r.id] = r; });
  var shown = records.slice();
  var page = 0;
  var current = -1;
  var timer = 0;
  var applied = "";  // the filter text the list now reflects

  function textOf(r) {
    if (r.text === null) {
      if (r.el) {
        r.text = r.el.textContent.toLowerCase();
      } else {
        var d = r.data;
        var parts = [d[2], d[3], d[4], d[5] || "", d[6], d[14]];
        d[8].concat(d[9]).forEach(function (a) {
          var c = DATA.claims[a];
          if (c) { parts.push(c[1], DATA.sources[c[0] - 1] ? DATA.sources[c[0] - 1][0] + " " + (DATA.sources[c[0] - 1][3] || "") : ""); }
        });
        r.text = parts.join(" ").toLowerCase();
      }
    }
    return r.text;
  }

  function quoteNode(c) {
    var q = el("q");
    if (c[2] === null) {
      q.appendChild(el("mark", "", c[1]));
      return q;
    }
    q.appendChild(document.createTextNode(c[2]));
    q.appendChild(el("mark", "", c[1]));
    q.appendChild(document.createTextNode(c[3]));
    return q;
  }

  function claimItem(anchor) {
    var c = DATA.claims[anchor];
    var li = el("li", c && c[4] ? c[4] : "");
    if (!c) { li.appendChild(link(anchor, "claim")); return li; }
    var who = el("div", "who");
    var src = DATA.sources[c[0] - 1] || ["", "", ""];
    who.appendChild(el("span", "idx", c[0]));
    who.appendChild(document.createTextNode(" "));
    if (src[3]) { who.appendChild(el("span", "outlet", src[3])); who.appendChild(document.createTextNode(" · ")); }
    if (src[2]) { who.appendChild(link(src[2], src[0], "src")); } else { who.appendChild(el("span", "src", src[0])); }
    if (src[0] !== src[1]) {  // an untitled article goes by its path, once
      who.appendChild(document.createTextNode(" "));
      who.appendChild(el("span", "path", src[1] + (c[5] ? ", p. " + c[5] : "")));
    } else if (c[5]) {
      who.appendChild(document.createTextNode(" "));
      who.appendChild(el("span", "path", "p. " + c[5]));
    }
    li.appendChild(who);
    li.appendChild(link(anchor, c[1], "num"));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(quoteNode(c));
    return li;
  }

  function buildFinding(d) {
    var a = el("article", "finding sev-" + d[1] + (d[12] ? " is-" + d[12][0] : ""));
    a.id = d[0];
    a.setAttribute("data-finding", d[14]);
    a.setAttribute("data-sev", d[1]);
    a.setAttribute("data-order", d[13]);
    a.setAttribute("data-q", (d[6] || "~").toLowerCase());
    a.setAttribute("tabindex", "-1");
    a.setAttribute("aria-labelledby", d[0] + "-h");
    var head = el("header");
    head.appendChild(el("span", "badge sev-" + d[1], d[1].charAt(0).toUpperCase() + d[1].slice(1)));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(el("code", "rule", d[2]));
    if (d[6]) {
      head.appendChild(document.createTextNode(" "));
      head.appendChild(d[7] ? link(d[7], d[6], "qty") : el("span", "qty", d[6]));
    }
    if (d[11]) { head.appendChild(document.createTextNode(" ")); head.appendChild(el("span", "tag " + d[11], d[11])); }
    if (d[12]) { head.appendChild(document.createTextNode(" ")); head.appendChild(el("span", "status " + d[12][0], d[12][1])); }
    a.appendChild(head);
    var h = el("h3", "", d[3]);
    h.id = d[0] + "-h";
    a.appendChild(h);
    if (d[12]) {
      a.appendChild(el("p", "decision " + d[12][0], d[12][1] + (d[12][3] ? " to " + d[12][3] : "") + (d[12][2] ? ": " + d[12][2] : "")));
    }
    var body = el("div", "fbody");
    var ev = el("div", "evidence");
    var ul = el("ul", "quotes");
    d[8].forEach(function (x) { ul.appendChild(claimItem(x)); });
    if (d[9].length) { ev.appendChild(el("h4", "sub", "Disagreeing")); }
    ev.appendChild(ul);
    if (d[9].length) {
      ev.appendChild(el("h4", "sub", "Supporting the consensus"));
      var us = el("ul", "quotes supporting");
      d[9].forEach(function (x) { us.appendChild(claimItem(x)); });
      ev.appendChild(us);
    }
    if (d[10]) { ev.appendChild(el("p", "meta", d[10] + " more claims: see the JSON result.")); }
    var side = el("div", "side");
    if (d[5] !== null && d[5] !== undefined) {
      var s = el("p", "suggest", "Suggested value: ");
      s.appendChild(el("strong", "", d[5]));
      side.appendChild(s);
    }
    side.appendChild(el("h4", "sub", "Why"));
    side.appendChild(el("div", "expl", d[4]));
    body.appendChild(ev);
    body.appendChild(side);
    if (d[12] && d[12][0] === "dismissed") {
      var det = el("details", "collapsed");
      det.appendChild(el("summary", "", "Show the evidence"));
      det.appendChild(body);
      a.appendChild(det);
    } else {
      a.appendChild(body);
    }
    var fid = el("p", "fid");
    fid.appendChild(el("code", "", d[14]));
    a.appendChild(fid);
    return a;
  }

  function nodeOf(r) {
    if (!r.el) { r.el = buildFinding(r.data); }
    return r.el;
  }

  function compare(a, b) {
    if (sorter && sorter.value === "quantity") {
      if (a.q !== b.q) { return a.q < b.q ? -1 : 1; }
    }
    return a.order - b.order;
  }

  function pager(name, total, size, at, go) {
    var box = document.querySelector('[data-pager="' + name + '"]');
    if (!box) { return; }
    var pages = Math.max(1, Math.ceil(total / size));
    box.hidden = pages <= 1;
    if (pages <= 1) { box.textContent = ""; return; }
    box.textContent = "";
    var prev = el("button", "", "← Previous");
    prev.type = "button";
    prev.disabled = at <= 0;
    prev.addEventListener("click", function () { go(at - 1); });
    var next = el("button", "", "Next →");
    next.type = "button";
    next.disabled = at >= pages - 1;
    next.addEventListener("click", function () { go(at + 1); });
    box.appendChild(prev);
    box.appendChild(el("span", "", "Page " + fmt(at + 1) + " of " + fmt(pages) + " (" + fmt(at * size + 1) + "–" + fmt(Math.min(total, (at + 1) * size)) + " of " + fmt(total) + ")"));
    box.appendChild(next);
  }

  function draw() {
    var start = page * PAGE;
    var slice = shown.slice(start, start + PAGE);
    var frag = document.createDocumentFragment();
    slice.forEach(function (r) { frag.appendChild(nodeOf(r)); });
    list.textContent = "";
    list.appendChild(frag);
    if (!shown.length) { list.appendChild(el("p", "empty", "No finding matches the filter.")); }
    pager("findings", shown.length, PAGE, page, function (p) { page = p; current = -1; draw(); list.scrollIntoView(); });
    var total = records.length;
    var pending = holder && !DATA ? " Loading the other " + fmt(Number(holder.getAttribute("data-findings")) - total) + " findings…" : "";
    var msg = shown.length === total
      ? "Showing all " + fmt(total) + " findings."
      : "Showing " + fmt(shown.length) + " of " + fmt(total) + " findings.";
    if (shown.length > PAGE) { msg += " Page " + fmt(page + 1) + " of " + fmt(Math.ceil(shown.length / PAGE)) + "."; }
    status.textContent = msg + pending;
  }

  function apply(keepPage) {
    var on = {};
    boxes.forEach(function (b) { on[b.getAttribute("data-sev")] = b.checked; });
    applied = query.value;
    var words = query.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    shown = records.filter(function (r) {
      if (on[r.sev] === false) { return false; }
      if (!words.length) { return true; }
      var t = textOf(r);
      return words.every(function (w) { return t.indexOf(w) !== -1; });
    });
    shown.sort(compare);
    if (!keepPage) { page = 0; current = -1; }
    draw();
  }

  boxes.forEach(function (b) { b.addEventListener("change", function () { apply(false); }); });
  query.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { apply(false); }, 120);
  });
  if (sorter) { sorter.addEventListener("change", function () { apply(false); }); }
  bar.hidden = false;

  // ------------------------------------------------------------------ stepping with the keyboard
  function step(delta) {
    if (!shown.length) { return; }
    var onPage = Math.min(PAGE, shown.length - page * PAGE);
    var at = current < 0 ? (delta > 0 ? -1 : onPage) : current;
    at += delta;
    if (at >= onPage) {
      if ((page + 1) * PAGE >= shown.length) { at = onPage - 1; } else { page += 1; draw(); at = 0; }
    } else if (at < 0) {
      if (page === 0) { at = 0; } else { page -= 1; draw(); at = PAGE - 1; }
    }
    focusFinding(at);
  }

  function focusFinding(at) {
    var r = shown[page * PAGE + at];
    if (!r) { return; }
    var prev = list.querySelector(".finding.is-current");
    if (prev) { prev.classList.remove("is-current"); }
    current = at;
    var node = nodeOf(r);
    node.classList.add("is-current");
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: "start" });
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    var t = e.target;
    var typing = t && ((t.tagName === "INPUT" && t.type !== "checkbox") || t.tagName === "SELECT" ||
      t.tagName === "TEXTAREA" || t.isContentEditable);
    if (e.key === "Escape" && t === query) {
      // leave the filter: the text and the filtering both go (Chromium clears a search box
      // on Esc by itself, without an input event)
      e.preventDefault();
      window.clearTimeout(timer);
      var typed = query.value;
      query.value = "";
      if (typed !== "" || applied !== "") { apply(false); }
      query.blur();
      return;
    }
    if (typing) { return; }
    if (e.key === "j" || e.key === "n") { e.preventDefault(); step(1); }
    else if (e.key === "k" || e.key === "p") { e.preventDefault(); step(-1); }
    else if (e.key === "/") { e.preventDefault(); query.focus(); query.select(); }
  });
  list.addEventListener("focusin", function (e) {
    var node = e.target.closest ? e.target.closest(".finding") : null;
    if (!node) { return; }
    var i = shown.indexOf(byAnchor[node.id]);
    if (i >= page * PAGE && i < (page + 1) * PAGE) {
      var prev = list.querySelector(".finding.is-current");
      if (prev && prev !== node) { prev.classList.remove("is-current"); }
      node.classList.add("is-current");
      current = i - page * PAGE;
    }
  });

  // ------------------------------------------------------------------ matrix rows and scorecard (paged)
  function tablePager(name, body, size, build) {
    var rows = body ? Array.prototype.slice.call(body.children) : [];
    var st = { rows: rows, extra: [], page: 0, size: size, build: build, body: body, name: name };
    st.total = function () { return st.rows.length + st.extra.length; };
    st.node = function (i) {
      if (i < st.rows.length) { return st.rows[i]; }
      var j = i - st.rows.length;
      if (typeof st.extra[j].nodeType !== "number") { st.extra[j] = st.build(st.extra[j]); }
      return st.extra[j];
    };
    st.draw = function () {
      if (!st.body || st.total() <= st.size) {
        if (st.body && st.extra.length) {
          for (var k = st.rows.length; k < st.total(); k += 1) { st.body.appendChild(st.node(k)); }
        }
        pager(st.name, 0, st.size, 0, function () {});
        return;
      }
      var frag = document.createDocumentFragment();
      for (var i = st.page * st.size; i < Math.min(st.total(), (st.page + 1) * st.size); i += 1) { frag.appendChild(st.node(i)); }
      st.body.textContent = "";
      st.body.appendChild(frag);
      pager(st.name, st.total(), st.size, st.page, function (p) { st.page = p; st.draw(); st.body.closest("section").scrollIntoView(); });
    };
    st.show = function (id) {
      for (var i = 0; i < st.total(); i += 1) {
        var n = st.node(i);
        if (n.id === id) { st.page = Math.floor(i / st.size); st.draw(); return n; }
      }
      return null;
    };
    return st;
  }

  function buildRow(d) {
    var tr = el("tr", d[5]);
    tr.id = d[0];
    var th = el("th", "", d[1] + " ");
    th.setAttribute("scope", "row");
    th.appendChild(el("span", "dim", d[2]));
    tr.appendChild(th);
    var td = el("td", "vals");
    var ul = el("ul");
    d[6].forEach(function (e) {
      var li = el("li", e[3]);
      li.appendChild(el("span", "idx", e[0]));
      li.appendChild(document.createTextNode(" "));
      var src = DATA.sources[e[0] - 1] || [""];
      li.appendChild(el("span", "st", src[0].length > 32 ? src[0].slice(0, 31) + "…" : src[0]));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(link(e[2], e[1]));
      ul.appendChild(li);
    });
    if (d[7]) { ul.appendChild(el("li", "more", "+ " + d[7] + " more")); }
    td.appendChild(ul);
    tr.appendChild(td);
    var cons = el("td", "cons", d[3] + " ");
    cons.appendChild(el("span", "support", d[4]));
    tr.appendChild(cons);
    tr.appendChild(el("td", "spark"));
    return tr;
  }

  function buildScore(d) {
    var tr = el("tr", d[7]);
    tr.appendChild(el("td", "n", d[0]));
    var th = el("th");
    th.setAttribute("scope", "row");
    var src = DATA.sources[d[0] - 1] || ["", "", ""];
    if (src[2]) { th.appendChild(link(src[2], d[1])); } else { th.textContent = d[1]; }
    tr.appendChild(th);
    tr.appendChild(el("td", "n", d[2]));
    tr.appendChild(el("td", "n", d[3]));
    var ag = el("td", "agree");
    var m = el("meter");
    m.min = 0; m.max = 1; m.low = 0.6; m.high = 0.9; m.optimum = 1; m.value = d[5];
    m.setAttribute("aria-label", "agrees with consensus");
    ag.appendChild(m);
    ag.appendChild(document.createTextNode(" "));
    ag.appendChild(el("span", "", d[4]));
    tr.appendChild(ag);
    tr.appendChild(el("td", "n", d[6] || "none"));  // "1 error 2 warnings": findings, not claims
    return tr;
  }

  // a matrix row jumped to must not land under the sticky column heads: its scroll margin
  // follows their height (CSS --head)
  var matrixTable = matrixBody ? matrixBody.closest("table") : null;
  function headHeight() {
    var head = matrixTable ? matrixTable.querySelector("thead") : null;
    if (head) { matrixTable.style.setProperty("--head", head.getBoundingClientRect().height + "px"); }
  }
  headHeight();
  window.addEventListener("resize", headHeight);

  var rowsPaged = tablePager("matrix", matrixBody, ROW_PAGE, buildRow);
  var scorePaged = tablePager("score", scoreBody, SCORE_PAGE, buildScore);

  // ------------------------------------------------------------------ landing on a target
  var marked = null;
  function ensureClaim(id) {
    var node = document.getElementById(id);
    if (node || !DATA || !DATA.claims[id] || !moreSources) { return node; }
    var c = DATA.claims[id];
    var block = document.getElementById("more-src-" + c[0]);
    if (!block) {
      block = el("article", "source");
      block.id = "more-src-" + c[0];
      var src = DATA.sources[c[0] - 1] || ["", "", ""];
      var h = el("h3");
      h.appendChild(el("span", "idx", c[0]));
      h.appendChild(document.createTextNode(" " + src[0]));
      block.appendChild(h);
      block.appendChild(el("p", "meta path", src[1]));
      block.appendChild(el("ul", "sentences"));
      block.appendChild(el("p", "meta", "The article's full text is not embedded in this large report; these are the sentences of the claims you opened."));
      moreSources.appendChild(block);
    }
    var li = el("li", c[4]);
    li.id = id;
    li.appendChild(quoteNode(c));
    block.querySelector("ul").appendChild(li);
    return li;
  }

  function reveal(id, scroll) {
    if (!id) { return; }
    var node = null;
    var r = byAnchor[id];
    if (r) {
      var i = shown.indexOf(r);
      if (i < 0) {
        boxes.forEach(function (b) { b.checked = true; });
        query.value = "";
        apply(false);
        i = shown.indexOf(r);
      }
      page = Math.floor(i / PAGE);
      draw();
      node = nodeOf(r);
      current = i - page * PAGE;
    } else if (id.indexOf("group-") === 0) {
      node = document.getElementById(id) || rowsPaged.show(id);
    } else if (id.indexOf("claim-") === 0) {
      node = ensureClaim(id);
    } else {
      node = document.getElementById(id);
    }
    if (!node) { return; }
    if (marked && marked !== node) { marked.classList.remove("is-target"); }
    if (document.getElementById(id) === node && (r || node.tagName === "LI" && node.parentNode && node.parentNode.className === "sentences" && moreSources.contains(node))) {
      node.classList.add("is-target");
      marked = node;
    }
    if (scroll) { node.scrollIntoView({ block: r ? "start" : "center" }); }
  }

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    var present = document.getElementById(id);
    if (present && !byAnchor[id]) { return; } // the browser has already scrolled to it
    reveal(id, true);
  }
  window.addEventListener("hashchange", fromHash);
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest('a[href^="#"]') : null;
    if (!a) { return; }
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    if (id && !document.getElementById(id) && ("#" + id) === location.hash) { reveal(id, true); }
  });

  // ------------------------------------------------------------------ the compressed rest of a large report
  function load() {
    if (!holder || typeof DecompressionStream === "undefined") {
      if (holder) { status.textContent += " (This browser cannot unpack the rest of the findings: see the JSON result.)"; }
      return;
    }
    var bin = atob(holder.getAttribute("data-z"));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i += 1) { bytes[i] = bin.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    new Response(stream).text().then(function (text) {
      DATA = JSON.parse(text);
      DATA.findings.forEach(function (d) {
        var r = { el: null, id: d[0], sev: d[1], order: d[13], q: (d[6] || "~").toLowerCase(), text: null, data: d };
        records.push(r);
        byAnchor[r.id] = r;
      });
      rowsPaged.extra = DATA.rows.slice();
      scorePaged.extra = DATA.score.slice();
      rowsPaged.draw();
      scorePaged.draw();
      apply(true);
      document.documentElement.setAttribute("data-loaded", "all");
      fromHash();
    }).catch(function (err) {
      status.textContent += " (The rest of the findings could not be unpacked: " + err + ")";
    });
  }

  rowsPaged.draw();
  scorePaged.draw();
  apply(false);
  if (holder) { window.setTimeout(load, 0); } else { document.documentElement.setAttribute("data-loaded", "all"); }
  if (location.hash && byAnchor[decodeURIComponent(location.hash.slice(1))]) { fromHash(); }

  // ------------------------------------------------------------------ printing: open what is folded
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
}());
