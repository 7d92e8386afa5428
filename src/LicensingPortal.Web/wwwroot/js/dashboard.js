// Home: pool usage as a stacked horizontal bar chart (Chart.js served by the app; data in data-chart).
(function () {
  const canvas = document.getElementById('pool-chart');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }

  const data = JSON.parse(canvas.dataset.chart);
  canvas.parentElement.style.height = Math.max(160, data.labels.length * 34 + 60) + 'px';
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [
        { label: 'Used', data: data.used, backgroundColor: '#1f6feb' },
        { label: 'Free', data: data.free, backgroundColor: '#d0d7de' },
      ],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { stacked: true, title: { display: true, text: 'Units' } }, y: { stacked: true } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
})();
