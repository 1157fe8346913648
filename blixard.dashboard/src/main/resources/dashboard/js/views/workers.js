// Workers: who claims jobs, of which types, how full they are and when they last reported.
import * as api from '../api.js';
import { h, heading, table, badge } from '../dom.js';
import { time } from '../format.js';
import { Refresher } from '../refresher.js';
import { anyWorkerEvent } from './health.js';

export default function workers(main) {
  const region = h('div', { id: 'workers' });
  main.replaceChildren(heading('Workers'), region);
  // Heartbeats are not events, so the last-heartbeat column also refreshes on a timer.
  const list = new Refresher(region, () => api.get('/workers'), answer => workerTable(answer.workers), 'the workers').every(5000);
  list.refresh();
  return {
    onEvents(events) {
      if (anyWorkerEvent(events) || events.some(event => event.worker_id)) {
        list.refresh();
      }
    },
    dispose: () => list.dispose(),
  };
}

function workerTable(list) {
  const rows = list.map(worker => h('tr', { dataset: { worker: worker.worker_id } },
    h('td', { class: 'mono', text: worker.worker_id }),
    h('td', {}, badge(worker.status)),
    h('td', { dataset: { field: 'types' }, text: worker.worker_types.length ? worker.worker_types.join(', ') : 'any' }),
    h('td', { class: 'number', text: `${worker.capacity - worker.free_slots} of ${worker.capacity}` }),
    h('td', {}, worker.running_jobs.length
      ? worker.running_jobs.slice(0, 5).map((id, i) => [i ? ', ' : '', h('a', { class: 'mono', href: `#/jobs/${encodeURIComponent(id)}`, text: id })])
      : h('span', { class: 'muted', text: 'idle' }),
    worker.running_jobs.length > 5 ? ` and ${worker.running_jobs.length - 5} more` : ''),
    h('td', { text: worker.node_id ?? 'external' }),
    h('td', {}, time(worker.last_heartbeat_at))));
  return table('Registered workers', ['Worker', 'Status', 'Types', 'Busy slots', 'Running jobs', 'Node', 'Last heartbeat'], rows,
    { id: 'workers-table' });
}
