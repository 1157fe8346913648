// Jobs: the table with filters (kept in the address, so a filtered list can be bookmarked or shared) and
// cursor paging (kept in the view: the API's cursors only go forward, so the way back is a stack).
import * as api from '../api.js';
import { h, heading, table, badge } from '../dom.js';
import { time } from '../format.js';
import { Refresher } from '../refresher.js';
import { STATUSES, STATUS_WORDS, anyJobEvent } from './statuses.js';

const FILTERS = ['status', 'worker_type', 'tenant', 'sort', 'order', 'limit'];
const PAGE_SIZES = ['20', '50', '100'];

export default function jobs(main, { route, navigate }) {
  const filters = Object.fromEntries(FILTERS.map(name => [name, route.params.get(name) ?? '']));
  const pages = { cursors: [null], index: 0, next: null };
  const results = h('div', { id: 'job-results' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of jobs' });

  const form = filterForm(filters, chosen => navigate(`#/jobs${api.query(chosen)}`));
  main.replaceChildren(heading('Jobs'), form, results, pager);

  const list = new Refresher(results, async () => {
    const answer = await api.get(`/jobs${api.query({ ...filters, limit: filters.limit || PAGE_SIZES[0], cursor: pages.cursors[pages.index] })}`);
    pages.next = answer.next_cursor ?? null;
    return answer;
  }, answer => {
    pager.replaceChildren(...pagerButtons(pages, answer.jobs.length, move));
    return jobTable(answer.jobs);
  }, 'the jobs');
  list.refresh();

  function move(step) {
    if (step > 0 && pages.next) {
      pages.cursors[pages.index + 1] = pages.next;
      pages.index += 1;
    } else if (step < 0 && pages.index > 0) {
      pages.index -= 1;
    }
    list.refresh().then(() => results.querySelector('caption')?.scrollIntoView({ block: 'nearest' }));
  }

  return {
    onEvents(events) {
      if (anyJobEvent(events)) {
        list.refresh();
      }
    },
    dispose: () => list.dispose(),
  };
}

function filterForm(filters, apply) {
  const field = (label, control) => h('div', { class: 'field' }, h('label', { for: control.id, text: label }), control);
  const select = (id, options, value) => h('select', { id, name: id },
    options.map(([optionValue, words]) => h('option', { value: optionValue, selected: optionValue === value, text: words })));
  const controls = {
    status: select('filter-status', [['', 'Any status'], ...STATUSES.map(s => [s, STATUS_WORDS[s]])], filters.status),
    worker_type: h('input', { id: 'filter-worker-type', name: 'worker_type', value: filters.worker_type, placeholder: 'any', autocomplete: 'off' }),
    tenant: h('input', { id: 'filter-tenant', name: 'tenant', value: filters.tenant, placeholder: 'any', autocomplete: 'off' }),
    sort: select('filter-sort', [['', 'Created'], ['updated_at', 'Updated'], ['priority', 'Priority']], filters.sort),
    order: select('filter-order', [['', 'Newest first'], ['asc', 'Oldest first']], filters.order),
    limit: select('filter-limit', PAGE_SIZES.map(size => [size === PAGE_SIZES[0] ? '' : size, `${size} per page`]), filters.limit),
  };
  return h('form', {
    class: 'filters', 'aria-label': 'Filter jobs',
    on: {
      submit: event => {
        event.preventDefault();
        apply(Object.fromEntries(Object.entries(controls).map(([name, control]) => [name, control.value.trim()])));
      },
    },
  },
  field('Status', controls.status),
  field('Worker type', controls.worker_type),
  field('Tenant', controls.tenant),
  field('Sort by', controls.sort),
  field('Order', controls.order),
  field('Page size', controls.limit),
  h('div', { class: 'actions' },
    h('button', { type: 'submit', id: 'filter-apply', text: 'Apply filters' }),
    h('a', { class: 'button secondary', href: '#/jobs', id: 'filter-clear', text: 'Clear' })));
}

function jobTable(list) {
  const rows = list.map(job => h('tr', { dataset: { jobId: job.id, status: job.status } },
    h('td', {}, h('a', { class: 'job-link mono', href: `#/jobs/${encodeURIComponent(job.id)}`, text: job.id })),
    h('td', { dataset: { field: 'status' } }, badge(job.status)),
    h('td', { text: job.worker_types.length ? job.worker_types.join(', ') : 'any' }),
    h('td', { class: 'number', text: job.priority }),
    h('td', { class: 'number', text: `${job.attempt}/${job.max_attempts}` }),
    h('td', { text: job.tenant }),
    h('td', {}, time(job.created_at)),
    h('td', {}, time(job.updated_at))));
  return table('Jobs', ['Job', 'Status', 'Worker types', 'Priority', 'Attempt', 'Tenant', 'Created', 'Updated'], rows,
    { id: 'jobs-table' });
}

function pagerButtons(pages, shown, move) {
  return [
    h('button', { type: 'button', class: 'secondary', id: 'page-previous', disabled: pages.index === 0, text: '← Previous', on: { click: () => move(-1) } }),
    h('span', { class: 'muted', id: 'page-number', text: `Page ${pages.index + 1} · ${shown} job${shown === 1 ? '' : 's'}` }),
    h('button', { type: 'button', class: 'secondary', id: 'page-next', disabled: !pages.next, text: 'Next →', on: { click: () => move(1) } }),
  ];
}
