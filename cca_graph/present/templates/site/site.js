/* The home page's search (cca_graph.present.site): over every entity of
   window.CCA_SEARCH (assets/search.js), by any of its names, accents and case
   ignored. Results are built as text nodes; names from the data never become
   markup. ?q=… in the address searches on load (the other pages' search box). */
(function () {
  "use strict";
  var data = window.CCA_SEARCH;
  var input = document.getElementById("search");
  var list = document.getElementById("results");
  var count = document.getElementById("search-count");
  var SHOWN = 50;
  var WIDE = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var keys = data.entries.map(function (e) { return e[1].map(fold); });

  function score(names, q) {
    var best = 9;
    for (var i = 0; i < names.length; i++) {
      var k = names[i], s = 9;
      if (k === q) { s = 0; }
      else if (k.indexOf(q) === 0) { s = 1; }
      else if ((" " + k.replace(/[-(),.'’]/g, " ")).indexOf(" " + q) >= 0) { s = 2; }
      else if (k.indexOf(q) > 0) { s = 3; }
      if (s < best) { best = s; }
    }
    return best;
  }

  function describe(e) {
    var words = data.whats[e[2]];
    if (e[3] >= 0) { words += " · " + data.countries[e[3]][1]; }
    return words;
  }

  function item(e) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = "e/" + encodeURIComponent(e[0]) + ".html";
    a.textContent = e[1][0];
    if (WIDE.test(e[1][0])) { a.lang = "zh"; }
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    var what = document.createElement("span");
    what.className = "what";
    what.textContent = describe(e);
    li.appendChild(what);
    if (e[1].length > 1) {
      var aka = document.createElement("span");
      li.appendChild(document.createTextNode(" "));
      aka.className = "aka";
      aka.textContent = e[1].slice(1).join(" · ");
      li.appendChild(aka);
    }
    return li;
  }

  function run() {
    var q = fold(input.value);
    list.textContent = "";
    if (!q) { count.textContent = ""; return []; }
    var hits = [];
    for (var i = 0; i < data.entries.length; i++) {
      var s = score(keys[i], q);
      if (s < 9) { hits.push([s, i]); }
    }
    // entries come most important first (nations, networks, then regions, cities): a stable sort keeps that
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    hits.slice(0, SHOWN).forEach(function (h) { list.appendChild(item(data.entries[h[1]])); });
    count.textContent = hits.length === 0 ? "Nothing found." :
      hits.length + (hits.length === 1 ? " entity found." : " entities found.") +
      (hits.length > SHOWN ? " The first " + SHOWN + " are shown; type more to narrow." : "");
    return hits;
  }

  input.addEventListener("input", run);
  input.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    event.preventDefault();
    var hits = run();
    // one hit: open it; several: go to the list, so that a namesake in another country is not taken for it
    if (hits.length === 1) { window.location.href = list.querySelector("a").href; }
    else if (hits.length > 1) { list.querySelector("a").focus(); }
  });
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { input.value = asked; run(); }
  document.body.setAttribute("data-ready", "true");
}());
