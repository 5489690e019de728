// etkb: the comparison page that summary tables send ticked rows to (kb:compare :interactive:).
// It lays out the same rows as a static kb:compare table, from the published exports: facets,
// then results on benchmarks at least two of the techniques report, aligned only within one
// setting (protocol, resolution, sequence length, extra data, precision); a setting that only one
// of them reports is kept but flagged. The choice lives in the URL (?t=a,b,c), so it can be shared.
// Written for this project (MIT, like the rest of etkb); no inline code, CSP-friendly.
(function () {
  "use strict";
  var PROTOCOL = [["protocol", ""], ["resolution", "resolution"], ["seq_len", "sequence length"],
                  ["extra_data", "extra data"], ["precision", "precision"]];
  var FIELDS = [["title", "Paper"], ["venue", "Venue"], ["categories", "Categories"], ["modality", "Modality"],
                ["targets", "Reduces"], ["stage", "Saves at"], ["applies", "Applies"],
                ["approximation", "Exact or approximate"], ["data", "Data needed"], ["kernels", "Kernels"],
                ["complexity", "Complexity"], ["hardware", "Hardware notes"], ["code", "Code"]];

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function link(href, text) {
    var a = el("a", text);
    a.href = href;
    return a;
  }
  function settingLabel(r) {
    var parts = [];
    PROTOCOL.forEach(function (p) {
      var v = r[p[0]];
      if (v !== null && v !== undefined && v !== "") parts.push(p[1] ? p[1] + " " + v : String(v));
    });
    return parts.join(", ") || "no setting recorded";
  }
  function chosenIds() {
    var raw = new URLSearchParams(window.location.search).get("t") || "";
    return raw.split(",").filter(function (s, i, all) { return s && all.indexOf(s) === i; });
  }
  function setChosen(ids) {
    var params = new URLSearchParams(window.location.search);
    if (ids.length) params.set("t", ids.join(",")); else params.delete("t");
    window.history.replaceState(null, "", window.location.pathname + "?" + params.toString());
  }

  function render(app, root, catalogue, results) {
    var byId = {}, bench = {}, home = {};
    catalogue.techniques.forEach(function (t) { byId[t.id] = t; if (t.bibkey) home[t.bibkey] = t.page; });
    catalogue.benchmarks.forEach(function (b) { bench[b.id] = b; });
    var catName = {};
    catalogue.categories.forEach(function (c) { catName[c.id] = c.name; });
    var ids = chosenIds().filter(function (i) { return byId[i]; });
    app.textContent = "";

    // choosing: add from a list, remove per column
    var picker = el("p", null, "kb-compare-picker");
    var select = el("select");
    select.setAttribute("aria-label", "Add a technique");
    select.appendChild(el("option", "Add a technique…")).value = "";
    catalogue.techniques.slice().sort(function (a, b) { return a.name.localeCompare(b.name); }).forEach(function (t) {
      if (ids.indexOf(t.id) === -1) select.appendChild(el("option", t.name)).value = t.id;
    });
    select.addEventListener("change", function () {
      if (select.value) { setChosen(ids.concat([select.value])); render(app, root, catalogue, results); }
    });
    picker.appendChild(select);
    app.appendChild(picker);
    if (ids.length < 2) {
      app.appendChild(el("p", "Choose at least two techniques to compare.", "kb-empty"));
      return;
    }

    var table = el("table", null, "kb-table kb-compare docutils");
    var head = table.appendChild(el("thead")).appendChild(el("tr"));
    head.appendChild(el("th"));
    ids.forEach(function (i) {
      var th = head.appendChild(el("th"));
      th.appendChild(link(root + byId[i].page, byId[i].name));
      var remove = el("button", "\u00d7", "kb-compare-remove");
      remove.type = "button";
      remove.setAttribute("aria-label", "Remove " + byId[i].name);
      remove.addEventListener("click", function () {
        setChosen(ids.filter(function (x) { return x !== i; }));
        render(app, root, catalogue, results);
      });
      th.appendChild(remove);
    });
    var body = table.appendChild(el("tbody"));
    FIELDS.forEach(function (f) {
      var tr = body.appendChild(el("tr", null, "kb-compare-field"));
      tr.appendChild(el("td")).appendChild(el("strong", f[1]));
      ids.forEach(function (i) {
        var t = byId[i], td = tr.appendChild(el("td")), v = t[f[0]];
        if (f[0] === "venue") v = [t.venue_short || t.venue, t.year].filter(Boolean).join(" ");
        if (f[0] === "categories") v = t.categories.map(function (c) { return catName[c] || c; });
        if (f[0] === "code") {
          if (t.code) { td.appendChild(link(t.code, "code")); td.appendChild(document.createTextNode(" (" + t.code_status + ")")); }
          else td.textContent = t.code_status || "—";
          return;
        }
        td.textContent = (Array.isArray(v) ? v.join(", ") : v) || "—";
      });
    });

    // results: one row per benchmark, metric and setting
    var mine = results.results.filter(function (r) { return ids.indexOf(r.technique) !== -1; });
    var benches = {};
    mine.forEach(function (r) { (benches[r.benchmark] = benches[r.benchmark] || {})[r.technique] = true; });
    Object.keys(benches).sort().forEach(function (b) {
      if (Object.keys(benches[b]).length < 2 || !bench[b]) return;
      bench[b].metrics.forEach(function (m) {
        var groups = {};
        mine.forEach(function (r) {
          if (r.benchmark !== b || r.metric !== m.id) return;
          var key = settingLabel(r);
          ((groups[key] = groups[key] || {})[r.technique] = groups[key][r.technique] || []).push(r);
        });
        Object.keys(groups).sort(function (x, y) {
          return (Object.keys(groups[y]).length - Object.keys(groups[x]).length) || (x < y ? -1 : x > y ? 1 : 0);
        }).forEach(function (key) {
          var aligned = Object.keys(groups[key]).length > 1;
          var tr = body.appendChild(el("tr", null, "kb-compare-result " + (aligned ? "kb-aligned" : "kb-unaligned")));
          var first = tr.appendChild(el("td"));
          first.appendChild(link(root + bench[b].page, bench[b].name));
          var arrow = m.better === "higher" ? "\u2191" : "\u2193";
          first.appendChild(document.createTextNode(": " + m.label + (m.unit ? " (" + m.unit + ")" : "") + " " + arrow));
          first.appendChild(el("span", " " + key, "kb-setting"));
          if (!aligned) first.appendChild(el("span", " (not aligned: only one of them reports this setting)", "kb-unaligned-note"));
          ids.forEach(function (i) {
            var td = tr.appendChild(el("td")), entries = groups[key][i] || [];
            if (!entries.length) { td.textContent = "—"; return; }
            entries.forEach(function (r, n) {
              if (n) td.appendChild(document.createTextNode("; "));
              td.appendChild(el("strong", r.value_text || String(r.value)));
              if (r.model) td.appendChild(document.createTextNode(" (" + r.model + ")"));
              td.appendChild(document.createTextNode(" — "));
              var key = el("code", r.source_bibkey, "kb-source-key");
              if (home[r.source_bibkey]) {
                var a = link(root + home[r.source_bibkey], "");
                a.appendChild(key);
                td.appendChild(a);
              } else td.appendChild(key);
              td.appendChild(document.createTextNode(", " + r.source_where));
            });
          });
        });
      });
    });
    var wrap = el("div", null, "kb-table-wrap kb-compare-wrap");
    wrap.appendChild(table);
    app.appendChild(wrap);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var app = document.querySelector(".kb-compare-app");
    var tag = document.querySelector('meta[name="kb-exports"]');
    if (!app || !tag || !window.fetch) return;
    var exportsDir = tag.getAttribute("content");
    var root = exportsDir.replace(/_exports\/$/, "");
    var note = document.querySelector(".kb-compare-noscript");
    Promise.all([fetch(exportsDir + "catalogue.json"), fetch(exportsDir + "results.json")]).then(function (rs) {
      return Promise.all(rs.map(function (r) { return r.json(); }));
    }).then(function (data) {
      if (note) note.hidden = true;
      render(app, root, data[0], data[1]);
    }).catch(function () {
      app.textContent = "The comparison could not load the site's data files.";
    });
  });
})();
