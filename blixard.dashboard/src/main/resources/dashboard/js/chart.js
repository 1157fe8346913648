// A small line chart in SVG (no library to ship): completed and failed jobs per second over the sampled window.
import { h } from './dom.js';
import { rate } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const HEIGHT = 180;
const PAD = { left: 44, right: 10, top: 10, bottom: 22 };

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, String(value));
  }
  children.forEach(child => element.append(child));
  return element;
}

/** The chart and, for screen readers and for a glance, the same facts in a sentence. */
export function throughputChart(rates) {
  if (rates.length < 2) {
    return h('p', { class: 'muted chart-empty', text: 'Collecting samples: a point every 5 seconds while this page is open.' });
  }
  const end = rates[rates.length - 1].at;
  const start = Math.min(rates[0].at, end - 60_000);
  const peak = Math.max(...rates.map(r => Math.max(r.completed, r.failed)));
  const top = niceCeiling(Math.max(1, peak));
  const x = at => PAD.left + ((at - start) / Math.max(1, end - start)) * (WIDTH - PAD.left - PAD.right);
  const y = value => HEIGHT - PAD.bottom - (value / top) * (HEIGHT - PAD.top - PAD.bottom);
  const line = (key, cls) => svg('polyline', {
    class: cls, fill: 'none', points: rates.map(r => `${x(r.at).toFixed(1)},${y(r[key]).toFixed(1)}`).join(' '),
  });
  const grid = [0, top / 2, top].map(value => svg('g', {},
    svg('line', { class: 'grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value) }),
    svg('text', { class: 'axis', x: PAD.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, String(value))));
  const minutes = Math.round((end - start) / 60_000);
  const latest = rates[rates.length - 1];
  const summary = `Now ${rate(latest.completed)} completed and ${rate(latest.failed)} failed; `
    + `peak ${rate(peak)} over the last ${Math.max(1, minutes)} min.`;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `Throughput chart. ${summary}`, class: 'chart' },
    ...grid,
    svg('text', { class: 'axis', x: PAD.left, y: HEIGHT - 4 }, `${Math.max(1, minutes)} min ago`),
    svg('text', { class: 'axis', x: WIDTH - PAD.right, y: HEIGHT - 4, 'text-anchor': 'end' }, 'now'),
    line('completed', 'series-completed'),
    line('failed', 'series-failed'));
  return h('figure', { class: 'chart-figure' }, chart,
    h('figcaption', {},
      h('span', { class: 'key key-completed', text: 'Completed/s' }), ' ',
      h('span', { class: 'key key-failed', text: 'Failed/s' }), ' — ', summary));
}

/** 7 → 10, 23 → 25, 180 → 200: a round axis maximum. */
function niceCeiling(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 2.5, 5, 10].map(step => step * magnitude).find(candidate => candidate >= value);
}
