// etkb: sort and filter the knowledge base's summary tables in the browser.
// Progressive enhancement: without JavaScript the tables are plain and complete.
// Written for this project (MIT, like the rest of etkb); no inline code, CSP-friendly.
(function () {
  "use strict";
  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }
  function compare(a, b, numeric) {
    if (numeric) {
      var x = parseFloat(a), y = parseFloat(b);
      if (isNaN(x)) return isNaN(y) ? 0 : 1;
      if (isNaN(y)) return -1;
      return x - y;
    }
    return a.localeCompare(b, undefined, { sensitivity: "base" });
  }
  function enhance(table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) return;
    var headers = table.tHead.rows[0].cells;
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
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.classList.contains("kb-num");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(cellText(r1, index), cellText(r2, index), numeric);
          return ascending ? order : -order;
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
      var needle = input.value.toLowerCase();
      Array.prototype.forEach.call(body.rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
    var holder = table.closest(".kb-table-wrap") || table;
    holder.parentNode.insertBefore(input, holder);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.kb-sortable").forEach(enhance);
  });
})();
