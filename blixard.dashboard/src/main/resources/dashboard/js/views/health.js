// Health as the API reports it ({status, message, details, checked_at}), shown the same way everywhere.
import { h, badge } from '../dom.js';

export function health(report) {
  if (!report) {
    return h('span', { class: 'muted', text: 'not reported' });
  }
  return h('span', { class: 'health' }, badge(report.status), ' ', h('span', { text: report.message ?? '' }));
}

/** Whether a batch of live events holds a worker event (a backend coming or going registers or loses one). */
export const anyWorkerEvent = events => events.some(event => event.topic?.startsWith('blixard/worker/') || event.topic === 'blixard/stream/GAP');
