/* Maps of the agenda: progressive enhancement of pages that already list their events. */
(function () {
  'use strict';

  function tiles(el) {
    return L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution });
  }

  function eventMap(el) {
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    var map = L.map(el, { scrollWheelZoom: false }).setView([lat, lon], 14);
    tiles(el).addTo(map);
    L.marker([lat, lon], { title: el.dataset.title || '', alt: el.dataset.title || '' }).addTo(map);
  }

  function eventsMap(el) {
    var map = L.map(el).setView([43.7, 2.2], 7);
    tiles(el).addTo(map);
    var items = Array.prototype.slice.call(document.querySelectorAll('#map-events li[data-lat]'));
    var cluster = L.markerClusterGroup ? L.markerClusterGroup() : L.layerGroup();
    var bounds = [];
    items.forEach(function (li) {
      var lat = parseFloat(li.dataset.lat), lon = parseFloat(li.dataset.lon);
      var link = li.querySelector('a');
      var marker = L.marker([lat, lon], { title: link.textContent, alt: link.textContent });
      marker.bindPopup('<a href="' + link.getAttribute('href') + '"></a>');
      marker.on('popupopen', function (e) {
        var a = e.popup.getElement().querySelector('a');
        a.textContent = link.textContent;
      });
      cluster.addLayer(marker);
      bounds.push([lat, lon]);
    });
    map.addLayer(cluster);
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 13 });
    }
    var count = document.getElementById('map-count');
    function sync() {
      var view = map.getBounds(), visible = 0;
      items.forEach(function (li) {
        var inside = view.contains([parseFloat(li.dataset.lat), parseFloat(li.dataset.lon)]);
        li.hidden = !inside;
        if (inside) {
          visible++;
          var rank = li.querySelector('.map-rank');
          if (rank) { rank.textContent = visible + '.'; }
        }
      });
      if (count) { count.textContent = visible + ' ' + count.dataset.template; }
    }
    map.on('moveend', sync);
    sync();
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (typeof L === 'undefined') { return; }
    var one = document.getElementById('event-map');
    if (one) { eventMap(one); }
    var many = document.getElementById('events-map');
    if (many) { eventsMap(many); }
  });
})();
