(function () {
  "use strict";
  var bar = document.getElementById("filters");
  var query = document.getElementById("q");
  var status = document.getElementById("filter-status");
  if (!bar || !query || !status) { return; }
  var boxes = Array.prototype.slice.call(bar.querySelectorAll("input[data-sev]"));
  var items = Array.prototype.map.call(
    document.querySelectorAll("#findings article.finding"),
    function (el) {
      return { el: el, sev: el.getAttribute("data-sev"), text: el.textContent.toLowerCase() };
    }
  );
  var timer = 0;
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.getAttribute("data-sev")] = b.checked; });
    var words = query.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    var shown = 0;
    items.forEach(function (it) {
      var ok = on[it.sev] !== false && words.every(function (w) { return it.text.indexOf(w) !== -1; });
      it.el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    status.textContent = shown === items.length
      ? "Showing all " + items.length + " findings."
      : "Showing " + shown + " of " + items.length + " findings.";
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  query.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 120);
  });
  bar.hidden = false;
  apply();
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
