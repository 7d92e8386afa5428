// Service plan form: levels of the chosen product only, the add-on only when the product has one,
// and a trial's fixed 30-day period. The server checks all of it again.
(function () {
  const form = document.getElementById('service-plan-form');
  if (!form) { return; }
  const product = form.querySelector('[data-plan-product]');
  const level = form.querySelector('[data-plan-level]');
  const type = form.querySelector('[data-plan-type]');
  const period = form.querySelector('[data-plan-period]');
  const unit = form.querySelector('[data-plan-unit]');
  const addOn = form.querySelector('[data-plan-addon]');

  function syncProduct() {
    if (!product) { return; }
    const chosen = product.value;
    level.querySelectorAll('optgroup').forEach(function (group) {
      const match = group.dataset.product === chosen;
      group.hidden = !match;
      group.disabled = !match;
    });
    const option = product.selectedOptions[0];
    const hasAddOn = option && option.dataset.hasAddon === 'true';
    addOn.hidden = !hasAddOn;
    if (!hasAddOn) { addOn.querySelector('input[type=checkbox]').checked = false; }
  }

  function syncType() {
    const trial = type.value === 'Trial';
    if (trial) { period.value = '30'; unit.value = 'Days'; }
    else if (unit.value === 'Days') { unit.value = 'Months'; period.value = '12'; }
    period.readOnly = trial;
  }

  if (product) { product.addEventListener('change', syncProduct); syncProduct(); }
  type.addEventListener('change', syncType);
  period.readOnly = type.value === 'Trial';
})();
