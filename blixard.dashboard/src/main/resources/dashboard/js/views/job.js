// One job: what it asked for, what happened to it (timeline and attempts), its payload and result, and the
// actions its status allows. Live: an event about this job reloads it.
import * as api from '../api.js';
import { h, heading, table, badge, facts } from '../dom.js';
import { duration, json, time } from '../format.js';
import { notify, notifyError } from '../notices.js';
import { Refresher } from '../refresher.js';
import { canCancel, canRetry } from './statuses.js';

export default function job(main, { route }) {
  const id = route.id;
  const region = h('div', { id: 'job-detail', dataset: { jobId: id } });
  main.replaceChildren(heading(`Job ${id}`), region);

  const detail = new Refresher(region, () => api.get(`/jobs/${encodeURIComponent(id)}`),
    current => render(current, act), `job ${id}`);
  detail.refresh();

  async function act(action, button) {
    button.disabled = true;
    try {
      const changed = await api.post(`/jobs/${encodeURIComponent(id)}/${action}`);
      notify('success', `Job ${id} ${action === 'cancel' ? 'cancelled' : 'back in Pending for another try'}: now ${changed.status}.`);
    } catch (error) {
      notifyError(`${action === 'cancel' ? 'Cancelling' : 'Retrying'} job ${id}`, error);
    } finally {
      await detail.refresh();
    }
  }

  return {
    onEvents(events) {
      if (events.some(event => event.job_id === id || event.topic === 'blixard/stream/GAP')) {
        detail.refresh();
      }
    },
    dispose: () => detail.dispose(),
  };
}

function render(job, act) {
  const actions = h('div', { class: 'actions' },
    h('button', {
      type: 'button', id: 'job-cancel', class: 'danger', disabled: !canCancel(job.status), text: 'Cancel job',
      on: { click: event => act('cancel', event.currentTarget) },
    }),
    h('button', {
      type: 'button', id: 'job-retry', disabled: !canRetry(job.status), text: 'Retry job',
      on: { click: event => act('retry', event.currentTarget) },
    }));
  return [
    h('div', { class: 'job-head' }, h('span', { id: 'job-status', dataset: { status: job.status } }, badge(job.status)), actions),
    h('div', { class: 'columns' },
      h('section', { class: 'panel', 'aria-labelledby': 'summary-title' },
        h('h2', { id: 'summary-title', text: 'Summary' }), summary(job)),
      h('section', { class: 'panel', 'aria-labelledby': 'timeline-title' },
        h('h2', { id: 'timeline-title', text: 'Timeline' }), timeline(job))),
    h('section', { class: 'panel', 'aria-labelledby': 'attempts-title' },
      h('h2', { id: 'attempts-title', text: 'Attempts' }), attempts(job)),
    job.error && h('section', { class: 'panel', 'aria-labelledby': 'error-title' },
      h('h2', { id: 'error-title', text: 'Error' }), h('pre', { class: 'code error-text', id: 'job-error', text: job.error })),
    h('div', { class: 'columns' },
      h('section', { class: 'panel', 'aria-labelledby': 'payload-title' },
        h('h2', { id: 'payload-title', text: 'Payload' }), h('pre', { class: 'code', id: 'job-payload', tabindex: '0', text: json(job.payload) })),
      h('section', { class: 'panel', 'aria-labelledby': 'result-title' },
        h('h2', { id: 'result-title', text: 'Result' }), h('pre', { class: 'code', id: 'job-result', tabindex: '0', text: json(job.result) }))),
  ];
}

function summary(job) {
  const labels = Object.entries(job.labels ?? {}).map(([key, value]) => `${key}=${value}`).join(', ');
  return facts([
    ['Worker types', job.worker_types.length ? job.worker_types.join(', ') : 'any'],
    ['Priority', String(job.priority)],
    ['Attempt', `${job.attempt} of ${job.max_attempts}`],
    ['Tenant', job.tenant],
    ['Worker', job.worker_id && h('span', { class: 'mono', text: job.worker_id })],
    ['Lease expires', job.lease_expires_at && time(job.lease_expires_at)],
    ['Run after', job.run_after && time(job.run_after)],
    ['Timeout', job.timeout_ms == null ? 'none' : duration(job.timeout_ms)],
    ['Resources', `${job.resources.cpu} CPU, ${job.resources.memory_mb} MB memory, ${job.resources.disk_mb} MB disk`],
    labels && ['Labels', labels],
    job.depends_on.length && ['Depends on', job.depends_on.map((parent, i) =>
      [i ? ', ' : '', h('a', { class: 'mono', href: `#/jobs/${encodeURIComponent(parent)}`, text: parent })])],
    job.idempotency_key && ['Idempotency key', job.idempotency_key],
  ]);
}

/** The job's life as a list of moments, oldest first, from its own times and its attempts. */
function timeline(job) {
  const moments = [{ at: job.created_at, what: 'Submitted' }];
  for (const attempt of job.attempts ?? []) {
    moments.push({ at: attempt.claimed_at, what: `Attempt ${attempt.number} claimed by ${attempt.worker_id}` });
    if (attempt.started_at) {
      moments.push({ at: attempt.started_at, what: `Attempt ${attempt.number} started` });
    }
    if (attempt.finished_at) {
      moments.push({ at: attempt.finished_at, what: `Attempt ${attempt.number} ${attempt.outcome}${attempt.error ? `: ${attempt.error}` : ''}` });
    }
  }
  if (job.finished_at) {
    moments.push({ at: job.finished_at, what: `Finished: ${job.status}` });
  } else if (job.status === 'Pending' && job.attempt > 0) {
    moments.push({ at: job.updated_at, what: 'Back in Pending' });
  }
  return h('ol', { class: 'timeline', id: 'job-timeline' },
    moments.filter(moment => moment.at).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .map(moment => h('li', {}, time(moment.at), ' ', h('span', { text: moment.what }))));
}

function attempts(job) {
  const rows = (job.attempts ?? []).map(attempt => h('tr', {},
    h('td', { class: 'number', text: attempt.number }),
    h('td', { class: 'mono', text: attempt.worker_id }),
    h('td', {}, time(attempt.claimed_at)),
    h('td', { text: attempt.started_at && attempt.finished_at ? duration(Date.parse(attempt.finished_at) - Date.parse(attempt.started_at)) : '—' }),
    h('td', {}, attempt.outcome ? badge(attempt.outcome) : 'running'),
    h('td', { text: attempt.error ?? '' })));
  return table('Attempts of this job', ['#', 'Worker', 'Claimed', 'Ran for', 'Outcome', 'Error'], rows);
}
