// Overview: how big the queue is, how fast it drains, and what each worker type has waiting.
import * as api from '../api.js';
import { h, heading, table } from '../dom.js';
import { count, duration, rate } from '../format.js';
import { Refresher, problemPanel } from '../refresher.js';
import { throughputChart } from '../chart.js';
import { STATUSES, STATUS_WORDS, anyJobEvent } from './statuses.js';

export default function overview(main, { sampler }) {
  const counts = h('section', { 'aria-labelledby': 'counts-title', id: 'queue-counts' });
  const chart = h('div', { id: 'throughput-chart' });
  const types = h('div', { id: 'types' });
  main.replaceChildren(
    heading('Overview'),
    h('h2', { id: 'counts-title', class: 'visually-hidden', text: 'Jobs by status' }),
    counts,
    h('section', { class: 'panel', 'aria-labelledby': 'throughput-title' },
      h('h2', { id: 'throughput-title', text: 'Throughput' }), chart),
    h('section', { class: 'panel', 'aria-labelledby': 'types-title' },
      h('h2', { id: 'types-title', text: 'By worker type' }), types));

  const stats = new Refresher(counts, () => api.get('/queue/stats'), data => {
    types.replaceChildren(typeTable(data));
    return statusCards(data);
  }, 'the queue statistics').every(10_000);
  stats.refresh();

  const drawChart = () => chart.replaceChildren(sampler.refused
    ? problemPanel('No throughput', sampler.refused)
    : throughputChart(sampler.rates()));
  const unsubscribe = sampler.subscribe(drawChart);
  drawChart();

  return {
    onEvents(events) {
      if (anyJobEvent(events)) {
        stats.refresh();
      }
    },
    dispose() {
      stats.dispose();
      unsubscribe();
    },
  };
}

function statusCards(stats) {
  const recent = stats.throughput?.[0];
  return h('div', { class: 'cards' },
    STATUSES.map(status => h('a', { class: `card card-${status.toLowerCase()}`, href: `#/jobs?status=${status}`, dataset: { status } },
      h('span', { class: 'card-label', text: STATUS_WORDS[status] }),
      h('span', { class: 'card-value', text: count(stats.by_status[status] ?? 0) }))),
    h('div', { class: 'card' },
      h('span', { class: 'card-label', text: 'Total' }),
      h('span', { class: 'card-value', dataset: { total: '' }, text: count(stats.total) })),
    h('div', { class: 'card' },
      h('span', { class: 'card-label', text: 'Oldest pending' }),
      h('span', { class: 'card-value', text: stats.oldest_pending_age_ms == null ? '—' : duration(stats.oldest_pending_age_ms) })),
    recent && h('div', { class: 'card' },
      h('span', { class: 'card-label', text: `Completed, last ${duration(recent.window_ms)}` }),
      h('span', { class: 'card-value', text: rate(recent.completed_per_second) })));
}

function typeTable(stats) {
  const rows = Object.entries(stats.by_worker_type ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([type, byStatus]) =>
    h('tr', { dataset: { workerType: type } },
      h('th', { scope: 'row' }, h('a', { href: `#/jobs?worker_type=${encodeURIComponent(type)}`, text: type })),
      STATUSES.map(status => h('td', { class: 'number', text: count(byStatus[status] ?? 0) }))));
  return table('Jobs per worker type and status', ['Worker type', ...STATUSES.map(s => STATUS_WORDS[s])], rows);
}
