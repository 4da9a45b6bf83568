/* The directory's map: clusters computed by the server for the visible area and zoom level, and beside
   the map the list of the establishments in view, for keyboard and screen-reader users. */
(function () {
  'use strict';

  function bbox(map) {
    var b = map.getBounds();
    function clamp(v, limit) { return Math.max(-limit, Math.min(limit, v)); }
    return [clamp(b.getWest(), 180), clamp(b.getSouth(), 85), clamp(b.getEast(), 180), clamp(b.getNorth(), 85)]
      .map(function (v) { return v.toFixed(5); }).join(',');
  }

  function withParams(base, extra) {
    return base + (base.indexOf('?') < 0 ? '?' : '&') + extra;
  }

  function formatCount(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  }

  function clusterIcon(count) {
    var size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : count < 10000 ? 50 : 58;
    var el = document.createElement('span');
    el.textContent = formatCount(count);
    return L.divIcon({ html: el.outerHTML, className: 'directory-cluster', iconSize: [size, size] });
  }

  function directoryMap(el) {
    var maxZoom = parseInt(el.dataset.maxZoom, 10);
    var map = L.map(el, { maxZoom: 18 });
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution }).addTo(map);
    if (el.dataset.bounds) {
      var b = el.dataset.bounds.split(',').map(parseFloat);
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [20, 20], maxZoom: 15 });
    } else {
      map.fitBounds([[41.3, -5.2], [51.1, 9.6]]);
    }
    var layer = L.layerGroup().addTo(map);
    var count = document.getElementById('map-count');
    var list = document.getElementById('map-results');
    var generation = 0;
    var timer = null;

    function drawClusters(data) {
      layer.clearLayers();
      data.clusters.forEach(function (c) {
        var marker;
        if (c.count === 1 && c.url) {
          marker = L.marker([c.latitude, c.longitude], { title: c.name, alt: c.name });
          var link = document.createElement('a');
          link.href = c.url;
          link.textContent = c.name;
          marker.bindPopup(link);
        } else {
          var label = formatCount(c.count) + ' établissements : rapprocher';
          marker = L.marker([c.latitude, c.longitude], { icon: clusterIcon(c.count), title: label, alt: label });
          marker.on('click', function () {
            map.setView([c.latitude, c.longitude], Math.min(map.getZoom() + 2, 18));
          });
        }
        layer.addLayer(marker);
      });
    }

    function drawList(data) {
      count.textContent = (data.totalItems === 1 ? '1 établissement' : formatCount(data.totalItems) + ' établissements')
        + ' dans la zone visible';
      list.textContent = '';
      data.items.forEach(function (item) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = item.url;
        a.textContent = item.name;
        var meta = document.createElement('span');
        meta.className = 'map-event-meta';
        meta.textContent = ' ' + (item.city || '');
        li.appendChild(a);
        li.appendChild(meta);
        list.appendChild(li);
      });
    }

    function refresh() {
      var mine = ++generation;
      var area = 'bbox=' + bbox(map);
      var zoom = Math.max(0, Math.min(maxZoom, map.getZoom()));
      fetch(withParams(el.dataset.clusters, area + '&zoom=' + zoom), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && mine === generation) { drawClusters(data); } });
      fetch(withParams(el.dataset.list, area + '&sort=nom&size=20'), { headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && mine === generation) { drawList(data); } });
    }

    map.on('moveend', function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    });
    refresh();
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (typeof L === 'undefined') { return; }
    var el = document.getElementById('directory-map');
    if (el) { directoryMap(el); }
  });
})();
