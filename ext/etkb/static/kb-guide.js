// etkb: the decision guide (kb:guide). A reader picks constraints; every group of techniques is
// filtered at once, and the choice lives in the URL so a recommendation can be shared. Only facet
// values that some technique carries are offered. Without JavaScript the groups are static tables.
// Written for this project (MIT, like the rest of etkb); no inline code, CSP-friendly.
(function () {
  "use strict";
  function rowFacets(row) {
    var out = {};
    Array.prototype.forEach.call(row.classList, function (name) {
      var m = /^kb-f--([a-z]+)--(.+)$/.exec(name);
      if (m) (out[m[1]] = out[m[1]] || []).push(m[2]);
    });
    return out;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.kb-guide-form");
    var spec = document.querySelector("script.kb-guide-choices");
    if (!form || !spec) return;
    var choices = JSON.parse(spec.textContent);
    var status = document.querySelector(".kb-guide-status");
    var rows = Array.prototype.slice.call(document.querySelectorAll("table.kb-guide-table tbody tr"));
    var facetsOf = rows.map(rowFacets);
    var params = new URLSearchParams(window.location.search);
    var selects = {};
    Object.keys(choices).forEach(function (facet) {
      var present = {};
      facetsOf.forEach(function (f) { (f[facet] || []).forEach(function (v) { present[v] = true; }); });
      var values = Object.keys(present).sort();
      if (values.length < 2) return;  // a constraint nothing differs in cannot narrow the list
      var label = document.createElement("label");
      label.className = "kb-facet";
      label.appendChild(document.createTextNode(choices[facet].label + " "));
      var select = document.createElement("select");
      select.name = facet;
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "any";
      select.appendChild(any);
      values.forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = choices[facet].values[v] || v;
        select.appendChild(option);
      });
      if (params.get(facet) && present[params.get(facet)]) select.value = params.get(facet);
      select.addEventListener("change", apply);
      label.appendChild(select);
      form.appendChild(label);
      selects[facet] = select;
    });
    function apply() {
      var chosen = {}, shown = 0, query = new URLSearchParams(window.location.search);
      Object.keys(selects).forEach(function (facet) {
        chosen[facet] = selects[facet].value;
        if (chosen[facet]) query.set(facet, chosen[facet]); else query.delete(facet);
      });
      rows.forEach(function (row, i) {
        var ok = Object.keys(chosen).every(function (facet) {
          return !chosen[facet] || (facetsOf[i][facet] || []).indexOf(chosen[facet]) !== -1;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      document.querySelectorAll(".kb-guide-group").forEach(function (group) {
        group.hidden = !group.querySelector("tbody tr:not([hidden])");
      });
      status.textContent = shown === 0 ? "No technique meets all of these constraints; relax one." :
        shown + " of " + rows.length + " techniques meet these constraints.";
      var q = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  });
})();
