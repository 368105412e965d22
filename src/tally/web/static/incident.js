// Draws the incident page's charts (Chart.js) and map (Leaflet, country outlines, no tiles).
// Each incident's data sits in a JSON block (script.page-data) inside the incident's element;
// nothing here builds markup from article text.
(function () {
  "use strict";
  var palette = ["#1b6ca8", "#d1495b", "#2e933c", "#edae49", "#6a4c93", "#00798c", "#8d6346", "#444"];
  var day = 86400000;

  function iso(x) {
    return new Date(x * day).toISOString().slice(0, 10);
  }

  function drawCharts(scope, data) {
    if (typeof Chart === "undefined") return;
    (data.charts || []).forEach(function (chart, i) {
      var canvas = scope.querySelector('canvas[data-chart="' + i + '"]');
      if (!canvas) return;
      var xs = [];
      chart.series.forEach(function (s) { s.points.forEach(function (p) { xs.push(p.x); }); });
      var lo = Math.min.apply(null, xs), hi = Math.max.apply(null, xs);
      var pad = Math.max(15, Math.round((hi - lo) * 0.08));
      new Chart(canvas, {
        type: "scatter",
        data: {
          datasets: chart.series.map(function (s, j) {
            var colour = palette[j % palette.length];
            return {
              label: s.label,
              data: s.points,
              showLine: s.points.length > 1,
              borderColor: colour,
              backgroundColor: colour,
              pointRadius: 5,
              pointHoverRadius: 7
            };
          })
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            x: { type: "linear", min: lo - pad, max: hi + pad,
                 ticks: { maxTicksLimit: 6, callback: function (v) { return iso(v); } } },
            y: { beginAtZero: true, ticks: { precision: 0 } }
          },
          plugins: {
            legend: { position: "bottom" },
            tooltip: { callbacks: { label: function (ctx) {
              return ctx.dataset.label + " · " + iso(ctx.raw.x) + ": " + ctx.raw.y.toLocaleString() +
                (ctx.raw.quote ? " · \u201c" + ctx.raw.quote + "\u201d" : "");
            } } }
          }
        }
      });
    });
  }

  function drawMap(scope, data) {
    var el = scope.querySelector(".map");
    if (!el || !data.point || typeof L === "undefined") return;
    var map = L.map(el, { attributionControl: false, zoomSnap: 0.5, worldCopyJump: true })
      .setView([data.point.lat, data.point.lon], 5);
    fetch("/static/vendor/world-atlas/countries-110m.geojson")
      .then(function (r) { return r.json(); })
      .then(function (geo) {
        L.geoJSON(geo, { style: { color: "#7a8794", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 } }).addTo(map);
        marker.bringToFront();
      })
      .catch(function () { /* the point is shown without outlines */ });
    var marker = L.circleMarker([data.point.lat, data.point.lon], {
      radius: 8, color: "#b3001b", weight: 2, fillColor: "#d1495b", fillOpacity: 0.9
    }).addTo(map);
    var label = document.createElement("span");
    label.textContent = data.point.label;  // text, never markup: names come from articles
    marker.bindTooltip(label);
  }

  document.querySelectorAll("script.page-data").forEach(function (block) {
    var data = JSON.parse(block.textContent);
    drawCharts(block.parentElement, data);
    drawMap(block.parentElement, data);
  });
})();
