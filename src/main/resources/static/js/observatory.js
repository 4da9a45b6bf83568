/*
 * Observatory pages: charts (Chart.js) and choropleth maps (Leaflet) drawn from the data tables that
 * follow them. The tables stay the accessible alternative; without scripts, they are the page.
 */
(function () {
  'use strict';

  var PALETTE = ['#e6f2ef', '#b5dcd2', '#7cc0b0', '#3f9c89', '#0a5c52'];

  function rows(tableId) {
    var table = document.getElementById(tableId);
    return table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  }

  function chart(canvas) {
    if (typeof Chart === 'undefined') { return; }
    var column = parseInt(canvas.dataset.column, 10);
    var data = rows(canvas.dataset.source).map(function (tr) {
      return { label: tr.cells[0].textContent.trim(), value: parseFloat(tr.cells[column].dataset.value || '0') };
    }).filter(function (d) { return d.value > 0; });
    if (!data.length) { canvas.parentNode.hidden = true; return; }
    var horizontal = canvas.dataset.horizontal === 'true';
    var narrow = window.matchMedia('(max-width: 40rem)').matches;
    var format = new Intl.NumberFormat('fr-FR');
    new Chart(canvas, {
      type: 'bar',
      data: {
        // on a phone, a section's letter only: its name is in the table that follows
        labels: data.map(function (d) {
          if (narrow && horizontal) { return d.label.split(' — ')[0]; }
          return d.label.length > 48 ? d.label.slice(0, 47) + '…' : d.label;
        }),
        datasets: [{ data: data.map(function (d) { return d.value; }), backgroundColor: '#0a5c52' }]
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        locale: 'fr-FR',
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (c) { return format.format(c.parsed[horizontal ? 'x' : 'y']); } } }
        },
        scales: { x: { ticks: { color: '#1b1b1f' } }, y: { ticks: { color: '#1b1b1f' } } }
      }
    });
  }

  function classes(values) {
    var sorted = values.slice().sort(function (a, b) { return a - b; });
    var breaks = [];
    for (var i = 1; i < PALETTE.length; i++) {
      breaks.push(sorted[Math.floor(i * sorted.length / PALETTE.length)]);
    }
    return breaks;
  }

  function colour(value, breaks) {
    var k = 0;
    while (k < breaks.length && value >= breaks[k]) { k++; }
    return PALETTE[k];
  }

  function choropleth(el) {
    if (typeof L === 'undefined') { return; }
    var values = {}, labels = {}, links = {};
    rows(el.dataset.source).forEach(function (tr) {
      values[tr.dataset.code] = parseFloat(tr.dataset.value);
      labels[tr.dataset.code] = tr.dataset.label;
      var a = tr.querySelector('a');
      if (a) { links[tr.dataset.code] = a.getAttribute('href'); }
    });
    var codes = Object.keys(values);
    if (!codes.length) { el.hidden = true; return; }
    var breaks = classes(codes.map(function (c) { return values[c]; }));
    var map = L.map(el, { scrollWheelZoom: false, attributionControl: false, zoomSnap: 0.25 });
    fetch(el.dataset.geo).then(function (r) { return r.json(); }).then(function (geo) {
      geo.features = geo.features.filter(function (f) { return values.hasOwnProperty(f.properties.code); });
      var layer = L.geoJSON(geo, {
        style: function (f) {
          var current = f.properties.code === el.dataset.highlight;
          return { fillColor: colour(values[f.properties.code], breaks), fillOpacity: 0.9,
                   color: current ? '#b3261e' : '#ffffff', weight: current ? 3 : 1 };
        },
        onEachFeature: function (f, l) {
          l.bindTooltip(f.properties.nom + ' : ' + labels[f.properties.code]);
          if (links[f.properties.code]) {
            l.on('click', function () { window.location.href = links[f.properties.code]; });
          }
        }
      }).addTo(map);
      var metropolitan = layer.getLayers().filter(function (l) { return !/^(0[1-6]|97)/.test(l.feature.properties.code) || el.dataset.level === 'departement'; });
      var bounds = L.featureGroup(metropolitan.length ? metropolitan : layer.getLayers()).getBounds();
      if (el.dataset.level === 'region') {
        bounds = L.latLngBounds([41.3, -5.2], [51.1, 9.6]);
      }
      map.fitBounds(bounds, { padding: [8, 8] });
      var legend = L.control({ position: 'bottomleft' });
      legend.onAdd = function () {
        // built with DOM calls: the page's policy forbids inline style attributes
        var div = L.DomUtil.create('div', 'obs-legend');
        var pct = function (v) { return (v * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 }) + '\u202f%'; };
        var title = document.createElement('strong');
        title.textContent = el.dataset.legend;
        div.appendChild(title);
        var lows = [Math.min.apply(null, codes.map(function (c) { return values[c]; }))].concat(breaks);
        for (var i = 0; i < PALETTE.length; i++) {
          var line = document.createElement('span');
          var swatch = document.createElement('i');
          swatch.style.background = PALETTE[i];
          line.appendChild(swatch);
          line.appendChild(document.createTextNode(i + 1 < lows.length ? pct(lows[i]) + ' – ' + pct(lows[i + 1]) : '≥ ' + pct(lows[i])));
          div.appendChild(line);
        }
        return div;
      };
      legend.addTo(map);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('canvas[data-source]'), chart);
    Array.prototype.forEach.call(document.querySelectorAll('.obs-map[data-source]'), choropleth);
  });
})();
