// Messages to the person: successes fade, errors stay until dismissed.
import { h } from './dom.js';

const FADE_MS = 6000;

export function notify(kind, message) {
  const container = document.getElementById('notices');
  const notice = h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('span', { text: message }),
    h('button', {
      type: 'button', class: 'dismiss', 'aria-label': 'Dismiss message', text: '×',
      on: { click: () => notice.remove() },
    }));
  container.append(notice);
  if (kind !== 'error') {
    setTimeout(() => notice.remove(), FADE_MS);
  }
  return notice;
}

/** Reports a failed action in words: `error` is usually an ApiError. */
export function notifyError(action, error) {
  const words = typeof error.explain === 'function' ? error.explain() : String(error.message || error);
  return notify('error', `${action} failed: ${words}`);
}
