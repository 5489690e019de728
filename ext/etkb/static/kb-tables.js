// etkb: sort and filter the knowledge base's summary tables in the browser.
// Progressive enhancement: without JavaScript the tables are plain and complete.
// Written for this project (MIT, like the rest of etkb); no inline code, CSP-friendly.
(function () {
  "use strict";
  var MISSING = ["", "–", "—"];
  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }
  // Order two cells; rows without a value always go last, whichever the direction.
  function compare(a, b, numeric, descending) {
    var x = numeric ? parseFloat(a) : a, y = numeric ? parseFloat(b) : b;
    var missingA = numeric ? isNaN(x) : MISSING.indexOf(a) !== -1;
    var missingB = numeric ? isNaN(y) : MISSING.indexOf(b) !== -1;
    if (missingA || missingB) return missingA === missingB ? 0 : (missingA ? 1 : -1);
    var order = numeric ? x - y : a.localeCompare(b, undefined, { sensitivity: "base" });
    return descending ? -order : order;
  }
  // A metric where higher is better sorts best first on the first click.
  function firstDirection(th) {
    return th.classList.contains("kb-better-higher") ? "descending" : "ascending";
  }
  function enhance(table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) return;
    var headers = table.tHead.rows[0].cells;
    var status = document.createElement("p");
    status.className = "kb-filter-status";
    status.setAttribute("aria-live", "polite");
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      button.textContent = th.textContent.trim();
      button.setAttribute("aria-label", "Sort by " + button.textContent);
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var current = th.getAttribute("aria-sort");
        var direction = current === "none" ? firstDirection(th) : (current === "ascending" ? "descending" : "ascending");
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", direction);
        var numeric = th.classList.contains("kb-num");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          return compare(cellText(r1, index), cellText(r2, index), numeric, direction === "descending");
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    var input = document.createElement("input");
    input.type = "search";
    input.className = "kb-filter";
    input.placeholder = "Filter " + body.rows.length + " rows…";
    input.setAttribute("aria-label", "Filter the table");
    input.addEventListener("input", function () {
      var needle = input.value.toLowerCase(), shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
        if (!row.hidden) shown += 1;
      });
      status.textContent = needle === "" ? "" :
        (shown === 0 ? "No row matches \u201c" + input.value + "\u201d." : shown + " of " + body.rows.length + " rows shown.");
    });
    var holder = table.closest(".kb-table-wrap") || table;
    holder.parentNode.insertBefore(input, holder);
    holder.parentNode.insertBefore(status, holder);
  }
  if (typeof module !== "undefined" && module.exports) {
    module.exports = { compare: compare };  // for the tests (node); the browser never sees this
  }
  if (typeof document !== "undefined") {
    document.addEventListener("DOMContentLoaded", function () {
      document.querySelectorAll("table.kb-sortable").forEach(enhance);
    });
  }
})();
