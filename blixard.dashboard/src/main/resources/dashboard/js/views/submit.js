// Submit: a job from a form. Mistakes are named at their field, by the page (JSON that does not parse) or by
// the node (its problem+json `errors` name the fields), and nothing is submitted until the node accepts it.
import * as api from '../api.js';
import { h, heading } from '../dom.js';
import { notify } from '../notices.js';

const FIELDS = [
  { name: 'payload', label: 'Payload (JSON)', kind: 'textarea', value: '{\n  "message": "hello"\n}', required: true,
    help: 'Any JSON value: what the worker receives.' },
  { name: 'worker_types', label: 'Worker types', placeholder: 'mock, local', help: 'Comma-separated; empty means any worker.' },
  { name: 'priority', label: 'Priority', type: 'number', value: '0', help: 'Higher runs first.' },
  { name: 'max_attempts', label: 'Maximum attempts', type: 'number', value: '3' },
  { name: 'timeout_ms', label: 'Timeout (ms)', type: 'number', placeholder: 'none' },
  { name: 'run_after', label: 'Run after', type: 'datetime-local', help: 'Your local time; empty means now.' },
  { name: 'labels', label: 'Labels', kind: 'textarea', placeholder: 'team=data\nregion=eu', help: 'One key=value per line.' },
  { name: 'depends_on', label: 'Depends on', placeholder: 'job ids, comma-separated', help: 'Runs once all of them completed.' },
  { name: 'tenant', label: 'Tenant', placeholder: 'default' },
  { name: 'idempotency_key', label: 'Idempotency key', placeholder: 'optional', help: 'A repeated key returns the first job.' },
];

export default function submit(main, { navigate }) {
  const summary = h('div', { id: 'submit-problem', role: 'alert' });
  const inputs = {};
  const errors = {};
  const form = h('form', { id: 'submit-form', class: 'submit-form', novalidate: true, on: { submit: send } },
    FIELDS.map(field => {
      const id = `submit-${field.name.replace(/_/g, '-')}`;
      const errorId = `${id}-error`;
      const helpId = `${id}-help`;
      const control = field.kind === 'textarea'
        ? h('textarea', { id, name: field.name, rows: field.name === 'payload' ? 8 : 3, spellcheck: 'false', placeholder: field.placeholder, 'aria-describedby': `${helpId} ${errorId}` })
        : h('input', { id, name: field.name, type: field.type ?? 'text', placeholder: field.placeholder, autocomplete: 'off', 'aria-describedby': `${helpId} ${errorId}` });
      if (field.value) {
        control.value = field.value;
      }
      inputs[field.name] = control;
      errors[field.name] = h('p', { class: 'field-error', id: errorId });
      return h('div', { class: `field field-${field.name}` },
        h('label', { for: id, text: field.label + (field.required ? ' (required)' : '') }),
        control,
        h('p', { class: 'help', id: helpId, text: field.help ?? '' }),
        errors[field.name]);
    }),
    summary,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'submit-job', text: 'Submit job' })));
  main.replaceChildren(heading('Submit a job'), form);

  async function send(event) {
    event.preventDefault();
    clearErrors();
    let body;
    try {
      body = request(inputs);
    } catch (mistake) {
      showError(mistake.field, mistake.message);
      summary.replaceChildren(h('p', { class: 'problem', text: 'Nothing was submitted: correct the field marked below.' }));
      return;
    }
    const button = form.querySelector('#submit-job');
    button.disabled = true;
    try {
      const answer = await api.post('/queue/publish', body);
      notify('success', `Job ${answer.job_id} submitted.`);
      navigate(`#/jobs/${encodeURIComponent(answer.job_id)}`);
    } catch (error) {
      (error.violations ?? []).forEach(violation => showError(violation.field.split(/[.[]/)[0], violation.message));
      summary.replaceChildren(h('p', { class: 'problem', text: `Nothing was submitted. ${error.explain ? error.explain() : error.message}` }));
    } finally {
      button.disabled = false;
    }
  }

  function clearErrors() {
    summary.replaceChildren();
    for (const [name, element] of Object.entries(errors)) {
      element.textContent = '';
      inputs[name].removeAttribute('aria-invalid');
    }
  }

  function showError(field, message) {
    const target = errors[field] ? field : null;
    if (target) {
      errors[target].textContent = message;
      inputs[target].setAttribute('aria-invalid', 'true');
      inputs[target].focus();
    }
  }

  return {};
}

/** The publish request from the form; throws {field, message} for what the page can tell is wrong. */
function request(inputs) {
  const text = name => inputs[name].value.trim();
  const body = {};
  try {
    body.payload = JSON.parse(text('payload'));
  } catch (error) {
    throw { field: 'payload', message: `This is not valid JSON: ${error.message}` };
  }
  const list = name => text(name).split(',').map(item => item.trim()).filter(Boolean);
  if (list('worker_types').length) {
    body.worker_types = list('worker_types');
  }
  if (list('depends_on').length) {
    body.depends_on = list('depends_on');
  }
  for (const name of ['priority', 'max_attempts', 'timeout_ms']) {
    if (text(name) !== '') {
      const number = Number(text(name));
      if (!Number.isInteger(number)) {
        throw { field: name, message: 'Enter a whole number.' };
      }
      body[name] = number;
    }
  }
  if (text('run_after')) {
    body.run_after = new Date(text('run_after')).toISOString();
  }
  if (text('labels')) {
    body.labels = {};
    for (const line of text('labels').split('\n').map(l => l.trim()).filter(Boolean)) {
      const equals = line.indexOf('=');
      if (equals <= 0) {
        throw { field: 'labels', message: `"${line}" is not key=value.` };
      }
      body.labels[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
    }
  }
  for (const name of ['tenant', 'idempotency_key']) {
    if (text(name)) {
      body[name] = text(name);
    }
  }
  return body;
}
