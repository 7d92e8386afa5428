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
