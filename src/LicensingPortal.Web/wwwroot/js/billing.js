// Billing › Statements: one box ticks or unticks every statement of the page. Without script the boxes work one by one.
(function () {
  const all = document.getElementById('tick-all');
  if (!all) {
    return;
  }

  const boxes = Array.from(document.querySelectorAll('#statements input[name="StatementIds"]'));
  all.hidden = false;
  all.checked = boxes.length > 0 && boxes.every(function (box) { return box.checked; });
  all.addEventListener('change', function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
})();

// A statement: a customer with many lines (a license whose use changed day by day) shows its subtotal, and its lines on
// demand; one with an adjusted line, or an adjustment being corrected, stays open. Without script every line shows.
(function () {
  document.querySelectorAll('#lines tbody[data-customer]').forEach(function (group) {
    const toggle = group.querySelector('.lines-toggle');
    if (!toggle) {
      return;
    }

    const rows = Array.from(group.querySelectorAll('tr[data-line], tr.line-comment'));
    const count = group.dataset.lines;
    function show(open) {
      rows.forEach(function (row) { row.hidden = !open; });
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? 'Hide the ' + count + ' lines' : 'Show the ' + count + ' lines';
    }

    toggle.hidden = false;
    show(group.querySelector('.line-adjusted, .adjust-row.open') !== null);
    toggle.addEventListener('click', function () {
      show(toggle.getAttribute('aria-expanded') !== 'true');
    });
  });
})();
