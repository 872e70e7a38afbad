// The battery history chart: one line per car and the threshold, drawn with uPlot (served from the bundle).
import { t, locale } from './i18n.js';

export const COLORS = ['#d62f45', '#1b8fb5', '#7a5cc4', '#c47a1b', '#2e9e5b', '#b5478f'];

// One colour per car everywhere (card, history line, plan band): cars in the order of the status, then any other
// car in the order it was first seen.
let carOrder = [];

export function setCarOrder(ids) {
  carOrder = [...ids, ...carOrder.filter((id) => !ids.includes(id))];
}

export function carColor(id) {
  let i = carOrder.indexOf(id);
  if (i < 0) {
    carOrder.push(id);
    i = carOrder.length - 1;
  }
  return COLORS[i % COLORS.length];
}
const HEIGHT = 260;

export function createChart(container) {
  let plot = null;

  function width() {
    return Math.max(260, container.clientWidth);
  }

  window.addEventListener('resize', () => {
    if (plot) {
      plot.setSize({ width: width(), height: HEIGHT });
    }
  });

  /** Draws the readings ({timestamp, vehicle, battery_percent}); returns false when there is nothing to draw. */
  function render(readings, threshold) {
    if (plot) {
      plot.destroy();
      plot = null;
    }
    container.replaceChildren();
    if (!readings.length || typeof window.uPlot !== 'function') {
      return false;
    }
    const names = [...new Set(readings.map((r) => r.vehicle))];
    const times = [...new Set(readings.map((r) => Date.parse(r.timestamp) / 1000))].sort((a, b) => a - b);
    const index = new Map(times.map((time, i) => [time, i]));
    const series = names.map(() => new Array(times.length).fill(null));
    for (const r of readings) {
      series[names.indexOf(r.vehicle)][index.get(Date.parse(r.timestamp) / 1000)] = r.battery_percent;
    }
    const number = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 });
    const percent = (u, v) => (v == null ? '–' : `${number.format(v)} %`);
    const opts = {
      width: width(),
      height: HEIGHT,
      scales: { y: { range: [0, 100] } },
      series: [
        { value: (u, v) => (v == null ? '–' : new Date(v * 1000).toLocaleString(locale())) },
        ...names.map((name) => ({ label: name, stroke: carColor(name), width: 2, spanGaps: true, value: percent })),
        { label: t('thresholdSeries'), stroke: '#8a8a8a', dash: [6, 4], width: 1, value: percent },
      ],
      axes: [{}, { values: (u, values) => values.map((v) => `${v} %`) }],
    };
    const data = [times, ...series, times.map(() => threshold)];
    plot = new window.uPlot(opts, data, container);
    return true;
  }

  return { render };
}
