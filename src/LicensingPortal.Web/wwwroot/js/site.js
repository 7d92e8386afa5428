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
