// Branding (R25): the preview follows the form as it is typed, and says the contrast of white text on the colour the
// way the server will (WCAG 2.x relative luminance; at least 4.5:1). The server checks again when the form is saved.
(function () {
  const form = document.getElementById('brand-form');
  const preview = document.querySelector('[data-brand-preview]');
  if (!form || !preview) {
    return;
  }

  const text = form.querySelector('[data-brand-colour]');
  const picker = form.querySelector('[data-brand-picker]');
  const name = form.querySelector('[data-brand-name]');
  const logo = form.querySelector('[data-brand-logo]');
  const contrast = form.querySelector('[data-brand-contrast]');
  const previewName = preview.querySelector('[data-brand-preview-name]');
  const previewLogo = preview.querySelector('[data-brand-preview-logo]');
  const hex = /^#[0-9a-f]{6}$/i;

  function luminance(colour) {
    const channel = function (offset) {
      const c = parseInt(colour.substr(offset, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  }

  function ratio(colour) {
    const value = 1.05 / (luminance(colour) + 0.05);
    let shown = Math.round(value * 100) / 100;
    if (value < 4.5 && shown >= 4.5) {
      shown = 4.49;
    }
    return String(shown);
  }

  function showColour(colour) {
    if (!hex.test(colour)) {
      contrast.textContent = 'Type a colour like #1a5276.';
      return;
    }
    colour = colour.toLowerCase();
    preview.style.setProperty('--brand-colour', colour);
    const shown = ratio(colour);
    contrast.textContent = Number(shown) >= 4.5
      ? 'White text on ' + colour + ': ' + shown + ':1, readable.'
      : colour + ' has a contrast of ' + shown + ':1 with white text; at least 4.5:1 is needed. Choose a darker colour.';
    contrast.classList.toggle('text-danger', Number(shown) < 4.5);
  }

  text.addEventListener('input', function () {
    const value = text.value.trim();
    if (hex.test(value)) {
      picker.value = value.toLowerCase();
    }
    showColour(value);
  });
  picker.addEventListener('input', function () {
    text.value = picker.value;
    showColour(picker.value);
  });
  name.addEventListener('input', function () {
    previewName.textContent = name.value.trim() || name.placeholder;
  });
  logo.addEventListener('change', function () {
    const file = logo.files && logo.files[0];
    if (!file) {
      return;
    }
    // A data: URL (the page's policy allows data: images, not blob:); the server checks the file when it is saved.
    const reader = new FileReader();
    reader.addEventListener('load', function () {
      previewLogo.src = String(reader.result);
      previewLogo.hidden = false;
    });
    reader.readAsDataURL(file);
  });

  showColour(text.value.trim() || preview.dataset.colour);
})();
