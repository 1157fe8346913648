// The dashboard's shell: sign-in, navigation between views, and the live event stream feeding the view shown.
import * as api from './api.js';
import * as session from './session.js';
import { h, replace } from './dom.js';
import { LiveEvents } from './events.js';
import { refreshRelativeTimes } from './format.js';
import { notify } from './notices.js';
import { problemPanel } from './refresher.js';
import { ThroughputSampler } from './throughput.js';
import overview from './views/overview.js';
import jobs from './views/jobs.js';
import job from './views/job.js';
import submit from './views/submit.js';
import workers from './views/workers.js';
import backends from './views/backends.js';
import cluster from './views/cluster.js';

const VIEWS = { overview, jobs, job, submit, workers, backends, cluster };

const main = document.getElementById('main');
const live = new LiveEvents(showLiveStatus);
const sampler = new ThroughputSampler();
let current = null;

/** `#/jobs/ID?status=Failed` → {name: 'job', id: 'ID', params}. */
function route() {
  const [path, search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [section = 'overview', id] = path.split('/').map(decodeURIComponent);
  const name = section === 'jobs' && id ? 'job' : section;
  return { name: VIEWS[name] ? name : 'unknown', section, id, params: new URLSearchParams(search) };
}

export function navigate(hash) {
  if (location.hash === hash) {
    show();
  } else {
    location.hash = hash;
  }
}

function show() {
  current?.dispose?.();
  current = null;
  const where = route();
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === where.section) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  if (!session.token()) {
    replace(main, h('p', { class: 'muted', text: 'Sign in to see this node.' }));
    askForToken();
    return;
  }
  if (where.name === 'unknown') {
    replace(main, problemPanel('No such page', new Error(`"${location.hash}" is not a part of the dashboard`),
      () => navigate('#/overview')));
    return;
  }
  try {
    current = VIEWS[where.name](main, { route: where, navigate, sampler });
    document.title = `${main.querySelector('h1')?.textContent ?? 'Blixard'} · Blixard`;
    main.querySelector('h1')?.focus({ preventScroll: true });
  } catch (error) {
    console.error('the view failed', error);
    replace(main, problemPanel('This page failed to show', error, show));
  }
}

function showLiveStatus(state, words) {
  const status = document.getElementById('live-status');
  status.className = `live live-${state}`;
  status.textContent = words;
}

// Sign-in: the token is checked against the node before it is kept.
const dialog = document.getElementById('token-dialog');
const input = document.getElementById('token-input');
const tokenError = document.getElementById('token-error');

function askForToken(reason) {
  live.stop();
  sampler.stop();
  tokenError.textContent = reason ?? '';
  input.setAttribute('aria-invalid', reason ? 'true' : 'false');
  if (!dialog.open) {
    dialog.showModal();
  }
  input.focus();
}

document.getElementById('token-form').addEventListener('submit', async event => {
  event.preventDefault();
  const candidate = input.value.trim();
  if (!candidate) {
    tokenError.textContent = 'Enter a token: the dashboard cannot read the queue without one.';
    return;
  }
  const button = document.getElementById('token-submit');
  button.disabled = true;
  tokenError.textContent = 'Checking the token…';
  try {
    await api.call('GET', '/health', undefined, candidate);
    accept(candidate);
  } catch (error) {
    if (error.status === 401) {
      tokenError.textContent = 'This node does not accept that token: it is unknown, revoked or mistyped. '
        + 'The admin token is in DIR/admin.token of the node.';
      input.setAttribute('aria-invalid', 'true');
      input.select();
    } else if (error.status === 503) {
      accept(candidate); // a valid token; the node is just not ready, which the views say themselves
    } else {
      tokenError.textContent = `The token could not be checked. ${error.explain ? error.explain() : error.message}`;
    }
  } finally {
    button.disabled = false;
  }
});

// The dialog may not be closed without a token: there is nothing to show without one.
dialog.addEventListener('cancel', event => event.preventDefault());

function accept(candidate) {
  session.remember(candidate);
  input.value = '';
  tokenError.textContent = '';
  dialog.close();
  live.stop();
  live.start();
  sampler.start();
  show();
}

api.whenUnauthorized(() => {
  session.forget();
  askForToken('The node no longer accepts your token (revoked, or the node was reset). Sign in again.');
});

document.getElementById('sign-out').addEventListener('click', () => {
  session.forget();
  current?.dispose?.();
  current = null;
  replace(main, h('p', { class: 'muted', text: 'The token is forgotten in this tab.' }));
  notify('info', 'Signed out: the token was removed from this browser tab.');
  askForToken();
});

live.subscribe(events => current?.onEvents?.(events));
window.addEventListener('hashchange', show);
setInterval(() => refreshRelativeTimes(main), 5000);

if (session.token()) {
  live.start();
  sampler.start();
}
show();
