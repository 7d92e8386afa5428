// Customers › Bulk change (R22): "Apply" sends the ticked licenses a few at a time and shows a progress bar
// and each license's outcome as it comes back. Without script the form posts them all at once.
(function () {
  const form = document.getElementById('bulk-form');
  const apply = document.getElementById('apply');
  const progress = document.getElementById('bulk-progress');
  if (!form || !apply || !progress || !window.fetch) {
    return;
  }

  const partSize = 25;
  const bar = document.getElementById('bulk-progress-bar');
  const text = document.getElementById('bulk-progress-text');
  const summary = document.getElementById('bulk-summary');

  function show(line) {
    const row = document.querySelector('tr[data-license="' + line.licenseId + '"]');
    if (!row) {
      return;
    }
    const refused = line.outcome === 'Refused';
    const outcome = row.querySelector('[data-outcome]');
    outcome.textContent = refused ? 'Refused' : line.outcome === 'Change' ? 'Changed' : 'Already as asked';
    if (refused) {
      outcome.dataset.rule = line.ruleCode; // the code for programs and tests; people read the reason beside it
    }
    row.querySelector('[data-after]').textContent = refused ? line.reason : line.after;
    row.classList.toggle('table-warning', refused);
    row.classList.toggle('table-success', !refused);
    const tick = row.querySelector('input[type=checkbox]');
    if (tick) {
      tick.checked = false;
      tick.disabled = true;
    }
  }

  apply.addEventListener('click', async function (event) {
    const ticked = Array.from(document.querySelectorAll('input[name="Input.LicenseIds"]:checked')).map(function (box) { return box.value; });
    if (ticked.length === 0) {
      return; // the server answers what is missing
    }
    event.preventDefault();
    apply.disabled = true;
    progress.hidden = false;
    bar.max = ticked.length;
    const base = new FormData(form);
    base.delete('Input.LicenseIds');
    const counts = { Change: 0, Unchanged: 0, Refused: 0 };
    for (let i = 0; i < ticked.length; i += partSize) {
      const body = new FormData();
      base.forEach(function (value, key) { body.append(key, value); });
      ticked.slice(i, i + partSize).forEach(function (id) { body.append('Input.LicenseIds', id); });
      let report;
      try {
        const response = await fetch('/customers/bulk-change/part', { method: 'POST', body: body, headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        report = response.ok ? await response.json() : null;
      } catch (e) {
        report = null;
      }
      if (!report) {
        text.textContent = 'Stopped after ' + i + ' of ' + ticked.length + ' licenses: the server did not answer. Reload the page to see what was applied.';
        progress.classList.add('text-danger');
        return;
      }
      report.lines.forEach(function (line) { counts[line.outcome]++; show(line); });
      bar.value = Math.min(ticked.length, i + partSize);
      text.textContent = 'Applied ' + bar.value + ' of ' + ticked.length + ' licenses';
    }
    document.querySelectorAll('#bulk-report input[type=checkbox]:not(:disabled)').forEach(function (box) {
      const row = box.closest('tr');
      row.querySelector('[data-outcome]').textContent = 'Left out';
      row.querySelector('[data-after]').textContent = '';
      box.disabled = true;
    });
    summary.className = 'alert alert-success';
    summary.textContent = 'Applied: ' + counts.Change + ' changed, ' + counts.Unchanged + ' already as asked, ' + counts.Refused + ' refused.';
    apply.hidden = true;
  });
})();
