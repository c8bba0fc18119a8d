// The comparison table: click a heading to sort (numbers by value), type to filter rows. Plain script.
(function () {
  "use strict";
  var table = document.getElementById("compare");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var order = {};
  function key(row, col) {
    var cell = row.cells[col];
    var s = cell.getAttribute("data-sort");
    return s !== null ? parseFloat(s) : cell.textContent.trim();
  }
  function sort(th) {
    var col = Number(th.getAttribute("data-col"));
    var dir = order[col] === 1 ? -1 : 1;
    order = {};
    order[col] = dir;
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col);
      var empty = (x === "" || x !== x) - (y === "" || y !== y);
      if (empty) { return empty; }
      if (typeof x === "number" && typeof y === "number") { return dir * (x - y); }
      return dir * String(x).localeCompare(String(y), "zh");
    });
    rows.forEach(function (r) { body.appendChild(r); });
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
  }
  table.querySelectorAll("th").forEach(function (th) {
    th.addEventListener("click", function () { sort(th); });
    th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { sort(th); } });
  });
  var input = document.getElementById("row-filter");
  input.addEventListener("input", function () {
    var want = input.value.trim();
    var n = 0;
    rows.forEach(function (r) {
      r.hidden = want !== "" && r.textContent.indexOf(want) < 0;
      if (!r.hidden) { n += 1; }
    });
    document.getElementById("n-rows").textContent = String(n);
  });
  document.body.setAttribute("data-ready", "1");
})();
