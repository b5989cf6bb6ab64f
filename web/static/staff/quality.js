/* The trend chart of /staff/qualitaet, drawn with Chart.js (static/staff/vendor, built by
   `make widget`, as for /staff/zahlen) from the JSON block #quality-trend. Without the library
   the table below the chart stays, which holds every number anyway. */
(function () {
  "use strict";
  var source = document.getElementById("quality-trend");
  var canvas = document.getElementById("quality-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") { return; }
  var trend = JSON.parse(source.textContent);
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  // Colours with at least 3:1 contrast on white; the second series also dashed.
  function series(label, data, colour, dash) {
    return { label: label, data: data, borderColor: colour, backgroundColor: colour, borderWidth: 2,
             pointRadius: 3, borderDash: dash };
  }
  window.Chart.defaults.font.family = "system-ui, sans-serif";
  window.Chart.defaults.color = "#1a1a1a";
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: trend.labels,
      datasets: [series("Makro-F1, alle Testsätze", trend.macro, "#00457d", undefined),
                 series("Makro-F1, lange Nachrichten (15+ Wörter)", trend.long, "#b35900", [6, 4])]
    },
    options: {
      responsive: true, aspectRatio: 3, locale: "de-DE",
      animation: reduced ? false : { duration: 300 },
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom" } },
      scales: { y: { min: trend.min, max: 1 } }
    }
  });
})();
