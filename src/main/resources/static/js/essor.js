/* Small enhancements shared by every page; each page works without them. */
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    // panels folded on a phone, open beside the results on a wide screen
    function openWide() {
      if (window.matchMedia && window.matchMedia('(min-width: 60rem)').matches) {
        Array.prototype.forEach.call(document.querySelectorAll('details[data-open-wide]'), function (d) { d.open = true; });
      }
    }
    openWide();
    // the agenda's results (and their filter counts) come again after a search made in place
    document.body.addEventListener('htmx:afterSwap', openWide);
    // « Copier le code » beside a code to paste elsewhere (the widget's frame)
    Array.prototype.forEach.call(document.querySelectorAll('button[data-copy]'), function (copy) {
      var source = document.getElementById(copy.dataset.copy);
      if (!source || !navigator.clipboard) { return; }
      copy.hidden = false;
      copy.addEventListener('click', function () {
        navigator.clipboard.writeText(source.value).then(function () {
          document.getElementById(copy.dataset.status).textContent = copy.dataset.done;
        });
      });
    });
    var button = document.getElementById('near-me');
    if (!button || !('geolocation' in navigator)) { return; }
    button.parentElement.hidden = false;
    button.addEventListener('click', function () {
      var status = document.getElementById('near-me-status');
      navigator.geolocation.getCurrentPosition(function (position) {
        var form = button.form;
        form.querySelector('#f-near').value = position.coords.latitude.toFixed(4) + ',' + position.coords.longitude.toFixed(4);
        var radius = form.querySelector('#f-rayon');
        form.querySelector('#f-radius-km').value = radius && radius.value !== '0' ? radius.value : '20';
        form.querySelector('#f-lieu').value = '';
        if (typeof form.requestSubmit === 'function') { form.requestSubmit(); } else { form.submit(); }
      }, function () {
        status.textContent = button.dataset.error;
      }, { timeout: 10000, maximumAge: 600000 });
    });
    var place = document.getElementById('f-lieu');
    if (place) {
      place.addEventListener('input', function () {
        document.getElementById('f-near').value = '';
        document.getElementById('f-radius-km').value = '';
      });
    }
  });
})();
