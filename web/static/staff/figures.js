/* The charts of /staff/zahlen, drawn with Chart.js (static/staff/vendor, built by `make widget`)
   from the numbers the page's tables show (the JSON block #figures-data). Without the library
   the tables stay, which hold every number anyway. */
(function () {
  "use strict";

  // A table wider than the page scrolls sideways: then keyboard users can focus and scroll it.
  function scrollableTables() {
    Array.prototype.forEach.call(document.querySelectorAll(".table-wrap"), function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-labelledby", wrap.dataset.title);
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-labelledby");
      }
    });
  }
  scrollableTables();
  window.addEventListener("resize", scrollableTables);

  var source = document.getElementById("figures-data");
  if (!source || typeof window.Chart === "undefined") { return; }
  var Chart = window.Chart;
  // Colours with at least 3:1 contrast on white; the totals in grey.
  var COLOURS = ["#00457d", "#b35900", "#2e7d32", "#8e24aa", "#c62828", "#5d4037"];
  var TOTAL = "#595959";
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  Chart.defaults.font.family = "system-ui, sans-serif";
  Chart.defaults.color = "#1a1a1a";

  function dataset(spec, series, index) {
    var colour = series.total ? TOTAL : COLOURS[index % COLOURS.length];
    var line = spec.type === "line";
    return {
      label: series.label, data: series.data, backgroundColor: colour, borderColor: colour,
      borderWidth: line ? 2 : 0, pointRadius: line ? 0 : undefined, borderDash: line && series.total ? [6, 4] : undefined
    };
  }

  JSON.parse(source.textContent).forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) { return; }
    var horizontal = spec.type === "hbar";
    if (horizontal) {
      // One band per row, so that long lists stay readable.
      canvas.parentNode.style.height = Math.max(12, spec.labels.length * spec.datasets.length * 1.2 + 5) + "rem";
    }
    var valueAxis = { beginAtZero: true, ticks: { precision: 0 } };
    new Chart(canvas, {
      type: horizontal ? "bar" : spec.type,
      data: { labels: spec.labels, datasets: spec.datasets.map(function (series, i) { return dataset(spec, series, i); }) },
      options: {
        indexAxis: horizontal ? "y" : "x", responsive: true, maintainAspectRatio: false, locale: "de-DE",
        animation: reduced ? false : { duration: 300 },
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom" } },
        scales: horizontal ? { x: valueAxis } : { y: valueAxis }
      }
    });
  });
}());
