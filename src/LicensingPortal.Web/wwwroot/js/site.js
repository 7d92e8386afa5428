// Confirmation before irreversible actions: <form data-confirm="Cancel this partner? ...">.
document.addEventListener('submit', function (event) {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// Bar widths come from data-width (a percentage): set through the CSSOM, so no inline style attribute is needed.
document.querySelectorAll('[data-width]').forEach(function (bar) {
  bar.style.width = Math.max(0, Math.min(100, Number(bar.dataset.width))) + '%';
});

// Instants are stored and sent in UTC (<time datetime="...Z" data-local-time>): show them in the reader's time zone.
(function () {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const pad = function (n) { return String(n).padStart(2, '0'); };
  document.querySelectorAll('time[data-local-time]').forEach(function (element) {
    const at = new Date(element.getAttribute('datetime'));
    if (isNaN(at)) {
      return;
    }
    let text = at.getFullYear() + '-' + pad(at.getMonth() + 1) + '-' + pad(at.getDate()) + ' ' + pad(at.getHours()) + ':' + pad(at.getMinutes());
    if (element.dataset.localTime === 'seconds') {
      text += ':' + pad(at.getSeconds());
    }
    element.textContent = text;
  });
  document.querySelectorAll('[data-time-zone]').forEach(function (element) {
    element.textContent = 'times are shown in your time zone (' + zone + ')';
  });
})();
