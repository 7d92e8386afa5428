// Home: pool usage as a stacked horizontal bar chart (Chart.js served by the app; data in data-chart).
(function () {
  const canvas = document.getElementById('pool-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }

  const data = JSON.parse(canvas.dataset.chart);

  // Each label is [product, level · type]; on a narrow screen long product names wrap by words, or the axis cuts them.
  const narrow = canvas.parentElement.clientWidth < 576;
  const wrap = (line) => {
    if (!narrow) {
      return [line];
    }

    const lines = [];
    let current = '';
    for (const word of line.split(' ')) {
      if (current && (current + ' ' + word).length > 18) {
        lines.push(current);
        current = word;
      } else {
        current = current ? current + ' ' + word : word;
      }
    }

    return current ? lines.concat(current) : lines;
  };
  const labels = data.labels.map((label) => label.flatMap(wrap));
  // Every bar gets the same height (Chart.js splits the axis evenly): enough for the label with the most lines.
  const perBar = Math.max(44, Math.max(...labels.map((label) => label.length)) * 14 + 20);
  canvas.parentElement.style.height = Math.max(160, labels.length * perBar + 60) + 'px';
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: labels,
      datasets: [
        { label: 'Used', data: data.used, backgroundColor: '#1f6feb' },
        { label: 'Free', data: data.free, backgroundColor: '#d0d7de' },
      ],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { stacked: true, title: { display: true, text: 'Units' } }, y: { stacked: true, ticks: { autoSkip: false } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
})();
