// etkb: sort and filter the knowledge base's summary tables in the browser.
// Progressive enhancement: without JavaScript the tables are plain and complete.
// The state of each table lives in the page's URL, so a view can be shared and survives a reload.
// Written for this project (MIT, like the rest of etkb); no inline code, CSP-friendly.
(function () {
  "use strict";
  var MISSING = ["", "–", "—"];
  var FACETS = [["category", "Category"], ["year", "Since"], ["modality", "Modality"], ["target", "Reduces"],
                ["stage", "Saves at"], ["applies", "Applies"], ["code", "Code"]];
  var VALUE_NAMES = { code: { yes: "with code", no: "without code" } };

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
  function slug(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }
  // A row's facet values, from its kb-f--<facet>--<value> classes (read once: they never change).
  function rowFacets(row) {
    if (row.kbFacets) return row.kbFacets;
    var out = row.kbFacets = {};
    Array.prototype.forEach.call(row.classList, function (name) {
      var m = /^kb-f--([a-z]+)--(.+)$/.exec(name);
      if (m) (out[m[1]] = out[m[1]] || []).push(m[2]);
    });
    return out;
  }
  function rowId(row) {
    var m = /(?:^| )kb-row--(\S+)/.exec(row.className);
    return m ? m[1] : null;
  }
  // Does a row pass the chosen facets? "year" means "this year or later".
  function matches(facets, chosen) {
    return Object.keys(chosen).every(function (facet) {
      var want = chosen[facet], have = facets[facet] || [];
      if (!want) return true;
      if (facet === "year") return have.some(function (y) { return parseInt(y, 10) >= parseInt(want, 10); });
      return have.indexOf(want) !== -1;
    });
  }
  function meta(name) {
    var tag = document.querySelector('meta[name="' + name + '"]');
    return tag ? tag.getAttribute("content") : null;
  }

  // A <select> of the values a facet takes in these rows ("any" first); none when fewer than two
  // values occur, since such a choice could not narrow anything.
  function facetSelect(parent, facet, text, rows, names, onChange) {
    var values = {};
    rows.forEach(function (row) { (rowFacets(row)[facet] || []).forEach(function (v) { values[v] = true; }); });
    var list = Object.keys(values).sort();
    if (facet === "year") list.reverse();
    if (list.length < 2) return null;
    var label = document.createElement("label");
    label.className = "kb-facet";
    label.appendChild(document.createTextNode(text + " "));
    var select = document.createElement("select");
    select.name = facet;
    [""].concat(list).forEach(function (v) {
      var option = document.createElement("option");
      option.value = v;
      option.textContent = v === "" ? "any" : (names[v] || v);
      select.appendChild(option);
    });
    select.addEventListener("change", onChange);
    label.appendChild(select);
    parent.appendChild(label);
    return select;
  }

  // The decision guide (kb:guide): one set of choices filters every group of techniques at once;
  // the choice lives in the URL, and a group left empty is hidden.
  function enhanceGuide(form) {
    var spec = document.querySelector("script.kb-guide-choices");
    var status = document.querySelector(".kb-guide-status");
    var rows = Array.prototype.slice.call(document.querySelectorAll("table.kb-guide-table tbody tr"));
    if (!spec) return;
    var choices = JSON.parse(spec.textContent), params = new URLSearchParams(window.location.search), selects = {};
    function apply() {
      var chosen = {}, shown = 0, query = new URLSearchParams(window.location.search);
      Object.keys(selects).forEach(function (facet) {
        chosen[facet] = selects[facet].value;
        if (chosen[facet]) query.set(facet, chosen[facet]); else query.delete(facet);
      });
      rows.forEach(function (row) {
        row.hidden = !matches(rowFacets(row), chosen);
        if (!row.hidden) shown += 1;
      });
      document.querySelectorAll(".kb-guide-group").forEach(function (group) {
        group.hidden = !group.querySelector("tbody tr:not([hidden])");
      });
      status.textContent = shown === 0 ? "No technique meets all of these constraints; relax one." :
        shown + " of " + rows.length + " techniques meet these constraints.";
      var q = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
    }
    Object.keys(choices).forEach(function (facet) {
      var select = facetSelect(form, facet, choices[facet].label, rows, choices[facet].values, apply);
      if (!select) return;
      if (params.get(facet) && Array.prototype.some.call(select.options, function (o) { return o.value === params.get(facet); })) {
        select.value = params.get(facet);
      }
      selects[facet] = select;
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  function enhance(table, tableIndex) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) return;
    var prefix = tableIndex === 0 ? "" : "t" + (tableIndex + 1) + ".";
    var headers = table.tHead.rows[0].cells;
    var rows = Array.prototype.slice.call(body.rows);
    var total = rows.length;
    var state = { q: "", sort: null, facets: {} };
    var holder = table.closest(".kb-table-wrap") || table;
    var controls = document.createElement("div");
    controls.className = "kb-table-controls";
    var status = document.createElement("p");
    status.className = "kb-filter-status";
    status.setAttribute("aria-live", "polite");

    function saveState() {
      if (!window.history || !window.history.replaceState) return;
      var params = new URLSearchParams(window.location.search);
      ["q", "sort"].concat(FACETS.map(function (f) { return f[0]; })).forEach(function (key) { params.delete(prefix + key); });
      if (state.q) params.set(prefix + "q", state.q);
      if (state.sort) params.set(prefix + "sort", state.sort.column + (state.sort.direction === "descending" ? "-desc" : "-asc"));
      Object.keys(state.facets).forEach(function (facet) {
        if (state.facets[facet]) params.set(prefix + facet, state.facets[facet]);
      });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    // --- sorting ---------------------------------------------------------------------
    var keys = Array.prototype.map.call(headers, function (th) { return slug(th.textContent); });
    function sortBy(index, direction) {
      Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
      headers[index].setAttribute("aria-sort", direction);
      var numeric = headers[index].classList.contains("kb-num");
      rows.slice().sort(function (r1, r2) {
        return compare(cellText(r1, index), cellText(r2, index), numeric, direction === "descending");
      }).forEach(function (row) { body.appendChild(row); });
      state.sort = { column: keys[index], direction: direction };
    }
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      button.textContent = th.textContent.trim();
      button.setAttribute("aria-label", "Sort by " + button.textContent);
      th.textContent = "";
      th.appendChild(button);
      var served = th.classList.contains("kb-sorted-ascending") ? "ascending" :
        (th.classList.contains("kb-sorted-descending") ? "descending" : "none");
      th.setAttribute("aria-sort", served);  // the order the page was served in
      button.addEventListener("click", function () {
        var current = th.getAttribute("aria-sort");
        sortBy(index, current === "none" ? firstDirection(th) : (current === "ascending" ? "descending" : "ascending"));
        saveState();
      });
    });

    // --- filtering -------------------------------------------------------------------
    function apply() {
      var needle = state.q.toLowerCase(), shown = 0;
      rows.forEach(function (row) {
        var ok = (needle === "" || row.textContent.toLowerCase().indexOf(needle) !== -1) && matches(rowFacets(row), state.facets);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      var filtered = needle !== "" || Object.keys(state.facets).some(function (f) { return state.facets[f]; });
      status.textContent = !filtered ? "" : (shown === 0 ? "No row matches these filters." : shown + " of " + total + " rows shown.");
      table.dispatchEvent(new CustomEvent("kb-filtered", { detail: { shown: shown } }));
    }
    var input = document.createElement("input");
    input.type = "search";
    input.className = "kb-filter";
    input.placeholder = "Filter " + total + " rows…";
    input.setAttribute("aria-label", "Filter the table");
    input.addEventListener("input", function () { state.q = input.value; apply(); saveState(); });
    controls.appendChild(input);

    var selects = {};
    if (table.classList.contains("kb-facetable")) {
      // on a phone the facets fold away behind one line; on a wide screen they are open
      var more = document.createElement("details");
      more.className = "kb-facets";
      more.open = !window.matchMedia || window.matchMedia("(min-width: 50em)").matches;
      var summary = document.createElement("summary");
      summary.textContent = "Filters and tools";
      more.appendChild(summary);
      controls.appendChild(more);
      var labelsTag = holder.parentNode.querySelector(".kb-facet-labels");
      var labels = labelsTag ? JSON.parse(labelsTag.textContent) : {};
      FACETS.forEach(function (pair) {
        var facet = pair[0];
        var names = Object.assign({}, VALUE_NAMES[facet] || {}, labels[facet] || {});
        var select = facetSelect(more, facet, pair[1], rows, names, function () {
          state.facets[facet] = select.value; apply(); saveState();
        });
        if (select) selects[facet] = select;
      });
      addRowTools(table, rows, more);
    }
    holder.parentNode.insertBefore(controls, holder);
    holder.parentNode.insertBefore(status, holder);

    // --- state from the URL ---------------------------------------------------------------
    var params = new URLSearchParams(window.location.search);
    if (params.get(prefix + "q")) { state.q = params.get(prefix + "q"); input.value = state.q; }
    Object.keys(selects).forEach(function (facet) {
      var value = params.get(prefix + facet);
      if (value && Array.prototype.some.call(selects[facet].options, function (o) { return o.value === value; })) {
        selects[facet].value = value;
        state.facets[facet] = value;
      }
    });
    var folded = controls.querySelector("details.kb-facets");
    if (folded && Object.keys(state.facets).length) folded.open = true;  // a shared link's filters are visible
    var sort = /^(.+)-(asc|desc)$/.exec(params.get(prefix + "sort") || "");
    if (sort && keys.indexOf(sort[1]) !== -1) sortBy(keys.indexOf(sort[1]), sort[2] === "desc" ? "descending" : "ascending");
    if (state.q || Object.keys(state.facets).length) apply();  // an unfiltered table is already as served: touch no row
  }

  // Tick rows to compare them, and take the BibTeX of exactly the rows shown.
  function addRowTools(table, rows, controls) {
    var comparePage = meta("kb-compare-page"), exportsDir = meta("kb-exports");
    var tools = document.createElement("div");
    tools.className = "kb-row-tools";
    if (comparePage) {
      var chosen = [];
      var link = document.createElement("a");
      link.className = "kb-compare-link";
      var update = function () {
        link.textContent = "Compare " + chosen.length + " selected";
        link.href = comparePage + "?t=" + chosen.map(encodeURIComponent).join(",");
        link.setAttribute("aria-disabled", chosen.length < 2 ? "true" : "false");
        link.hidden = chosen.length === 0;
      };
      rows.forEach(function (row) {
        var id = rowId(row);
        if (!id || !row.cells[0]) return;
        var box = document.createElement("input");
        box.type = "checkbox";
        box.className = "kb-pick";
        box.value = id;
        box.setAttribute("aria-label", "Select " + row.cells[0].textContent.trim() + " for comparison");
        box.addEventListener("change", function () {
          if (box.checked) chosen.push(id); else chosen.splice(chosen.indexOf(id), 1);
          update();
        });
        var holder = row.cells[0].querySelector("p") || row.cells[0];  // on the name's own line
        holder.insertBefore(box, holder.firstChild);
      });
      update();
      tools.appendChild(link);
    }
    if (exportsDir && window.fetch) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-bibtex-button";
      button.textContent = "BibTeX of the rows shown";
      var out = document.createElement("textarea");
      out.className = "kb-bibtex-out";
      out.readOnly = true;
      out.hidden = true;
      out.setAttribute("aria-label", "BibTeX of the rows shown");
      button.addEventListener("click", function () {
        fetch(exportsDir + "bibtex.json").then(function (r) { return r.json(); }).then(function (data) {
          var seen = {}, text = [];
          rows.forEach(function (row) {
            var entry = data.techniques[rowId(row)];
            if (row.hidden || !entry || seen[entry]) return;
            seen[entry] = true;
            text.push(entry);
          });
          out.value = text.join("\n\n") + "\n";
          out.hidden = false;
          out.focus();
          out.select();
          if (navigator.clipboard) navigator.clipboard.writeText(out.value).catch(function () {});
        });
      });
      tools.appendChild(button);
      tools.appendChild(out);
    }
    controls.appendChild(tools);
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { compare: compare, matches: matches };  // for the tests (node); the browser never sees this
  }
  if (typeof document !== "undefined") {
    document.addEventListener("DOMContentLoaded", function () {
      document.querySelectorAll("table.kb-sortable").forEach(enhance);
      var guide = document.querySelector("form.kb-guide-form");
      if (guide) enhanceGuide(guide);
    });
  }
})();
